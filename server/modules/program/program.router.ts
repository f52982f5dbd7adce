import { z } from "zod";
import { authedProcedure, type Context, platformAdminProcedure, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import { demoInvite, demoInviteOutput } from "./demo-invite.service";
import {
  addMemberInput,
  createProgramInput,
  decideMembershipsInput,
  duplicateProgramInput,
  joinPreviewInput,
  joinProgramInput,
  programIdInput,
  regenerateInviteInput,
  setMemberStatusInput,
  updateProgramInput,
} from "./program.schema";
import * as programs from "./program.service";

const deps = (ctx: Context) => ({ db: ctx.db, ...notifyDepsOf(ctx) });
const ok = z.object({ ok: z.literal(true) });

export const programRouter = router({
  /** Programs I belong to or asked to join (every program for platform admins). */
  list: authedProcedure.output(z.array(programs.programOutput)).query(({ ctx }) => programs.listPrograms(deps(ctx), ctx.user)),

  /** The seeded demo program's invite code while it still takes it, for people who are in no program yet. */
  demoInvite: authedProcedure.output(demoInviteOutput).query(({ ctx }) => demoInvite(deps(ctx))),

  /** Settings for every member; the invite link and code only for the program's staff. */
  get: programRoleProcedure("mentor", "mentee", "coordinator")
    .input(programIdInput)
    .output(programs.programDetailOutput)
    .query(({ ctx, input }) => programs.getProgram(deps(ctx), ctx.user, input.programId)),

  /** The member roster is for the program's coordinators (and platform admins). */
  members: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(z.array(programs.memberOutput))
    .query(({ ctx, input }) => programs.listMembers(deps(ctx), input.programId)),

  /** The approval queue: pending memberships with the person's card. */
  joinRequests: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(z.array(programs.joinRequestOutput))
    .query(({ ctx, input }) => programs.listJoinRequests(deps(ctx), input.programId)),

  /** "Browse programs": active programs open to anyone signed in. */
  directory: authedProcedure.output(z.array(programs.directoryOutput)).query(({ ctx }) => programs.listDirectory(deps(ctx), ctx.user)),

  create: platformAdminProcedure
    .input(createProgramInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => programs.createProgram(deps(ctx), ctx.user, input)),

  /** Admins and the program's coordinators edit settings; the service keeps address and status for admins. */
  update: programRoleProcedure("coordinator")
    .input(updateProgramInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programs.updateProgram(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  duplicate: platformAdminProcedure
    .input(duplicateProgramInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => programs.duplicateProgram(deps(ctx), ctx.user, input)),

  archive: platformAdminProcedure
    .input(programIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programs.setArchived(deps(ctx), ctx.user, input.programId, true);
      return { ok: true as const };
    }),

  unarchive: platformAdminProcedure
    .input(programIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programs.setArchived(deps(ctx), ctx.user, input.programId, false);
      return { ok: true as const };
    }),

  regenerateInvite: programRoleProcedure("coordinator")
    .input(regenerateInviteInput)
    .output(programs.inviteOutput)
    .mutation(({ ctx, input }) => programs.regenerateInvite(deps(ctx), ctx.user, input)),

  /** Coordinators add mentors and mentees; appointing a coordinator is for platform admins. */
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

  decideMemberships: programRoleProcedure("coordinator")
    .input(decideMembershipsInput)
    .output(z.object({ decided: z.number() }))
    .mutation(({ ctx, input }) => programs.decideMemberships(deps(ctx), ctx.user, input)),

  /** What an invite link, code or open program leads to, before joining. */
  joinPreview: authedProcedure
    .input(joinPreviewInput)
    .output(programs.joinPreviewOutput)
    .query(({ ctx, input }) => programs.previewJoin(deps(ctx), ctx.user, input)),

  join: authedProcedure
    .input(joinProgramInput)
    .output(programs.joinResultOutput)
    .mutation(({ ctx, input }) => programs.joinProgram(deps(ctx), ctx.user, input)),
});
