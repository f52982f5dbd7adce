import { z } from "zod";
import { authedProcedure, type Context, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import { cohortRunDetail, cohortRunIdInput, cohortRunSummary, listCohortRunsInput, startCohortInput } from "./cohort.schema";
import * as cohort from "./cohort.service";

const deps = (ctx: Context): cohort.CohortDeps => ({ db: ctx.db, ...notifyDepsOf(ctx) });

/** Cohort runs are for the program's coordinators and platform admins. */
export const cohortRouter = router({
  /** Queues a dry run (returned as queued); the worker solves it and reports progress live. */
  start: programRoleProcedure("coordinator")
    .input(startCohortInput)
    .output(z.object({ runId: z.string(), run: cohortRunDetail }))
    .mutation(({ ctx, input }) => cohort.startRun(deps(ctx), ctx.user, input)),

  runs: programRoleProcedure("coordinator")
    .input(listCohortRunsInput)
    .output(z.array(cohortRunSummary))
    .query(({ ctx, input }) => cohort.listRuns(ctx.db, input.programId)),

  /** One run with its preview; another program's run is NOT_FOUND. */
  get: authedProcedure
    .input(cohortRunIdInput)
    .output(cohortRunDetail)
    .query(({ ctx, input }) => cohort.getRun(ctx.db, ctx.user, input.runId)),

  discard: authedProcedure
    .input(cohortRunIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await cohort.discardRun(deps(ctx), ctx.user, input.runId);
      return { ok: true as const };
    }),

  /** Every pair of a finished run becomes a match (both people notified), all in one transaction. */
  publish: authedProcedure
    .input(cohortRunIdInput)
    .output(z.object({ matchesCreated: z.number() }))
    .mutation(({ ctx, input }) => cohort.publishRun(deps(ctx), ctx.user, input.runId)),
});
