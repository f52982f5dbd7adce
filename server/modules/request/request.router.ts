import { z } from "zod";
import { authedProcedure, type Context, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import {
  answerInfoInput,
  askInfoInput,
  browseMentorsInput,
  browseOutput,
  declineRequestInput,
  myRequestsOutput,
  requestIdInput,
  requestMentorInput,
  requestOutput,
  requestProgramInput,
  suggestionsOutput,
  transitionOutput,
} from "./request.schema";
import * as requests from "./request.service";

const deps = (ctx: Context) => ({ db: ctx.db, ...notifyDepsOf(ctx) });

/**
 * Mentee-choice matching. Mentees read suggestions, browse and send requests; the request's mentor answers;
 * either party (and the program's staff) can read one request. Ownership is checked in the service.
 */
export const requestRouter = router({
  suggestions: programRoleProcedure("mentee")
    .input(requestProgramInput)
    .output(suggestionsOutput)
    .query(({ ctx, input }) => requests.suggestions(deps(ctx), ctx.user, input.programId)),

  browse: programRoleProcedure("mentee")
    .input(browseMentorsInput)
    .output(browseOutput)
    .query(({ ctx, input }) => requests.browse(deps(ctx), ctx.user, input)),

  create: programRoleProcedure("mentee")
    .input(requestMentorInput)
    .output(transitionOutput)
    .mutation(({ ctx, input }) => requests.createRequest(deps(ctx), ctx.user, input)),

  mine: programRoleProcedure("mentee")
    .input(requestProgramInput)
    .output(myRequestsOutput)
    .query(({ ctx, input }) => requests.myRequests(deps(ctx), ctx.user, input.programId)),

  incoming: programRoleProcedure("mentor")
    .input(requestProgramInput)
    .output(z.array(requestOutput))
    .query(({ ctx, input }) => requests.incomingRequests(deps(ctx), ctx.user, input.programId)),

  get: authedProcedure
    .input(requestIdInput)
    .output(requestOutput)
    .query(({ ctx, input }) => requests.getRequest(deps(ctx), ctx.user, input.requestId)),

  accept: authedProcedure
    .input(requestIdInput)
    .output(transitionOutput)
    .mutation(({ ctx, input }) => requests.acceptRequest(deps(ctx), ctx.user, input.requestId)),

  decline: authedProcedure
    .input(declineRequestInput)
    .output(transitionOutput)
    .mutation(({ ctx, input }) => requests.declineRequest(deps(ctx), ctx.user, input)),

  askInfo: authedProcedure
    .input(askInfoInput)
    .output(transitionOutput)
    .mutation(({ ctx, input }) => requests.askInfo(deps(ctx), ctx.user, input)),

  answer: authedProcedure
    .input(answerInfoInput)
    .output(transitionOutput)
    .mutation(({ ctx, input }) => requests.answerInfo(deps(ctx), ctx.user, input)),

  withdraw: authedProcedure
    .input(requestIdInput)
    .output(transitionOutput)
    .mutation(({ ctx, input }) => requests.withdrawRequest(deps(ctx), ctx.user, input.requestId)),
});
