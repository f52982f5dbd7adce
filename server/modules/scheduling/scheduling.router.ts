import { z } from "zod";
import { authedProcedure, type Context, router } from "../../trpc";
import {
  availabilityInput,
  availabilityOutput,
  bookInput,
  cancelInput,
  mySessionsInput,
  sessionOutput,
  slotsInput,
  slotsOutput,
} from "./scheduling.schema";
import * as scheduling from "./scheduling.service";

const deps = (ctx: Context): scheduling.Deps => ({ db: ctx.db, clock: ctx.clock, realtime: ctx.realtime });

/**
 * Sessions of a match. Mentors keep one set of booking rules across programs; slots are for the match's two
 * people and its program's staff; only the pair books, only participants cancel. Access is checked in the service.
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
});
