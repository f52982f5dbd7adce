import { eq } from "drizzle-orm";
import { z } from "zod";
import { integrationStatus } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { AppError } from "../../errors";
import { platformAdminProcedure, router } from "../../trpc";
import { notify, notifyDepsOf } from "./outbox.service";

const integrationRow = z.object({
  name: z.enum(["email", "sms", "google-sign-in", "google-calendar"]),
  label: z.string(),
  mode: z.enum(["real", "dev", "off"]),
  description: z.string(),
  lastSuccessAt: z.date().nullable(),
  lastFailureAt: z.date().nullable(),
  lastError: z.string().nullable(),
  canSendTest: z.boolean(),
});

/** The integrations health page: configured or not, last success and failure, and a test send. */
export const integrationsRouter = router({
  status: platformAdminProcedure.output(z.array(integrationRow)).query(async ({ ctx }) => {
    const rows = await ctx.db.select().from(integrationStatus);
    const health = (name: string) => {
      const r = rows.find((x) => x.name === name);
      return { lastSuccessAt: r?.lastSuccessAt ?? null, lastFailureAt: r?.lastFailureAt ?? null, lastError: r?.lastError ?? null };
    };
    return [
      {
        name: "email" as const,
        label: "Email (Gmail SMTP)",
        mode: ctx.mailer.mode,
        description: ctx.mailer.description,
        ...health("email"),
        canSendTest: true,
      },
      {
        name: "sms" as const,
        label: "SMS (Twilio)",
        mode: ctx.sms.mode,
        description: ctx.sms.description,
        ...health("sms"),
        canSendTest: true,
      },
      {
        name: "google-sign-in" as const,
        label: "Google sign-in",
        mode: ctx.oauth ? ("real" as const) : ("off" as const),
        description: ctx.oauth ? `Issuer ${ctx.oauth.issuer}` : "Not configured: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.",
        ...health("google-sign-in"),
        canSendTest: false,
      },
      {
        name: "google-calendar" as const,
        label: "Google Calendar",
        mode: ctx.calendar.mode,
        description:
          ctx.calendar.mode === "real"
            ? ctx.calendar.description
            : "Dev calendar: Connect works without a Google account and nothing is sent to Google. Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.",
        ...health("google-calendar"),
        canSendTest: false,
      },
    ];
  }),

  sendTest: platformAdminProcedure
    .input(z.object({ channel: z.enum(["email", "sms"]) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const [me] = await ctx.db
        .select({
          emailVerified: users.emailVerifiedAt,
          phone: users.phone,
          phoneVerified: users.phoneVerifiedAt,
          optedOut: users.smsOptedOutAt,
        })
        .from(users)
        .where(eq(users.id, ctx.user.id));
      if (input.channel === "email" && !me?.emailVerified) throw AppError.field("channel", "Verify your email address first.");
      if (input.channel === "sms" && (!me?.phone || !me.phoneVerified || me.optedOut)) {
        throw AppError.field("channel", "Add and verify your phone number in your profile first.");
      }
      await ctx.db.transaction((tx) =>
        notify(tx, notifyDepsOf(ctx), {
          type: "system.test",
          userId: ctx.user.id,
          data: { note: `Sent from the integrations page at ${ctx.clock.now().toISOString()}.` },
          only: [input.channel],
          link: "/admin/integrations",
        }),
      );
      return { ok: true as const };
    }),
});
