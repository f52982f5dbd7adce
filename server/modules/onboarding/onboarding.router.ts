import { z } from "zod";
import { authedProcedure, type Context, programRoleProcedure, router } from "../../trpc";
import {
  acknowledgeInput,
  myIntakeInput,
  programIdInput,
  publishCodeOfConductInput,
  removeDocumentInput,
  reviewInput,
  saveIntakeInput,
  setChecklistInput,
} from "./onboarding.schema";
import * as onboarding from "./onboarding.service";

const deps = (ctx: Context) => onboarding.onboardingDepsOf(ctx);
const ok = z.object({ ok: z.literal(true) });

export const onboardingRouter = router({
  /** The caller's intake in the program (pending members too); prefilled from the profile until saved. */
  myIntake: authedProcedure
    .input(myIntakeInput)
    .output(onboarding.intakeOutput)
    .query(({ ctx, input }) => onboarding.myIntake(deps(ctx), ctx.user, input)),

  saveIntake: authedProcedure
    .input(saveIntakeInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await onboarding.saveIntake(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  /** The caller's own mentor checklist in the program. */
  myChecklist: authedProcedure
    .input(programIdInput)
    .output(onboarding.myChecklistOutput)
    .query(({ ctx, input }) => onboarding.myChecklist(deps(ctx), ctx.user, input.programId)),

  acknowledgeCodeOfConduct: authedProcedure
    .input(acknowledgeInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await onboarding.acknowledgeCodeOfConduct(deps(ctx), ctx.user, input.programId, input.version);
      return { ok: true as const };
    }),

  markTrainingDone: authedProcedure
    .input(programIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await onboarding.markTrainingDone(deps(ctx), ctx.user, input.programId);
      return { ok: true as const };
    }),

  /** Uploads go through POST /uploads/document (raw bytes); removal is a normal procedure. */
  removeDocument: authedProcedure
    .input(removeDocumentInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await onboarding.removeDocument(deps(ctx), ctx.user, input.programId, input.documentId);
      return { ok: true as const };
    }),

  checklistConfig: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(onboarding.checklistConfigOutput)
    .query(({ ctx, input }) => onboarding.checklistConfig(deps(ctx), input.programId)),

  setChecklist: programRoleProcedure("coordinator")
    .input(setChecklistInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await onboarding.setChecklist(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  publishCodeOfConduct: programRoleProcedure("coordinator")
    .input(publishCodeOfConductInput)
    .output(z.object({ version: z.number() }))
    .mutation(({ ctx, input }) => onboarding.publishCodeOfConduct(deps(ctx), ctx.user, input)),

  reviewQueue: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(onboarding.reviewQueueOutput)
    .query(({ ctx, input }) => onboarding.reviewQueue(deps(ctx), input.programId)),

  /** Approve or reject one or many steps; background checks are set here too (no mentor action). */
  review: programRoleProcedure("coordinator")
    .input(reviewInput)
    .output(onboarding.reviewResultOutput)
    .mutation(({ ctx, input }) => onboarding.review(deps(ctx), ctx.user, input)),
});
