import { z } from "zod";
import { AppError } from "../../errors";
import { authedProcedure, type Context, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import * as phone from "./phone.service";
import {
  commonProfileInput,
  completeWizardInput,
  menteeProfileInput,
  mentorProfileInput,
  setTimeZoneInput,
  userIdInput,
  verifyPhoneInput,
} from "./profile.schema";
import * as profiles from "./profile.service";

const ok = z.object({ ok: z.literal(true) });
const deps = (ctx: Context) => ({ db: ctx.db, clock: ctx.clock });

export const profileRouter = router({
  mine: authedProcedure.output(profiles.profileOutput).query(({ ctx }) => profiles.getProfile(deps(ctx), ctx.user, ctx.user.id)),

  get: authedProcedure
    .input(userIdInput)
    .output(profiles.profileOutput)
    .query(({ ctx, input }) => profiles.getProfile(deps(ctx), ctx.user, input.userId)),

  updateCommon: authedProcedure
    .input(commonProfileInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await profiles.updateCommon(deps(ctx), ctx.user.id, input);
      return { ok: true as const };
    }),

  setTimeZone: authedProcedure
    .input(setTimeZoneInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await profiles.setTimeZone(deps(ctx), ctx.user.id, input);
      return { ok: true as const };
    }),

  updateMentor: authedProcedure
    .input(mentorProfileInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await profiles.updateMentor(deps(ctx), ctx.user.id, input);
      return { ok: true as const };
    }),

  updateMentee: authedProcedure
    .input(menteeProfileInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await profiles.updateMentee(deps(ctx), ctx.user.id, input);
      return { ok: true as const };
    }),

  /** Texts a 6-digit code to the saved phone number. */
  requestPhoneCode: authedProcedure.output(ok).mutation(async ({ ctx }) => {
    await phone.requestPhoneCode({ db: ctx.db, ...notifyDepsOf(ctx) }, ctx.user.id);
    return { ok: true as const };
  }),

  verifyPhone: authedProcedure
    .input(verifyPhoneInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const result = await phone.verifyPhone({ db: ctx.db, ...notifyDepsOf(ctx) }, ctx.user.id, input.code);
      // Outside the transaction so the failed attempt stays counted.
      if (!result.ok) throw AppError.field("code", "That code is not right. Check the text message and try again.");
      return { ok: true as const };
    }),

  completeWizard: authedProcedure
    .input(completeWizardInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await profiles.completeWizard(deps(ctx), ctx.user.id, input);
      return { ok: true as const };
    }),
});
