import { z } from "zod";
import { channels } from "../../../db/schema/notifications";
import { authedProcedure, type Context, publicProcedure, router } from "../../trpc";
import { listNotificationsInput, markReadInput, quietHoursInput, setPreferenceInput, unsubscribeInput } from "./notification.schema";
import * as notifications from "./notification.service";
import { unreadCount } from "./outbox.service";

const deps = (ctx: Context) => ({ db: ctx.db, clock: ctx.clock, realtime: ctx.realtime });
const ok = z.object({ ok: z.literal(true) });

export const notificationRouter = router({
  list: authedProcedure
    .input(listNotificationsInput)
    .output(
      z.object({
        items: z.array(notifications.notificationItem),
        nextCursor: z.object({ createdAt: z.date(), id: z.string() }).nullable(),
      }),
    )
    .query(({ ctx, input }) => notifications.listNotifications(deps(ctx), ctx.user.id, input)),

  unreadCount: authedProcedure
    .output(z.object({ unread: z.number() }))
    .query(async ({ ctx }) => ({ unread: await unreadCount(ctx.db, ctx.user.id, ctx.clock.now()) })),

  markRead: authedProcedure
    .input(markReadInput)
    .output(z.object({ unread: z.number() }))
    .mutation(({ ctx, input }) => notifications.markRead(deps(ctx), ctx.user.id, input.id)),

  markAllRead: authedProcedure
    .output(z.object({ unread: z.number() }))
    .mutation(({ ctx }) => notifications.markAllRead(deps(ctx), ctx.user.id)),

  preferences: authedProcedure
    .output(
      z.object({
        rows: z.array(notifications.preferenceRow),
        channels: z.array(z.enum(channels)),
        quietHours: z.object({ start: z.string(), end: z.string() }),
      }),
    )
    .query(async ({ ctx }) => ({
      rows: await notifications.preferenceMatrix(ctx.db, ctx.user.id),
      channels: [...channels],
      quietHours: await notifications.getQuietHours(ctx.db, ctx.user.id),
    })),

  setPreference: authedProcedure
    .input(setPreferenceInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await notifications.setPreference(ctx.db, ctx.user.id, input.type, input.channel, input.enabled);
      return { ok: true as const };
    }),

  setQuietHours: authedProcedure
    .input(quietHoursInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await notifications.setQuietHours(ctx.db, ctx.user.id, input.start, input.end);
      return { ok: true as const };
    }),

  /** The page behind the unsubscribe link in every non-mandatory email; works without signing in. */
  unsubscribe: publicProcedure
    .input(unsubscribeInput)
    .output(z.object({ typeLabel: z.string(), channel: z.enum(channels) }))
    .mutation(({ ctx, input }) => notifications.unsubscribe(ctx, input.token)),
});
