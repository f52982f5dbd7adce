import { type Context, publicProcedure, router } from "../../trpc";
import { externalBusyOf } from "../calendar-sync/calendar-sync.hooks";
import { notifyDepsOf } from "../notification/outbox.service";
import type { Deps } from "../scheduling/scheduling.service";
import {
  sessionLinkCancelInput,
  sessionLinkCancelOutput,
  sessionLinkRescheduleInput,
  sessionLinkSlotsInput,
  sessionLinkSlotsOutput,
  sessionLinkViewInput,
  sessionLinkViewOutput,
} from "./session-link.schema";
import * as links from "./session-link.service";

const deps = (ctx: Context): Deps => ({ db: ctx.db, ...notifyDepsOf(ctx), externalBusy: externalBusyOf(ctx) });

/**
 * The page behind a session email's one-click links. Public: the signed token names the session and the person,
 * and the service acts as that person through the signed-in scheduling functions. Throttled per address.
 */
export const sessionLinkRouter = router({
  view: publicProcedure
    .input(sessionLinkViewInput)
    .output(sessionLinkViewOutput)
    .query(({ ctx, input }) => links.viewSessionLink(deps(ctx), ctx.request, input)),

  slots: publicProcedure
    .input(sessionLinkSlotsInput)
    .output(sessionLinkSlotsOutput)
    .query(({ ctx, input }) => links.sessionLinkSlots(deps(ctx), ctx.request, input)),

  reschedule: publicProcedure
    .input(sessionLinkRescheduleInput)
    .output(sessionLinkViewOutput)
    .mutation(({ ctx, input }) => links.rescheduleByLink(deps(ctx), ctx.request, input)),

  cancel: publicProcedure
    .input(sessionLinkCancelInput)
    .output(sessionLinkCancelOutput)
    .mutation(({ ctx, input }) => links.cancelByLink(deps(ctx), ctx.request, input)),
});
