import { z } from "zod";
import { authedProcedure, type Context, platformAdminProcedure, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import { addMemberInput, createProgramInput, programIdInput, setMemberStatusInput, updateProgramInput } from "./program.schema";
import * as programs from "./program.service";

const deps = (ctx: Context) => ({ db: ctx.db, ...notifyDepsOf(ctx) });
const ok = z.object({ ok: z.literal(true) });

export const programRouter = router({
  /** Programs I belong to (every program for platform admins). */
  list: authedProcedure.output(z.array(programs.programOutput)).query(({ ctx }) => programs.listPrograms(deps(ctx), ctx.user)),

  get: programRoleProcedure("mentor", "mentee", "coordinator")
    .input(programIdInput)
    .output(programs.programOutput)
    .query(({ ctx, input }) => programs.getProgram(deps(ctx), ctx.user, input.programId)),

  /** The member roster is for the program's coordinators (and platform admins). */
  members: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(z.array(programs.memberOutput))
    .query(({ ctx, input }) => programs.listMembers(deps(ctx), input.programId)),

  create: platformAdminProcedure
    .input(createProgramInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => programs.createProgram(deps(ctx), ctx.user, input)),

  update: platformAdminProcedure
    .input(updateProgramInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programs.updateProgram(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  addMember: programRoleProcedure("coordinator")
    .input(addMemberInput)
    .output(z.object({ membershipId: z.string() }))
    .mutation(({ ctx, input }) => programs.addMember(deps(ctx), ctx.user, input)),

  setMemberStatus: programRoleProcedure("coordinator")
    .input(setMemberStatusInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programs.setMemberStatus(deps(ctx), ctx.user, input.programId, input.membershipId, input.status);
      return { ok: true as const };
    }),
});
