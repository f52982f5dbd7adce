import { authedProcedure, router } from "../../trpc";
import { myNextStepsInput, myNextStepsOutput } from "./next-step.schema";
import { myNextSteps } from "./next-step.service";

/** The caller's own next step per program: it reads only the caller's memberships, matches and requests. */
export const nextStepRouter = router({
  mine: authedProcedure
    .input(myNextStepsInput)
    .output(myNextStepsOutput)
    .query(({ ctx, input }) => myNextSteps({ db: ctx.db, clock: ctx.clock }, ctx.user, input)),
});
