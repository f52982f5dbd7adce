import { z } from "zod";
import { joinModes, matchingModes, membershipStatuses, programTypes } from "../../../db/schema/enums";
import { isIanaTimezone } from "../profile/profile.schema";

export const programStatus = ["draft", "active", "archived"] as const;
export const membershipRoles = ["mentor", "mentee", "coordinator"] as const;
export const joinRoles = ["mentor", "mentee"] as const;
export const reminderChannels = ["email", "sms", "in_app"] as const;

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number(`Enter ${label} as a whole number.`)
    .int(`Enter ${label} as a whole number.`)
    .min(min, `Use ${min} to ${max}.`)
    .max(max, `Use ${min} to ${max}.`);

const weight = z
  .number("Enter a whole number from 0 to 100.")
  .int("Enter a whole number from 0 to 100.")
  .min(0, "Enter a whole number from 0 to 100.")
  .max(100, "Enter a whole number from 0 to 100.");

/** The four criterion weights; the service checks they add up to 100 (assertWeights in matching/score.ts). */
export const weightsInput = z.object({ skills: weight, availability: weight, communication: weight, capacity: weight });
export type WeightsInput = z.infer<typeof weightsInput>;

/** At most 30 days before the event. */
export const MAX_REMINDER_MINUTES = 30 * 24 * 60;

export const reminderOffsetInput = z.object({
  minutesBefore: wholeNumber("the minutes before", 1, MAX_REMINDER_MINUTES),
  channels: z
    .array(z.enum(reminderChannels))
    .min(1, "Choose at least one channel.")
    .max(3)
    .refine((c) => new Set(c).size === c.length, "Choose each channel once."),
});

export const reminderOffsetsInput = z
  .array(reminderOffsetInput)
  .max(8, "Use at most 8 reminders.")
  .refine((list) => new Set(list.map((o) => o.minutesBefore)).size === list.length, "Two reminders have the same time.");

const dateOrNull = z.iso.date("Enter a date as YYYY-MM-DD.").nullable();

export const bookingConfirmations = ["instant", "mentor_confirms"] as const;
/** Holidays and closures for a few years; well under the slot engine's own limit, so a saved list is always usable. */
export const MAX_PROGRAM_BLACKOUT_DATES = 200;

/** Calendar days in the program's zone when nothing can be booked; stored sorted, each once. */
export const blackoutDatesInput = z
  .array(z.iso.date("Enter each date as YYYY-MM-DD."))
  .max(MAX_PROGRAM_BLACKOUT_DATES, `Use at most ${MAX_PROGRAM_BLACKOUT_DATES} blackout dates.`)
  .refine((dates) => new Set(dates).size === dates.length, "Each blackout date can be listed once.")
  .transform((dates) => [...dates].sort());

const programTimeZone = z
  .string()
  .trim()
  .min(1, "Choose a time zone.")
  .max(64, "Choose a valid time zone, for example Europe/Berlin.")
  .refine(isIanaTimezone, "Choose a valid time zone, for example Europe/Berlin.");

/**
 * Every program setting. Cross-field rules (the reminder before the deadline, the end on or after the start)
 * are checked by the service against the saved values too, so a partial update cannot slip past them.
 */
export const programSettingsShape = {
  type: z.enum(programTypes),
  joinMode: z.enum(joinModes),
  requiresApproval: z.boolean(),
  matchingMode: z.enum(matchingModes),
  weights: weightsInput,
  minScore: wholeNumber("the minimum score", 0, 100),
  suggestionCount: wholeNumber("the number of suggestions", 1, 10),
  requestDeadlineHours: wholeNumber("the deadline", 1, 720),
  requestReminderHours: wholeNumber("the reminder", 1, 719),
  openRequestLimit: wholeNumber("the limit", 1, 10),
  sessionMinutes: wholeNumber("the session length", 15, 480),
  sessionsPerMatch: wholeNumber("the number of sessions", 1, 100),
  startsOn: dateOrNull,
  endsOn: dateOrNull,
  reminderOffsets: reminderOffsetsInput,
  timezone: programTimeZone,
  blackoutDates: blackoutDatesInput,
  bookingConfirmation: z.enum(bookingConfirmations),
  cancelNoticeHours: wholeNumber("the cancellation notice", 0, 168),
  noShowThreshold: wholeNumber("the no-show threshold", 1, 10),
};

const nameInput = z.string().trim().min(2, "Use at least 2 characters.").max(120, "Use at most 120 characters.");
const slugInput = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(60, "Use at most 60 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.");
const descriptionInput = z.string().trim().max(4000, "Use at most 4000 characters.");

export const createProgramInput = z.object({
  name: nameInput,
  slug: slugInput,
  description: descriptionInput.default(""),
  status: z.enum(["draft", "active"]).default("active"),
  ...z.object(programSettingsShape).partial().shape,
});
export type CreateProgramInput = z.input<typeof createProgramInput>;

/** Admins and the program's coordinators; only admins change the address (slug). Archiving has its own procedure. */
export const updateProgramInput = z.object({
  programId: z.uuid(),
  name: nameInput.optional(),
  slug: slugInput.optional(),
  description: descriptionInput.optional(),
  status: z.enum(["draft", "active"]).optional(),
  ...z.object(programSettingsShape).partial().shape,
});
export type UpdateProgramInput = z.input<typeof updateProgramInput>;

export const programIdInput = z.object({ programId: z.uuid("Not a valid program id.") });

export const duplicateProgramInput = z.object({ programId: z.uuid(), name: nameInput, slug: slugInput });
export type DuplicateProgramInput = z.input<typeof duplicateProgramInput>;

