/**
 * Inputs of the scheduling procedures, shared by the tRPC router and the client forms, and the shapes they
 * return. The availability form's shape is checked here; its meaning (valid clock times, no duplicate dates,
 * limits) is checked by assertAvailabilityRules, which names the field that is wrong.
 */
import { z } from "zod";
import { seriesFrequencies, sessionKinds, sessionStatuses } from "../../../db/schema/enums";
import { MAX_OVERRIDES, MAX_WEEKLY_WINDOWS, MAX_WINDOWS_PER_OVERRIDE } from "./availability-rules";

const clock = z.string().trim().max(5, "Use a time like 09:30.");
const dayWindow = z.object({ start: clock, end: clock });
const instant = z.iso.datetime({ offset: true, message: "Use an instant like 2026-03-09T14:00:00Z." });

export const availabilityInput = z.object({
  weekly: z
    .array(z.object({ weekday: z.number().int("Choose a day of the week."), start: clock, end: clock }))
    .max(MAX_WEEKLY_WINDOWS, `At most ${MAX_WEEKLY_WINDOWS} weekly windows.`),
  overrides: z
    .array(
      z.discriminatedUnion("kind", [
        z.object({ date: z.string().max(10), kind: z.literal("blocked") }),
        z.object({ date: z.string().max(10), kind: z.literal("replace"), windows: z.array(dayWindow).max(MAX_WINDOWS_PER_OVERRIDE) }),
        z.object({ date: z.string().max(10), kind: z.literal("extra"), windows: z.array(dayWindow).max(MAX_WINDOWS_PER_OVERRIDE) }),
      ]),
    )
    .max(MAX_OVERRIDES, `At most ${MAX_OVERRIDES} date overrides.`),
  bufferBeforeMinutes: z.number().int("Use whole minutes."),
  bufferAfterMinutes: z.number().int("Use whole minutes."),
  minimumNotice: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("hours"), hours: z.number() }),
    z.object({ kind: z.literal("next-day") }),
  ]),
  maxPerDay: z.number().int("Use a whole number.").nullable(),
  maxPerWeek: z.number().int("Use a whole number.").nullable(),
});
export type AvailabilityInput = z.infer<typeof availabilityInput>;

export const availabilityOutput = availabilityInput.extend({
  /** The mentor's own zone: every time above is read in it. */
  timeZone: z.string(),
  updatedAt: z.date().nullable(),
});

export const slotsInput = z.object({
  matchId: z.uuid(),
  from: instant,
  to: instant,
  /** The zone to show times in; the viewer's profile zone when left out. */
  viewerTimeZone: z.string().trim().max(64).optional(),
});
export type SlotsInput = z.infer<typeof slotsInput>;

export const slotsOutput = z.object({
  viewerTimeZone: z.string(),
  otherTimeZone: z.string(),
  sessionMinutes: z.number(),
  slots: z.array(z.object({ start: z.string(), end: z.string(), viewerLocal: z.string(), otherLocal: z.string() })),
  /** "Why no slots?": which rules removed the time, in plain sentences (empty when there are slots). */
  whyNone: z.array(z.string()),
});

export const bookInput = z.object({ matchId: z.uuid(), start: instant });
export type BookInput = z.infer<typeof bookInput>;

/**
 * A session as one participant sees it. One-to-one: `other` is the other person. Group (office hours): for an
 * attendee `other` is the host; for the host it is null and `seatsTaken` says how full it is.
 */
export const sessionOutput = z.object({
  id: z.string(),
  kind: z.enum(sessionKinds),
  matchId: z.string().nullable(),
  programId: z.string(),
  title: z.string(),
  capacity: z.number().nullable(),
  seatsTaken: z.number(),
  start: z.date(),
  end: z.date(),
  status: z.enum(sessionStatuses),
  role: z.enum(["mentor", "mentee"]),
  other: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }).nullable(),
  cancelReason: z.string(),
  lateCancellation: z.boolean(),
});
export type SessionOutput = z.infer<typeof sessionOutput>;

export const mySessionsInput = z.object({ from: instant, to: instant });

export const cancelInput = z.object({
  sessionId: z.uuid(),
  reason: z.string().trim().min(1, "Enter a reason for cancelling.").max(500, "Use at most 500 characters."),
});
export type CancelInput = z.infer<typeof cancelInput>;

