/**
 * Inputs of the office hours procedures (group sessions with seats), shared by the tRPC router and the client's
 * host form, and the shape a group session is returned in.
 */
import { z } from "zod";
import { sessionStatuses } from "../../../db/schema/enums";

export const MAX_SEATS = 200;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 8 * 60;
export const MAX_REPEAT_WEEKS = 12;

const instant = z.iso.datetime({ offset: true, message: "Choose a date and time." });
const title = z.string().trim().min(1, "Give the session a title.").max(120, "Use at most 120 characters.");
const capacity = z
  .number("Enter the number of seats.")
  .int("Use a whole number of seats.")
  .min(1, "Offer at least one seat.")
  .max(MAX_SEATS, `Offer at most ${MAX_SEATS} seats.`);
const description = z.string().trim().max(2000, "Use at most 2,000 characters.");
const durationMinutes = z
  .number("Enter the length in minutes.")
  .int("Use whole minutes.")
  .min(MIN_DURATION_MINUTES, `Make it at least ${MIN_DURATION_MINUTES} minutes.`)
  .max(MAX_DURATION_MINUTES, "Make it at most 8 hours.");
const reason = (prompt: string) => z.string().trim().min(1, prompt).max(500, "Use at most 500 characters.");

export const listOfficeHoursInput = z.object({ programId: z.uuid() });
export type ListOfficeHoursInput = z.infer<typeof listOfficeHoursInput>;

export const hostOfficeHoursInput = z.object({
  programId: z.uuid(),
  title,
  start: instant,
  /** The program's session length when left out. */
  durationMinutes: durationMinutes.optional(),
  capacity,
  description: description.optional(),
  /** Weekly occurrences at the same local time in the host's zone, this one included (1 when left out). */
  repeatWeeks: z
    .number("Enter the number of weeks.")
    .int("Use a whole number of weeks.")
    .min(1, "Use at least 1 week.")
    .max(MAX_REPEAT_WEEKS, `Repeat for at most ${MAX_REPEAT_WEEKS} weeks.`)
    .optional(),
});
export type HostOfficeHoursInput = z.infer<typeof hostOfficeHoursInput>;

export const editOfficeHoursInput = z.object({ sessionId: z.uuid(), title, capacity, description });
export type EditOfficeHoursInput = z.infer<typeof editOfficeHoursInput>;

export const moveOfficeHoursInput = z.object({
  sessionId: z.uuid(),
  start: instant,
  /** The current length when left out. */
  durationMinutes: durationMinutes.optional(),
  reason: reason("Enter a reason for moving the session."),
});
export type MoveOfficeHoursInput = z.infer<typeof moveOfficeHoursInput>;

export const cancelOfficeHoursInput = z.object({ sessionId: z.uuid(), reason: reason("Enter a reason for cancelling.") });
export type CancelOfficeHoursInput = z.infer<typeof cancelOfficeHoursInput>;

export const seatInput = z.object({ sessionId: z.uuid() });
export type SeatInput = z.infer<typeof seatInput>;

const person = z.object({ id: z.string(), name: z.string(), timeZone: z.string() });

/**
 * A group session as one viewer sees it. `mine`: the viewer hosts it or holds a seat. `attendees` are listed
 * only to those who manage it (its host and the program's staff); everyone else gets an empty list.
 */
export const officeHoursOutput = z.object({
  id: z.string(),
  programId: z.string(),
  title: z.string(),
  description: z.string(),
  start: z.date(),
  end: z.date(),
  status: z.enum(sessionStatuses),
  capacity: z.number(),
  seatsTaken: z.number(),
  seatsLeft: z.number(),
  host: person,
  mine: z.enum(["host", "seat"]).nullable(),
  canManage: z.boolean(),
  attendees: z.array(z.object({ id: z.string(), name: z.string() })),
  cancelReason: z.string(),
  lateCancellation: z.boolean(),
});
export type OfficeHoursOutput = z.infer<typeof officeHoursOutput>;

/** What hosting made: the sessions opened, and each weekly date refused (with why) rather than skipped silently. */
export const hostOfficeHoursOutput = z.object({
  created: z.array(officeHoursOutput),
  conflicts: z.array(z.object({ start: z.date(), message: z.string() })),
});
export type HostOfficeHoursOutput = z.infer<typeof hostOfficeHoursOutput>;
