import { z } from "zod";
import { authedProcedure, router } from "../../trpc";
import { notifyDepsOf } from "./outbox.service";
import { listTemplatesInput, templateContentInput, templateKeyInput } from "./template.schema";
import * as templates from "./template.service";

const ok = z.object({ ok: z.literal(true) });

/** Platform templates: platform admins. A program's overrides: that program's coordinators. */
export const templateRouter = router({
  list: authedProcedure
    .input(listTemplatesInput)
    .output(z.array(templates.templateRow))
    .query(async ({ ctx, input }) => {
      await templates.assertCanEditScope(ctx, input.scope);
      return templates.listTemplates(ctx.db, input);
    }),

  /** Returns the HTML as stored (after the email allow-list) and, in words, what the allow-list removed. */
  save: authedProcedure
    .input(templateContentInput)
    .output(z.object({ ok: z.literal(true), html: z.string(), removed: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      await templates.assertCanEditScope(ctx, input.scope);
      const saved = await templates.saveTemplate(ctx, input);
      return { ok: true as const, html: saved.html, removed: saved.removed };
    }),

  reset: authedProcedure
    .input(templateKeyInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await templates.assertCanEditScope(ctx, input.scope);
      await templates.resetTemplate(ctx, input);
      return { ok: true as const };
    }),

  preview: authedProcedure
    .input(templateContentInput)
    .output(
      z.object({
        subject: z.string(),
        text: z.string(),
        html: z.string().nullable(),
        smsSegments: z.number().nullable(),
        problems: z.array(z.string()),
        /** What the email allow-list takes out of the HTML, in words; saving removes it. */
        removed: z.array(z.string()),
      }),
    )
    .query(async ({ ctx, input }) => {
      await templates.assertCanEditScope(ctx, input.scope);
      return templates.previewTemplate(ctx, input);
    }),

  sendTest: authedProcedure
    .input(templateContentInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await templates.assertCanEditScope(ctx, input.scope);
      await templates.sendTestTemplate(ctx, notifyDepsOf(ctx), input);
      return { ok: true as const };
    }),
});
