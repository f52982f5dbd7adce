import { z } from "zod";
import { membershipStatuses } from "../../../db/schema/enums";
import { checkWindows } from "../matching/availability";
import { communicationModes } from "../matching/matching.types";

export const urgencies = ["low", "medium", "high"] as const;
export const intakeRoles = ["mentor", "mentee"] as const;
export const stepStatuses = ["todo", "submitted", "approved", "rejected"] as const;
export const reviewOutcomes = ["approved", "rejected"] as const;
export { communicationModes };
// The same list as db/schema/programs.ts (checked in onboarding.service.ts), kept here free of drizzle so the
// client forms can import this file without pulling the database library into the bundle.
export const checklistSteps = ["code_of_conduct", "documents", "training", "background_check"] as const;

export const MAX_SKILLS = 32;
export const MAX_WINDOWS = 28;
export const CAPACITY_MAX = 20;
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_DOCUMENT_KINDS = 10;

const programId = z.uuid("Not a valid program id.");

export const programIdInput = z.object({ programId });

/** Which of the caller's memberships the intake belongs to; omitted = the mentor one, else the mentee one. */
export const myIntakeInput = z.object({ programId, role: z.enum(intakeRoles).optional() });

export const availabilityWindow = z.object({
  weekday: z.number().int("Choose a day of the week.").min(0, "Choose a day of the week.").max(6, "Choose a day of the week."),
  start: z.string().max(5, "Use a time like 09:30."),
  end: z.string().max(5, "Use a time like 17:00."),
});
export type AvailabilityWindow = z.infer<typeof availabilityWindow>;

export const saveIntakeInput = z
  .object({
    programId,
    role: z.enum(intakeRoles),
    /** Mentee: skills wanted. Mentor: topics offered in this program. */
    skills: z
      .array(z.string().trim().min(1, "A skill cannot be empty.").max(60, "Use at most 60 characters per skill."))
      .min(1, "Add at least one skill.")
      .max(MAX_SKILLS, `Use at most ${MAX_SKILLS} skills.`),
    goals: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
    preferredStyle: z.string().trim().max(500, "Use at most 500 characters.").default(""),
    availability: z.array(availabilityWindow).max(MAX_WINDOWS, `Use at most ${MAX_WINDOWS} windows.`).default([]),
    communication: z.array(z.enum(communicationModes)).max(communicationModes.length).default([]),
    urgency: z.enum(urgencies).default("medium"),
    /** Mentors only: mentees they take in this program. */
    capacity: z
      .number()
      .int("Enter a whole number.")
      .min(1, "Take at least 1 mentee.")
      .max(CAPACITY_MAX, `Take at most ${CAPACITY_MAX} mentees.`)
      .nullable()
      .default(null),
  })
  .superRefine((v, ctx) => {
    // The same rule the matching core uses, so a saved window is always one it can score.
    const problem = checkWindows(v.availability);
    if (problem)
      ctx.addIssue({
        code: "custom",
        path: problem.field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message: problem.message,
      });
    const seen = new Set<string>();
    for (const [i, s] of v.skills.entries()) {
      const key = s.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["skills", i], message: `"${s}" is listed twice.` });
      seen.add(key);
    }
    if (new Set(v.communication).size !== v.communication.length)
      ctx.addIssue({ code: "custom", path: ["communication"], message: "Each way of meeting can be chosen once." });
    if (v.role === "mentor" && v.capacity === null)
      ctx.addIssue({ code: "custom", path: ["capacity"], message: "Say how many mentees you can take in this program." });
  });
export type SaveIntakeInput = z.input<typeof saveIntakeInput>;

export const documentKind = z.object({
  kind: z
    .string()
    .trim()
    .min(1, "Give the document kind a short code.")
    .max(40, "Use at most 40 characters.")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and dashes, like cv or first-aid."),
  label: z.string().trim().min(1, "Give the document a name people understand.").max(80, "Use at most 80 characters."),
  required: z.boolean(),
});

export const setChecklistInput = z
  .object({
    programId,
    codeOfConduct: z.boolean(),
    documents: z.array(documentKind).max(MAX_DOCUMENT_KINDS, `Use at most ${MAX_DOCUMENT_KINDS} document kinds.`),
    trainingUrl: z
      .string()
      .trim()
      .max(500, "Use at most 500 characters.")
      .nullable()
      .transform((s) => (s ? s : null))
      .refine((s) => s === null || isHttpsUrl(s), "Use a full https:// address."),
    backgroundCheck: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const [i, d] of v.documents.entries()) {
      if (seen.has(d.kind))
        ctx.addIssue({ code: "custom", path: ["documents", i, "kind"], message: "Each document kind needs its own code." });
      seen.add(d.kind);
    }
  });
