import { authedProcedure, type Context, programRoleProcedure, router } from "../../trpc";
import {
  acknowledgeInput,
  checklistConfigOutput,
  intakeOutput,
  myChecklistOutput,
  myIntakeInput,
  okOutput as ok,
  programIdInput,
  publishCodeOfConductInput,
  publishCodeOfConductOutput,
  removeDocumentInput,
  reviewInput,
  reviewQueueOutput,
  reviewResultOutput,
  saveIntakeInput,
  setChecklistInput,
} from "./onboarding.schema";
import { onboardingDepsOf } from "./onboarding.service";
import { acknowledgeCodeOfConduct, markTrainingDone, myChecklist } from "./onboarding-checklist.service";
import { checklistConfig, publishCodeOfConduct, setChecklist } from "./onboarding-config.service";
import { removeDocument } from "./onboarding-documents.service";
import { myIntake, saveIntake } from "./onboarding-intake.service";
import { review, reviewQueue } from "./onboarding-review.service";

const deps = (ctx: Context) => onboardingDepsOf(ctx);

export const onboardingRouter = router({
  /** The caller's intake in the program (pending members too); prefilled from the profile until saved. */
  myIntake: authedProcedure
    .input(myIntakeInput)
    .output(intakeOutput)
    .query(({ ctx, input }) => myIntake(deps(ctx), ctx.user, input)),

  saveIntake: authedProcedure
    .input(saveIntakeInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await saveIntake(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  /** The caller's own mentor checklist in the program. */
  myChecklist: authedProcedure
    .input(programIdInput)
    .output(myChecklistOutput)
    .query(({ ctx, input }) => myChecklist(deps(ctx), ctx.user, input.programId)),

  acknowledgeCodeOfConduct: authedProcedure
    .input(acknowledgeInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await acknowledgeCodeOfConduct(deps(ctx), ctx.user, input.programId, input.version);
      return { ok: true as const };
    }),

  markTrainingDone: authedProcedure
    .input(programIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await markTrainingDone(deps(ctx), ctx.user, input.programId);
      return { ok: true as const };
    }),

  /** Uploads go through POST /uploads/document (raw bytes); removal is a normal procedure. */
  removeDocument: authedProcedure
    .input(removeDocumentInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await removeDocument(deps(ctx), ctx.user, input.programId, input.documentId);
      return { ok: true as const };
    }),

  checklistConfig: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(checklistConfigOutput)
    .query(({ ctx, input }) => checklistConfig(deps(ctx), input.programId)),

  setChecklist: programRoleProcedure("coordinator")
    .input(setChecklistInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await setChecklist(deps(ctx), ctx.user, input);
      return { ok: true as const };
    }),

  publishCodeOfConduct: programRoleProcedure("coordinator")
    .input(publishCodeOfConductInput)
    .output(publishCodeOfConductOutput)
    .mutation(({ ctx, input }) => publishCodeOfConduct(deps(ctx), ctx.user, input)),

  reviewQueue: programRoleProcedure("coordinator")
    .input(programIdInput)
    .output(reviewQueueOutput)
    .query(({ ctx, input }) => reviewQueue(deps(ctx), input.programId)),

  /** Approve or reject one or many steps; background checks are set here too (no mentor action). */
  review: programRoleProcedure("coordinator")
    .input(reviewInput)
    .output(reviewResultOutput)
    .mutation(({ ctx, input }) => review(deps(ctx), ctx.user, input)),
});
