import { z } from "zod";
import { channels } from "../../../db/schema/channels";

export const listNotificationsInput = z.object({
  limit: z.number().int().min(1).max(50).default(20),
  /** Cursor: the createdAt/id of the last item already shown. */
  before: z.object({ createdAt: z.date(), id: z.uuid() }).nullable().default(null),
  unreadOnly: z.boolean().default(false),
});

export const markReadInput = z.object({ id: z.uuid("Not a valid notification id.") });

export const setPreferenceInput = z.object({
  type: z.string().min(1).max(60),
  channel: z.enum(channels),
  enabled: z.boolean(),
});
export type SetPreferenceInput = z.infer<typeof setPreferenceInput>;

export const unsubscribeInput = z.object({ token: z.string().min(10, "This link is incomplete.").max(2000, "This link is invalid.") });

export const quietHoursInput = z.object({
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 21:00."),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 08:00."),
});