export type SetChecklistInput = z.input<typeof setChecklistInput>;

function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export const publishCodeOfConductInput = z.object({
  programId,
  body: z.string().trim().min(20, "Write the code of conduct (at least 20 characters).").max(20_000, "Use at most 20,000 characters."),
});
export type PublishCodeOfConductInput = z.input<typeof publishCodeOfConductInput>;

export const acknowledgeInput = z.object({ programId, version: z.number().int().min(1) });
export const removeDocumentInput = z.object({ programId, documentId: z.uuid("Not a valid document id.") });

export const reviewInput = z
  .object({
    programId,
    items: z
      .array(z.object({ membershipId: z.uuid("Not a valid membership id."), step: z.enum(checklistSteps) }))
      .min(1, "Choose at least one step to review.")
      .max(200, "Review at most 200 steps at once."),
    outcome: z.enum(reviewOutcomes),
    note: z.string().trim().max(1000, "Use at most 1,000 characters.").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "rejected" && v.note === "")
      ctx.addIssue({ code: "custom", path: ["note"], message: "Say why, so the mentor knows what to fix." });
  });
export type ReviewInput = z.input<typeof reviewInput>;

/** Query-string parameters of POST /uploads/document (the body is the file's raw bytes). */
export const uploadDocumentParams = z.object({
  programId,
  kind: z.string().min(1, "Choose the document kind.").max(40),
  filename: z.string().max(1000).default(""),
});

// ---------------------------------------------------------------- outputs (the procedures' .output shapes)

const windowOutput = z.object({ weekday: z.number(), start: z.string(), end: z.string() });

export const intakeOutput = z.object({
  role: z.enum(intakeRoles),
  membershipStatus: z.enum(membershipStatuses),
  /** False while the answers shown are prefilled from the profile and not yet saved. */
  saved: z.boolean(),
  updatedAt: z.date().nullable(),
  skills: z.array(z.string()),
  goals: z.string(),
  preferredStyle: z.string(),
  availability: z.array(windowOutput),
  communication: z.array(z.enum(communicationModes)),
  urgency: z.enum(urgencies),
  capacity: z.number().nullable(),
  /** Mentors: live matches in this program (capacity cannot go below it). */
  liveMatches: z.number(),
});

const documentFileOutput = z.object({
  id: z.string(),
  kind: z.string(),
  filename: z.string(),
  size: z.number(),
  contentType: z.string(),
  uploadedAt: z.date(),
  url: z.string(),
});

const stepOutput = z.object({
  step: z.enum(checklistSteps),
  label: z.string(),
  required: z.boolean(),
  status: z.enum(stepStatuses),
  note: z.string(),
  completedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  acknowledgedVersion: z.number().nullable(),
});

const cocVersionOutput = z.object({ version: z.number(), body: z.string(), createdAt: z.date() });

export const myChecklistOutput = z.object({
  membershipId: z.string(),
  membershipStatus: z.enum(membershipStatuses),
  readyAt: z.date().nullable(),
  steps: z.array(stepOutput),
  codeOfConduct: cocVersionOutput.nullable(),
  /** The mentor acknowledged an older version than the latest. */
  newVersionToAcknowledge: z.boolean(),
  documentKinds: z.array(z.object({ kind: z.string(), label: z.string(), required: z.boolean(), files: z.array(documentFileOutput) })),
  trainingUrl: z.string().nullable(),
  maxDocumentBytes: z.number(),
});

export const checklistConfigOutput = z.object({
  codeOfConduct: z.boolean(),
  documents: z.array(z.object({ kind: z.string(), label: z.string(), required: z.boolean() })),
  trainingUrl: z.string().nullable(),
  backgroundCheck: z.boolean(),
  versions: z.array(cocVersionOutput.extend({ createdByName: z.string().nullable() })),
  mentors: z.object({ total: z.number(), ready: z.number() }),
});

export const reviewQueueOutput = z.array(
  z.object({
    membershipId: z.string(),
    mentorId: z.string(),
    mentorName: z.string(),
    step: z.enum(checklistSteps),
    label: z.string(),
    status: z.enum(stepStatuses),
    /** When the mentor submitted (null for a background check waiting on staff). */
    submittedAt: z.date().nullable(),
    acknowledgedVersion: z.number().nullable(),
    documents: z.array(documentFileOutput),
  }),
);

export const reviewResultOutput = z.object({ reviewed: z.number(), nowReady: z.number() });

export const publishCodeOfConductOutput = z.object({ version: z.number() });
export const okOutput = z.object({ ok: z.literal(true) });
