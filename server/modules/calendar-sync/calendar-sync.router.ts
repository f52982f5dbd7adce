import { authedProcedure, type Context, router } from "../../trpc";
import { calendarStatus, disconnectCalendar } from "./calendar-connection.service";
import { createFeed, deleteFeed, type FeedDeps, feedOf } from "./calendar-feed.service";
import { calendarStatusOutput, feedOutput, newFeedOutput, ok } from "./calendar-sync.schema";

const feedDeps = (ctx: Context): FeedDeps => ({ db: ctx.db, clock: ctx.clock, publicUrl: ctx.config.publicUrl });

/** The caller's own calendar links: the private subscription feed and the Google Calendar connection. */
export const calendarSyncRouter = router({
  /** Whether the caller has a feed URL (the URL itself is shown only when made). */
  feed: authedProcedure.output(feedOutput).query(({ ctx }) => feedOf(feedDeps(ctx), ctx.user)),

  createFeed: authedProcedure.output(newFeedOutput).mutation(({ ctx }) => createFeed(feedDeps(ctx), ctx.user)),

  /** A new secret URL; the old one stops working at once. */
  regenerateFeed: authedProcedure.output(newFeedOutput).mutation(({ ctx }) => createFeed(feedDeps(ctx), ctx.user)),

  deleteFeed: authedProcedure.output(ok).mutation(async ({ ctx }) => {
    await deleteFeed(feedDeps(ctx), ctx.user);
    return { ok: true as const };
  }),

  status: authedProcedure.output(calendarStatusOutput).query(({ ctx }) => calendarStatus(ctx, ctx.user)),

  disconnect: authedProcedure.output(ok).mutation(async ({ ctx }) => {
    await disconnectCalendar(ctx, ctx.user);
    return { ok: true as const };
  }),
});
