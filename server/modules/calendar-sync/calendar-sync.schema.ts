import { z } from "zod";

/** The caller's subscription feed: the full URL only right after it was made (only a hash is kept). */
export const feedOutput = z.object({
  exists: z.boolean(),
  createdAt: z.date().nullable(),
});
export type FeedOutput = z.infer<typeof feedOutput>;

export const newFeedOutput = z.object({
  /** https form, for Google Calendar's "From URL" and for copying. */
  url: z.string(),
  /** webcal:// form: Apple Calendar and Outlook offer to subscribe. */
  webcalUrl: z.string(),
  createdAt: z.date(),
});
export type NewFeedOutput = z.infer<typeof newFeedOutput>;

export const calendarStatusOutput = z.object({
  /** "google": the real Google Calendar API; "dev": nothing leaves the server (no Google account used). */
  provider: z.enum(["google", "dev"]),
  state: z.enum(["not_connected", "connected", "broken"]),
  accountEmail: z.string().nullable(),
  connectedAt: z.date().nullable(),
});
export type CalendarStatusOutput = z.infer<typeof calendarStatusOutput>;

export const ok = z.object({ ok: z.literal(true) });
