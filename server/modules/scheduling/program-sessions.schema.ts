/**
 * The coordinator's view of every session in a program: the filters (shared with the client's filter bar) and
 * the shapes returned. Ranges are instants; the calendar asks for exactly what it shows.
 */
import { z } from "zod";
import { sessionKinds, sessionStatuses } from "../../../db/schema/enums";

const instant = z.iso.datetime({ offset: true, message: "Use an instant like 2026-03-09T14:00:00Z." });

export const programSessionsRangeInput = z.object({ programId: z.uuid(), from: instant, to: instant });
export type ProgramSessionsRangeInput = z.infer<typeof programSessionsRangeInput>;

export const programSessionsListInput = programSessionsRangeInput.extend({
  status: z.enum(sessionStatuses).optional(),
  kind: z.enum(sessionKinds).optional(),
  /** Part of a participant's name or email, or of a group session's title. */
  search: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  lateOnly: z.boolean().optional(),
});
export type ProgramSessionsListInput = z.infer<typeof programSessionsListInput>;

const attendance = z.enum(["attended", "no_show"]).nullable();

export const programSessionOutput = z.object({
  id: z.string(),
  kind: z.enum(sessionKinds),
  matchId: z.string().nullable(),
  start: z.date(),
  end: z.date(),
  status: z.enum(sessionStatuses),
  /** Group sessions: the title and seats; empty and null for one-to-one sessions. */
  title: z.string(),
  capacity: z.number().nullable(),
  seatsTaken: z.number(),
  /** The mentor (or a group session's host) and the mentee (null for group sessions, whose attendees are below). */
  mentor: z.object({ id: z.string(), name: z.string() }).nullable(),
  mentee: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Everyone taking part (seats given up on a live group session left out), with attendance once marked. */
  participants: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(["mentor", "mentee"]), attendance })),
  cancelReason: z.string(),
  lateCancellation: z.boolean(),
});
export type ProgramSessionOutput = z.infer<typeof programSessionOutput>;

export const programSessionsSummaryOutput = z.object({
  confirmed: z.number(),
  requested: z.number(),
  completed: z.number(),
  cancelled: z.number(),
  lateCancellations: z.number(),
  /** People marked as not attending (a session can count more than one). */
  noShows: z.number(),
});
export type ProgramSessionsSummaryOutput = z.infer<typeof programSessionsSummaryOutput>;
