import { z } from "zod";
import { channels } from "../../../db/schema/channels";

/** "platform" for the platform defaults, or a program id for that program's override. */
export const templateScope = z.union([z.literal("platform"), z.uuid("Not a valid program id.")]);

export const templateKeyInput = z.object({
  scope: templateScope,
  type: z.string().min(1).max(60),
  channel: z.enum(channels),
});

export const templateContentInput = templateKeyInput.extend({
  subject: z.string().max(200, "Use at most 200 characters.").default(""),
  body: z.string().min(1, "The message cannot be empty.").max(5000, "Use at most 5000 characters."),
  html: z.string().max(20000, "Use at most 20000 characters.").default(""),
});
export type TemplateContentInput = z.input<typeof templateContentInput>;

export const listTemplatesInput = z.object({ scope: templateScope });
