import { z } from "zod";
import { cookieSettings, SESSION_IDLE_MS, serializeBlankSessionCookie, serializeSessionCookie } from "../../auth/session";
import { authedProcedure, type Context, publicProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import { changePasswordInput, requestPasswordResetInput, resetPasswordInput, signInInput, signUpInput, tokenInput } from "./auth.schema";
import * as auth from "./auth.service";
import { getMe, meOutput } from "./me.service";

const deps = (ctx: Context): auth.AuthDeps => ({ db: ctx.db, ...notifyDepsOf(ctx) });

function setSession(ctx: Context, token: string) {
  ctx.setCookie(serializeSessionCookie(cookieSettings(ctx.config.publicUrl), token, Math.floor(SESSION_IDLE_MS / 1000)));
}
function clearSession(ctx: Context) {
  ctx.setCookie(serializeBlankSessionCookie(cookieSettings(ctx.config.publicUrl)));
}

const ok = z.object({ ok: z.literal(true) });

export const authRouter = router({
  me: publicProcedure.output(meOutput.nullable()).query(({ ctx }) => (ctx.user ? getMe(ctx.db, ctx.user.id) : null)),

  providers: publicProcedure
    // devMailbox: emails are captured in the app; devSms: texts are (the dev mailbox page shows both).
    .output(z.object({ google: z.boolean(), devMailbox: z.boolean(), devSms: z.boolean() }))
    .query(({ ctx }) => ({ google: ctx.oauth !== undefined, devMailbox: ctx.mailer.mode === "dev", devSms: ctx.sms.mode === "dev" })),

  signUp: publicProcedure
    .input(signUpInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      // The same answer for a new address and a known one (the known one's owner gets an email instead).
      const { session } = await auth.signUp(deps(ctx), input, ctx.request);
      if (ctx.sessionId) await auth.signOut(deps(ctx), ctx.user?.id ?? "", ctx.sessionId, ctx.request);
      if (session) setSession(ctx, session.token);
      else if (ctx.sessionId) clearSession(ctx);
      return { ok: true as const };
    }),

  signIn: publicProcedure
    .input(signInInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const { session, deviceCookie } = await auth.signIn(deps(ctx), input, ctx.request, ctx.sessionId);
      setSession(ctx, session.token);
      ctx.setCookie(deviceCookie);
      return { ok: true as const };
    }),

  signOut: authedProcedure.output(ok).mutation(async ({ ctx }) => {
    await auth.signOut(deps(ctx), ctx.user.id, ctx.sessionId, ctx.request);
    clearSession(ctx);
    return { ok: true as const };
  }),

  signOutEverywhere: authedProcedure.output(ok).mutation(async ({ ctx }) => {
    await auth.signOutEverywhere(deps(ctx), ctx.user.id, ctx.request);
    clearSession(ctx);
    return { ok: true as const };
  }),

  resendVerification: authedProcedure.output(ok).mutation(async ({ ctx }) => {
    await auth.resendVerification(deps(ctx), ctx.user.id);
    return { ok: true as const };
  }),

  verifyEmail: publicProcedure
    .input(tokenInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await auth.verifyEmail(deps(ctx), input.token);
      return { ok: true as const };
    }),

  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await auth.requestPasswordReset(deps(ctx), input.email, ctx.request);
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .input(resetPasswordInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await auth.resetPassword(deps(ctx), input.token, input.password, ctx.request);
      clearSession(ctx);
      return { ok: true as const };
    }),

  changePassword: authedProcedure
    .input(changePasswordInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      const { session } = await auth.changePassword(deps(ctx), ctx.user.id, input, ctx.request);
      setSession(ctx, session.token);
      return { ok: true as const };
    }),
});
