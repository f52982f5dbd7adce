import { z } from "zod";
import { authedProcedure, type Context, router } from "../../trpc";
import { externalBusyOf } from "../calendar-sync/calendar-sync.hooks";
import { notifyDepsOf } from "../notification/outbox.service";
import { bookSeries, previewSeries } from "./booking-series.service";
import { myBookableMatches } from "./my-matches.service";
import { acceptProposal, declineProposal, pendingForMatch, proposeTimes } from "./proposal.service";
import {
  acceptProposalInput,
  availabilityInput,
  availabilityOutput,
  bookInput,
  cancelInput,
  decideInput,
  declineInput,
  myMatchesOutput,
  mySessionsInput,
  pendingInput,
  pendingOutput,
  proposalIdInput,
  proposalOutput,
  proposeInput,
  rescheduleInput,
  seriesBookedOutput,
  seriesInput,
  seriesPreviewOutput,
  sessionOutput,
  slotsInput,
  slotsOutput,
} from "./scheduling.schema";
import * as scheduling from "./scheduling.service";

const deps = (ctx: Context): scheduling.Deps => ({ db: ctx.db, ...notifyDepsOf(ctx), externalBusy: externalBusyOf(ctx) });

/**
 * Sessions of a match. Mentors keep one set of booking rules across programs; slots are for the match's two
 * people and its program's staff; only the pair books, only participants move or cancel, only the mentor confirms
 * or declines a requested session. Access is checked in the service.
 */
export const schedulingRouter = router({
  myAvailability: authedProcedure.output(availabilityOutput).query(({ ctx }) => scheduling.myAvailability(deps(ctx), ctx.user)),

  saveAvailability: authedProcedure
    .input(availabilityInput)
    .output(availabilityOutput)
    .mutation(({ ctx, input }) => scheduling.saveAvailability(deps(ctx), ctx.user, input)),

  slots: authedProcedure
    .input(slotsInput)
    .output(slotsOutput)
    .query(({ ctx, input }) => scheduling.findSlots(deps(ctx), ctx.user, input)),

  /** The caller's active matches, for "Book a session with …". */
  myMatches: authedProcedure.output(myMatchesOutput).query(({ ctx }) => myBookableMatches(ctx.db, ctx.user)),

  book: authedProcedure
    .input(bookInput)
    .output(sessionOutput)
    .mutation(({ ctx, input }) => scheduling.bookSession(deps(ctx), ctx.user, input)),

  mySessions: authedProcedure
    .input(mySessionsInput)
    .output(z.array(sessionOutput))
    .query(({ ctx, input }) => scheduling.mySessions(deps(ctx), ctx.user, input)),

  cancel: authedProcedure
    .input(cancelInput)
    .output(z.object({ id: z.string(), status: z.literal("cancelled"), lateCancellation: z.boolean() }))
    .mutation(({ ctx, input }) => scheduling.cancelSession(deps(ctx), ctx.user, input)),

  confirm: authedProcedure
    .input(decideInput)
    .output(sessionOutput)
    .mutation(({ ctx, input }) => scheduling.confirmSession(deps(ctx), ctx.user, input)),

  decline: authedProcedure
    .input(declineInput)
    .output(sessionOutput)
    .mutation(({ ctx, input }) => scheduling.declineSession(deps(ctx), ctx.user, input)),

  reschedule: authedProcedure
    .input(rescheduleInput)
    .output(sessionOutput)
    .mutation(({ ctx, input }) => scheduling.rescheduleSession(deps(ctx), ctx.user, input)),

  /** A recurring series: every occurrence with the rule that blocks it, before booking. */
  previewSeries: authedProcedure
    .input(seriesInput)
    .output(seriesPreviewOutput)
    .query(({ ctx, input }) => previewSeries(deps(ctx), ctx.user, input)),

  /** Books every free occurrence of a series in one transaction; the others come back as conflicts. */
  bookSeries: authedProcedure
    .input(seriesInput)
    .output(seriesBookedOutput)
    .mutation(({ ctx, input }) => bookSeries(deps(ctx), ctx.user, input)),

  /** Requested sessions and open proposals of a match, for its two people. */
  pending: authedProcedure
    .input(pendingInput)
    .output(pendingOutput)
    .query(({ ctx, input }) => pendingForMatch(deps(ctx), ctx.user, input)),

  /** The mentor proposes up to three other times (for a requested session, or a new one). */
  propose: authedProcedure
    .input(proposeInput)
    .output(proposalOutput)
    .mutation(({ ctx, input }) => proposeTimes(deps(ctx), ctx.user, input)),

  /** The mentee picks one of the proposed times: the session is confirmed at it. */
  acceptProposal: authedProcedure
    .input(acceptProposalInput)
    .output(sessionOutput)
    .mutation(({ ctx, input }) => acceptProposal(deps(ctx), ctx.user, input)),

  declineProposal: authedProcedure
    .input(proposalIdInput)
    .output(z.object({ id: z.string(), status: z.literal("declined") }))
    .mutation(({ ctx, input }) => declineProposal(deps(ctx), ctx.user, input)),
});
