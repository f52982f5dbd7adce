import { z } from "zod";
import { type Context, programRoleProcedure, router } from "../../trpc";
import {
  programSessionOutput,
  programSessionsListInput,
  programSessionsRangeInput,
  programSessionsSummaryOutput,
} from "./program-sessions.schema";
import * as programSessions from "./program-sessions.service";

const deps = (ctx: Context) => ({ db: ctx.db });

/** Every session of a program, for its coordinators and platform admins (others are refused by the builder). */
export const programSessionsRouter = router({
  list: programRoleProcedure("coordinator")
    .input(programSessionsListInput)
    .output(z.array(programSessionOutput))
    .query(({ ctx, input }) => programSessions.listProgramSessions(deps(ctx), input)),

  summary: programRoleProcedure("coordinator")
    .input(programSessionsRangeInput)
    .output(programSessionsSummaryOutput)
    .query(({ ctx, input }) => programSessions.summariseProgramSessions(deps(ctx), input)),
});