export const addMemberInput = z.object({
  programId: z.uuid(),
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  role: z.enum(membershipRoles),
});

export const setMemberStatusInput = z.object({
  programId: z.uuid(),
  membershipId: z.uuid(),
  status: z.enum(membershipStatuses),
});

export const regenerateInviteInput = z.object({ programId: z.uuid(), kind: z.enum(["link", "code"]) });

/** Invite codes are shown as ABCD-EFGH; people type them with spaces, dashes or in lower case. */
export function normaliseInviteCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toUpperCase();
}

const tokenInput = z
  .string()
  .trim()
  .min(1, "The invite link is incomplete.")
  .max(200, "This invite link is not valid.")
  .regex(/^[A-Za-z0-9_-]+$/, "This invite link is not valid.");
const codeInput = z
  .string()
  .trim()
  .min(1, "Enter the invite code.")
  .max(40, "This invite code is not valid.")
  .regex(/^[A-Za-z0-9 -]+$/, "Invite codes have only letters and digits.");

/** Where a join points: the invite link's token, a typed code, or (open programs) the program id. Exactly one. */
const joinTargetShape = {
  token: tokenInput.optional(),
  code: codeInput.optional(),
  programId: z.uuid("Not a valid program id.").optional(),
};

/** What the join page shows before joining. */
export const joinPreviewInput = z.object(joinTargetShape);
export type JoinPreviewInput = z.input<typeof joinPreviewInput>;

export const joinProgramInput = z.object({ role: z.enum(joinRoles, "Choose mentor or mentee."), ...joinTargetShape });
export type JoinProgramInput = z.input<typeof joinProgramInput>;

export const decideMembershipsInput = z.object({
  programId: z.uuid(),
  membershipIds: z
    .array(z.uuid("Not a valid membership id."))
    .min(1, "Choose at least one person.")
    .max(500, "Decide at most 500 at once."),
  decision: z.enum(["approve", "decline"]),
  note: z.string().trim().max(1000, "Use at most 1000 characters.").default(""),
});
export type DecideMembershipsInput = z.input<typeof decideMembershipsInput>;

// ---------------------------------------------------------------- outputs (the procedures' .output shapes)

const weightsOutput = z.object({ skills: z.number(), availability: z.number(), communication: z.number(), capacity: z.number() });

export const programOutput = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  status: z.enum(programStatus),
  type: z.enum(programTypes),
  joinMode: z.enum(joinModes),
  requiresApproval: z.boolean(),
  matchingMode: z.enum(matchingModes),
  weights: weightsOutput,
  minScore: z.number(),
  suggestionCount: z.number(),
  requestDeadlineHours: z.number(),
  requestReminderHours: z.number(),
  openRequestLimit: z.number(),
  sessionMinutes: z.number(),
  sessionsPerMatch: z.number(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  reminderOffsets: z.array(z.object({ minutesBefore: z.number(), channels: z.array(z.enum(reminderChannels)) })),
  timezone: z.string(),
  blackoutDates: z.array(z.string()),
  bookingConfirmation: z.enum(bookingConfirmations),
  cancelNoticeHours: z.number(),
  noShowThreshold: z.number(),
  archivedAt: z.date().nullable(),
  counts: z.object({ mentors: z.number(), mentees: z.number(), coordinators: z.number(), pending: z.number() }),
  /** Roles the viewer holds (active). */
  myRoles: z.array(z.enum(membershipRoles)),
  /** Roles the viewer asked for and that wait for a coordinator's approval. */
  myPendingRoles: z.array(z.enum(membershipRoles)),
});
export type ProgramOutput = z.infer<typeof programOutput>;

/** The invite link and code are for the program's staff only. */
export const inviteOutput = z.object({ token: z.string(), code: z.string(), link: z.string() });
export const programDetailOutput = programOutput.extend({ invite: inviteOutput.nullable() });
export type ProgramDetailOutput = z.infer<typeof programDetailOutput>;

export const memberOutput = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  role: z.enum(membershipRoles),
  status: z.enum(membershipStatuses),
  joinedAt: z.date(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string(),
  /** Mentors: when the checklist was complete (null = not ready to be matched yet). */
  readyAt: z.date().nullable(),
});

export const joinRequestOutput = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  role: z.enum(membershipRoles),
  requestedAt: z.date(),
  timezone: z.string(),
  bio: z.string(),
  /** Mentor: headline and expertise. Mentee: interests and first goal. */
  headline: z.string(),
  tags: z.array(z.string()),
  goal: z.string(),
});

export const directoryOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(programTypes),
  requiresApproval: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  counts: z.object({ mentors: z.number(), mentees: z.number() }),
  myRoles: z.array(z.enum(membershipRoles)),
  myPendingRoles: z.array(z.enum(membershipRoles)),
});

export const joinPreviewOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(programTypes),
  status: z.enum(programStatus),
  requiresApproval: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** The viewer's memberships, so the page can say "you are already a mentor here". */
  mine: z.array(z.object({ role: z.enum(membershipRoles), status: z.enum(membershipStatuses) })),
});

export const joinResultOutput = z.object({
  programId: z.string(),
  membershipId: z.string(),
  status: z.enum(["active", "pending"]),
});
export const createdOutput = z.object({ id: z.string() });
export const addMemberOutput = z.object({ membershipId: z.string() });
export const decideMembershipsOutput = z.object({ decided: z.number() });
export const okOutput = z.object({ ok: z.literal(true) });
/** The seeded demo program's invite code, or null once it no longer takes it (demo-invite.service.ts). */
export const demoInviteOutput = z.object({ programName: z.string(), code: z.string() }).nullable();