export const decideInput = z.object({ sessionId: z.uuid() });
export type DecideInput = z.infer<typeof decideInput>;

export const declineInput = z.object({
  sessionId: z.uuid(),
  reason: z.string().trim().min(1, "Enter a reason for declining.").max(500, "Use at most 500 characters."),
});
export type DeclineInput = z.infer<typeof declineInput>;

export const rescheduleInput = z.object({
  sessionId: z.uuid(),
  start: instant,
  reason: z.string().trim().min(1, "Enter a reason for moving the session.").max(500, "Use at most 500 characters."),
});
export type RescheduleInput = z.infer<typeof rescheduleInput>;

/** The caller's active matches in every program, for "Book a session with …". */
export const myMatchesOutput = z.array(
  z.object({
    matchId: z.string(),
    programId: z.string(),
    programName: z.string(),
    myRole: z.enum(["mentor", "mentee"]),
    partner: z.object({ id: z.string(), name: z.string() }),
  }),
);

export const pendingInput = z.object({ matchId: z.uuid(), viewerTimeZone: z.string().trim().max(64).optional() });
export type PendingInput = z.infer<typeof pendingInput>;

/** A time as both people read it (see slot-display.ts). */
const shownTime = z.object({ start: z.string(), end: z.string(), viewerLocal: z.string(), otherLocal: z.string() });

// Recurring series

export const MAX_SERIES_OCCURRENCES = 12;
export const seriesInput = z.object({
  matchId: z.uuid(),
  start: instant,
  frequency: z.enum(seriesFrequencies, "Choose weekly, fortnightly or monthly."),
  occurrences: z
    .number()
    .int("Use a whole number.")
    .min(2, "A series has at least 2 sessions.")
    .max(MAX_SERIES_OCCURRENCES, `A series has at most ${MAX_SERIES_OCCURRENCES} sessions.`),
  viewerTimeZone: z.string().trim().max(64).optional(),
});
export type SeriesInput = z.infer<typeof seriesInput>;

/** Why one occurrence cannot be booked: the rule's code and the sentence naming it. */
const seriesConflict = z.object({ rule: z.string(), message: z.string() });

export const seriesPreviewOutput = z.object({
  occurrences: z.array(
    shownTime.extend({
      /** Set when the month has no such day and the occurrence moved to the month's last day. */
      note: z.string(),
      conflict: seriesConflict.nullable(),
    }),
  ),
});

export const seriesBookedOutput = z.object({
  seriesId: z.string(),
  /** Every booked session's status: confirmed, or requested when the mentor confirms each one. */
  status: z.enum(["confirmed", "requested"]),
  booked: z.array(shownTime.extend({ sessionId: z.string() })),
  conflicts: z.array(shownTime.extend(seriesConflict.shape)),
});

// Other times a mentor proposes

export const MAX_PROPOSED_TIMES = 3;
export const proposeInput = z.object({
  matchId: z.uuid(),
  /** The requested session these times replace; left out to propose a new session. */
  sessionId: z.uuid().optional(),
  starts: z
    .array(instant)
    .min(1, "Pick at least one time.")
    .max(MAX_PROPOSED_TIMES, `Propose at most ${MAX_PROPOSED_TIMES} times.`)
    .refine((s) => new Set(s.map((x) => Date.parse(x))).size === s.length, "Pick each time only once."),
  message: z.string().trim().max(500, "Use at most 500 characters."),
});
export type ProposeInput = z.infer<typeof proposeInput>;

export const acceptProposalInput = z.object({ proposalId: z.uuid(), start: instant });
export type AcceptProposalInput = z.infer<typeof acceptProposalInput>;

export const proposalIdInput = z.object({ proposalId: z.uuid() });
export type ProposalIdInput = z.infer<typeof proposalIdInput>;

export const proposalOutput = z.object({
  id: z.string(),
  matchId: z.string(),
  sessionId: z.string().nullable(),
  status: z.enum(["open", "accepted", "declined", "withdrawn"]),
  times: z.array(shownTime),
  message: z.string(),
  createdAt: z.date(),
});
export type ProposalOutput = z.infer<typeof proposalOutput>;

/** What waits for an answer in a match: requested sessions (the mentor answers) and open proposals (the mentee picks). */
export const pendingOutput = z.object({
  requested: z.array(sessionOutput.extend({ viewerLocal: z.string(), otherLocal: z.string() })),
  proposals: z.array(proposalOutput),
});
