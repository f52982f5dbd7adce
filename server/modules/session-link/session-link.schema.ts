/**
 * Inputs and outputs of the one-click session page (/s/<token>), shared by the router and the page's forms. The
 * reason and start rules are the signed-in ones (scheduling.schema.ts), so a link can do nothing the app refuses.
 */
import { z } from "zod";
import { sessionStatuses } from "../../../db/schema/enums";
import { cancelInput, rescheduleInput, slotsInput, slotsOutput } from "../scheduling/scheduling.schema";

export const INVALID_LINK = "This link is not valid.";

const token = z.string().trim().min(10, INVALID_LINK).max(2000, INVALID_LINK);

export const sessionLinkViewInput = z.object({ token });
export type SessionLinkViewInput = z.infer<typeof sessionLinkViewInput>;

export const sessionLinkSlotsInput = slotsInput.pick({ from: true, to: true }).extend({ token });
export type SessionLinkSlotsInput = z.infer<typeof sessionLinkSlotsInput>;

export const sessionLinkRescheduleInput = rescheduleInput.pick({ start: true, reason: true }).extend({ token });
export type SessionLinkRescheduleInput = z.infer<typeof sessionLinkRescheduleInput>;

export const sessionLinkCancelInput = cancelInput.pick({ reason: true }).extend({ token });
export type SessionLinkCancelInput = z.infer<typeof sessionLinkCancelInput>;

/** The session as the link's person sees it: their own zone first, the other person's local time beside it. */
export const sessionLinkViewOutput = z.object({
  sessionId: z.string(),
  programName: z.string(),
  personName: z.string(),
  role: z.enum(["mentor", "mentee"]),
  otherName: z.string(),
  status: z.enum(sessionStatuses),
  start: z.date(),
  end: z.date(),
  timeZone: z.string(),
  /** "Thu 5 Mar, 11:00-12:00" in the person's zone. */
  localTime: z.string(),
  /** "Thu 5 Mar, 05:00-06:00 (America/New_York)". */
  otherLocalTime: z.string(),
  canReschedule: z.boolean(),
  canCancel: z.boolean(),
  /** The program's notice: changes closer to the start than this are allowed but recorded as late. */
  noticeHours: z.number(),
  isInsideNotice: z.boolean(),
});
export type SessionLinkView = z.infer<typeof sessionLinkViewOutput>;

export const sessionLinkSlotsOutput = slotsOutput;

export const sessionLinkCancelOutput = z.object({ status: z.literal("cancelled"), lateCancellation: z.boolean() });
