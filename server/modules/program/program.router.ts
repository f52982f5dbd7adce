import { z } from "zod";
import { authedProcedure, type Context, platformAdminProcedure, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import { demoInvite } from "./demo-invite.service";
import {
  addMemberInput,
  addMemberOutput,
  createdOutput,
  createProgramInput,
  decideMembershipsInput,
  decideMembershipsOutput,
  demoInviteOutput,
  directoryOutput,
  duplicateProgramInput,
  inviteOutput,
  joinPreviewInput,
  joinPreviewOutput,
  joinProgramInput,
  joinRequestOutput,
  joinResultOutput,
  memberOutput,
  okOutput as ok,
  programDetailOutput,
  programIdInput,
  programOutput,
  regenerateInviteInput,
  setMemberStatusInput,
  updateProgramInput,
} from "./program.schema";
import * as programs from "./program.service";
import * as programAdmin from "./program-admin.service";
import * as programJoin from "./program-join.service";
import * as programMembers from "./program-members.service";

const deps = (ctx: Context) => ({ db: ctx.db, ...notifyDepsOf(ctx) });

export const programRouter = router({
  /** Programs I belong to or asked to join (every program for platform admins). */
  list: authedProcedure.output(z.array(programOutput)).query(({ ctx }) => programs.listPrograms(deps(ctx), ctx.user)),

  /** The seeded demo program's invite code while it still takes it, for people who are in no program yet. */
  demoInvite: authedProcedure.output(demoInviteOutput).query(({ ctx }) => demoInvite(deps(ctx))),

  /** Settings for every member; the invite link and code only for the program's staff. */
  get: programRoleProcedure("mentor", "mentee", "coordinator")
    .input(programIdInput)
    .output(programDetailOutput)
    .query(({ ctx, input }) => programs.getProgram(deps(ctx), ctx.user, input.programId)),

  /** The member roster is for the program's coordinators (and platform admins). */
  members: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(z.array(memberOutput))
    .query(({ ctx, input }) => programMembers.listMembers(deps(ctx), input.programId)),

  /** The approval queue: pending memberships with the person's card. */
  joinRequests: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(z.array(joinRequestOutput))
    .query(({ ctx, input }) => programMembers.listJoinRequests(deps(ctx), input.programId)),

  /** "Browse programs": active programs open to anyone signed in. */
  directory: authedProcedure.output(z.array(directoryOutput)).query(({ ctx }) => programs.listDirectory(deps(ctx), ctx.user)),

  create: platformAdminProcedure
    .input(createProgramInput)
    .output(createdOutput)
    .mutation(({ ctx, input }) => programAdmin.createProgram(deps(ctx), ctx.user, input)),

  /** Admins and the program's coordinators edit settings; the service keeps address and status for admins. */
  update: programRoleProcedure("coordinator")
    .input(updateProgramInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programAdmin.updateProgram(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  duplicate: platformAdminProcedure
    .input(duplicateProgramInput)
    .output(createdOutput)
    .mutation(({ ctx, input }) => programAdmin.duplicateProgram(deps(ctx), ctx.user, input)),

  archive: platformAdminProcedure
    .input(programIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programAdmin.setArchived(deps(ctx), ctx.user, input.programId, true);
      return { ok: true as const };
    }),

  unarchive: platformAdminProcedure
    .input(programIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programAdmin.setArchived(deps(ctx), ctx.user, input.programId, false);
      return { ok: true as const };
    }),

  regenerateInvite: programRoleProcedure("coordinator")
    .input(regenerateInviteInput)
    .output(inviteOutput)
    .mutation(({ ctx, input }) => programAdmin.regenerateInvite(deps(ctx), ctx.user, input)),

  /** Coordinators add mentors and mentees; appointing a coordinator is for platform admins. */
  addMember: programRoleProcedure("coordinator")
    .input(addMemberInput)
    .output(addMemberOutput)
    .mutation(({ ctx, input }) => programMembers.addMember(deps(ctx), ctx.user, input)),

  setMemberStatus: programRoleProcedure("coordinator")
    .input(setMemberStatusInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await programMembers.setMemberStatus(deps(ctx), ctx.user, input.programId, input.membershipId, input.status);
      return { ok: true as const };
    }),

  decideMemberships: programRoleProcedure("coordinator")
    .input(decideMembershipsInput)
    .output(decideMembershipsOutput)
    .mutation(({ ctx, input }) => programMembers.decideMemberships(deps(ctx), ctx.user, input)),

  /** What an invite link, code or open program leads to, before joining. */
  joinPreview: authedProcedure
    .input(joinPreviewInput)
    .output(joinPreviewOutput)
    .query(({ ctx, input }) => programJoin.previewJoin(deps(ctx), ctx.user, input)),

  join: authedProcedure
    .input(joinProgramInput)
    .output(joinResultOutput)
    .mutation(({ ctx, input }) => programJoin.joinProgram(deps(ctx), ctx.user, input)),
});
