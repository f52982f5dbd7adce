import { z } from "zod";

export const listDevMessagesInput = z.object({
  to: z.string().trim().max(254, "Use at most 254 characters.").optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListDevMessagesInput = z.input<typeof listDevMessagesInput>;

export const devMessage = z.object({
  id: z.string(),
  channel: z.enum(["email", "sms"]),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  createdAt: z.date(),
});

export const devMailboxList = z.object({
  /** False once both email and SMS go to real providers: the mailbox is closed and shows nothing. */
  enabled: z.boolean(),
  /** "all" for platform admins; "mine" for everyone else (only what the app sent to them). */
  scope: z.enum(["all", "mine"]),
  /** With scope "mine": the viewer's own address and phone the messages were sent to. */
  shownFor: z.object({ email: z.string(), phone: z.string().nullable() }).nullable(),
  messages: z.array(devMessage),
});
export type DevMailboxList = z.infer<typeof devMailboxList>;
