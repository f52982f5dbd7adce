import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "../../../db/schema/notifications";
import { authedProcedure, router } from "../../trpc";
import { unreadCount } from "./outbox.service";

const item = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

export const listNotificationsInput = z.object({
  limit: z.number().int().min(1).max(50).default(20),
  /** Cursor: the createdAt/id of the last item already shown. */
  before: z.object({ createdAt: z.date(), id: z.uuid() }).nullable().default(null),
  unreadOnly: z.boolean().default(false),
});

export const notificationRouter = router({
  list: authedProcedure
    .input(listNotificationsInput)
    .output(z.object({ items: z.array(item), nextCursor: z.object({ createdAt: z.date(), id: z.string() }).nullable() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({
          id: notifications.id,
          type: notifications.type,
          title: notifications.title,
          body: notifications.body,
          link: notifications.link,
          readAt: notifications.readAt,
          createdAt: notifications.createdAt,
        })
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, ctx.user.id),
            input.unreadOnly ? isNull(notifications.readAt) : undefined,
            input.before
              ? or(
                  lt(notifications.createdAt, input.before.createdAt),
                  and(eq(notifications.createdAt, input.before.createdAt), lt(notifications.id, input.before.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(input.limit + 1);
      const items = rows.slice(0, input.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
    }),

  unreadCount: authedProcedure
    .output(z.object({ unread: z.number() }))
    .query(async ({ ctx }) => ({ unread: await unreadCount(ctx.db, ctx.user.id) })),

  markRead: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ unread: z.number() }))
    .mutation(async ({ ctx, input }) => {
      return ctx.db.transaction(async (tx) => {
        // The user id in the WHERE is the ownership check: another person's id simply matches nothing.
        await tx
          .update(notifications)
          .set({ readAt: ctx.clock.now() })
          .where(and(eq(notifications.id, input.id), eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
        const unread = await unreadCount(tx, ctx.user.id);
        await ctx.realtime.toUser(tx, ctx.user.id, "notification:count", { unread });
        return { unread };
      });
    }),

  markAllRead: authedProcedure.output(z.object({ unread: z.number() })).mutation(async ({ ctx }) => {
    return ctx.db.transaction(async (tx) => {
      await tx
        .update(notifications)
        .set({ readAt: ctx.clock.now() })
        .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
      await ctx.realtime.toUser(tx, ctx.user.id, "notification:count", { unread: 0 });
      return { unread: 0 };
    });
  }),
});
