import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, notifyChannel } from "../../../db/client";
import { type Channel, channels, deliveries, notifications, notificationTemplates } from "../../../db/schema/notifications";
import { programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { assertProgramRole, type Context } from "../../trpc";
import { audit } from "../auth/auth.service";
import { catalogue, commonVariables, isNotificationType, type NotificationType, notificationTypes } from "./catalogue";
import { defaultTemplates } from "./default-templates";
import { sanitizeEmailHtml } from "./email-sanitizer";
import { APP_NAME, absoluteLink, type EmailPayload, type NotifyDeps, OUTBOX_CHANNEL, renderMessage, unreadCount } from "./outbox.service";
import { formatInstant } from "./quiet-hours";
import { smsSegments } from "./sms-text";
import type { listTemplatesInput, templateContentInput, templateKeyInput } from "./template.schema";
import { templateProblems } from "./template-engine";

export const templateRow = z.object({
  type: z.string(),
  label: z.string(),
  channel: z.enum(channels),
  subject: z.string(),
  body: z.string(),
  html: z.string(),
  isCustom: z.boolean(),
  variables: z.array(z.string()),
});

/** Platform scope: platform admins. A program's scope: its coordinators (and platform admins). */
export async function assertCanEditScope(ctx: Context & { user: SessionUser }, scope: string) {
  if (scope === "platform") {
    if (!ctx.user.isPlatformAdmin) throw new AppError("FORBIDDEN", "Only platform administrators can edit the platform templates.");
    return;
  }
  const [p] = await ctx.db.select({ id: programs.id }).from(programs).where(eq(programs.id, scope));
  if (!p) throw new AppError("NOT_FOUND", "Program not found.");
  await assertProgramRole(ctx, scope, ["coordinator"]);
}

/** Account-security messages never belong to a program, so only the platform scope can reword them. */
const platformOnly = (type: NotificationType) => type.startsWith("auth.") || type.startsWith("phone.");

function checkKey(type: string, channel: Channel, scope = "platform"): NotificationType {
  if (!isNotificationType(type) || type === "system.test") throw AppError.field("type", "Unknown notification type.");
  if (scope !== "platform" && platformOnly(type))
    throw AppError.field("type", "Account security messages can only be edited in the platform templates.");
  if (!defaultTemplates[type][channel]) throw AppError.field("channel", `${catalogue[type].label} is not sent on this channel.`);
  return type;
}

export function allowedVariables(type: NotificationType): string[] {
  return [...commonVariables, ...catalogue[type].variables];
}

export async function listTemplates(db: Db, input: z.output<typeof listTemplatesInput>) {
  const scopes = input.scope === "platform" ? ["platform"] : [input.scope, "platform"];
  const rows = await db.select().from(notificationTemplates);
  const out: z.infer<typeof templateRow>[] = [];
  for (const type of notificationTypes) {
    if (type === "system.test" || (input.scope !== "platform" && platformOnly(type))) continue;
    for (const channel of channels) {
      const builtIn = defaultTemplates[type][channel];
      if (!builtIn) continue;
      const own = rows.find((r) => r.scope === input.scope && r.type === type && r.channel === channel);
      const inherited = scopes
        .slice(1)
        .map((s) => rows.find((r) => r.scope === s && r.type === type && r.channel === channel))
        .find(Boolean);
      const t = own ?? inherited;
      out.push({
        type,
        label: catalogue[type].label,
        channel,
        subject: t?.subject ?? builtIn.subject,
        body: t?.body ?? builtIn.body,
        html: t?.html ?? builtIn.html ?? "",
        isCustom: own !== undefined,
        variables: allowedVariables(type),
      });
    }
  }
  return out;
}

/** Refuses unknown variables and malformed braces, naming the field and the variable. */
function validateContent(type: NotificationType, input: { subject: string; body: string; html: string }, channel: Channel) {
  const allowed = allowedVariables(type);
  const fieldErrors: Record<string, string[]> = {};
  for (const field of ["subject", "body", "html"] as const) {
    const problems = templateProblems(input[field], allowed);
    if (problems.length) fieldErrors[field] = problems;
  }
  if (channel !== "sms" && input.subject.trim() === "") fieldErrors.subject = ["Add a subject."];
  if (Object.keys(fieldErrors).length) {
    const first = Object.entries(fieldErrors)[0];
    throw new AppError("VALIDATION", `${first?.[0]}: ${first?.[1][0]}`, fieldErrors);
  }
}

/**
 * Stores the template with its HTML passed through the email allow-list (only email templates have HTML), and
 * returns what was stored and what the allow-list removed, so the editor can say so.
 */
export async function saveTemplate(
  ctx: Context & { user: SessionUser },
  input: z.output<typeof templateContentInput>,
): Promise<{ html: string; removed: string[] }> {
  const type = checkKey(input.type, input.channel, input.scope);
  validateContent(type, input, input.channel);
  const clean = input.channel === "email" ? sanitizeEmailHtml(input.html) : { html: "", removed: [] };
  await ctx.db.transaction(async (tx) => {
    const values = { subject: input.subject, body: input.body, html: clean.html, updatedBy: ctx.user.id, updatedAt: ctx.clock.now() };
    await tx
      .insert(notificationTemplates)
      .values({ scope: input.scope, type, channel: input.channel, ...values })
      .onConflictDoUpdate({
        target: [notificationTemplates.scope, notificationTemplates.type, notificationTemplates.channel],
        set: values,
      });
    await audit(tx, ctx.clock, {
      actorId: ctx.user.id,
      action: "template.save",
      targetType: "template",
      targetId: `${input.scope}:${type}:${input.channel}`,
      ...(clean.removed.length ? { detail: `HTML sanitized: ${clean.removed.join("; ")}`.slice(0, 500) } : {}),
    });
  });
  return clean;
}

export async function resetTemplate(ctx: Context & { user: SessionUser }, input: z.output<typeof templateKeyInput>) {
  const type = checkKey(input.type, input.channel, input.scope);
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(notificationTemplates)
      .where(
        and(
          eq(notificationTemplates.scope, input.scope),
          eq(notificationTemplates.type, type),
          eq(notificationTemplates.channel, input.channel),
        ),
      );
    await audit(tx, ctx.clock, {
      actorId: ctx.user.id,
      action: "template.reset",
      targetType: "template",
      targetId: `${input.scope}:${type}:${input.channel}`,
    });
  });
}

function sampleValues(
  type: NotificationType,
  recipientName: string,
  publicUrl: string,
  programName: string,
  now: Date,
): Record<string, string> {
  const samples: Record<string, string> = {
    programName,
    role: "mentee",
    eventTitle: "Mentoring session with Ana Silva",
    eventStart: formatInstant(new Date(now.getTime() + 24 * 3600_000), "UTC"),
    timeUntil: "in 1 day",
    code: "123456",
    when: formatInstant(now, "UTC"),
    note: "Sent from the template editor.",
    rescheduleLink: `${publicUrl}/s/preview?action=reschedule`,
    cancelLink: `${publicUrl}/s/preview?action=cancel`,
  };
  const values: Record<string, string> = {
    "recipient.name": recipientName,
    "app.name": APP_NAME,
    "app.url": publicUrl,
    link: absoluteLink(publicUrl, "/notifications"),
  };
  for (const v of catalogue[type].variables) values[v] = samples[v] ?? `[${v}]`;
  return values;
}

/** Live preview while editing: renders with sample data and reports problems instead of throwing. */
export async function previewTemplate(ctx: Context & { user: SessionUser }, input: z.output<typeof templateContentInput>) {
  const type = checkKey(input.type, input.channel, input.scope);
  const allowed = allowedVariables(type);
  const problems = [
    ...templateProblems(input.subject, allowed),
    ...templateProblems(input.body, allowed),
    ...templateProblems(input.html, allowed),
  ];
  const [program] =
    input.scope === "platform" ? [] : await ctx.db.select({ name: programs.name }).from(programs).where(eq(programs.id, input.scope));
  const values = sampleValues(type, ctx.user.name, ctx.config.publicUrl, program?.name ?? "Women in Tech 2027", ctx.clock.now());
  const msg = renderMessage(input.channel, input, values, {
    unsubscribeUrl: catalogue[type].mandatory ? undefined : `${ctx.config.publicUrl}/unsubscribe?token=preview`,
  });
  return {
    subject: msg.subject,
    text: msg.text,
    // Sanitized by renderMessage: the preview is what recipients get.
    html: msg.html ?? null,
    smsSegments: input.channel === "sms" ? smsSegments(msg.text) : null,
    problems,
    removed: input.channel === "email" ? sanitizeEmailHtml(input.html).removed : [],
  };
}

/** "Send a test to me": the edited (unsaved) template, rendered with sample data, to the editor's own contact. */
export async function sendTestTemplate(
  ctx: Context & { user: SessionUser },
  deps: NotifyDeps,
  input: z.output<typeof templateContentInput>,
) {
  const type = checkKey(input.type, input.channel, input.scope);
  validateContent(type, input, input.channel);
  const preview = await previewTemplate(ctx, input);
  const [me] = await ctx.db
    .select({
      email: users.email,
      verified: users.emailVerifiedAt,
      phone: users.phone,
      phoneVerified: users.phoneVerifiedAt,
      optedOut: users.smsOptedOutAt,
    })
    .from(users)
    .where(eq(users.id, ctx.user.id));
  if (!me) throw new AppError("NOT_FOUND", "Account not found.");
  const now = deps.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [n] = await tx
      .insert(notifications)
      .values({
        userId: ctx.user.id,
        type,
        title: `[Test] ${preview.subject || catalogue[type].label}`,
        body: preview.text,
        link: "/notifications",
        inApp: input.channel === "in_app",
        visibleAt: now,
        createdAt: now,
      })
      .returning({ id: notifications.id });
    if (!n) throw new Error("no notification");
    if (input.channel === "in_app") {
      const unread = await unreadCount(tx, ctx.user.id, now);
      await deps.realtime.toUser(tx, ctx.user.id, "notification:new", { id: n.id, title: `[Test] ${preview.subject}`, unread });
      return;
    }
    if (input.channel === "email") {
      if (!me.verified) throw AppError.field("channel", "Verify your email address first.");
      await tx.insert(deliveries).values({
        notificationId: n.id,
        userId: ctx.user.id,
        channel: "email",
        type,
        payload: {
          to: me.email,
          subject: `[Test] ${preview.subject}`,
          text: preview.text,
          html: preview.html ?? undefined,
          htmlChecked: true,
        } satisfies EmailPayload,
        idempotencyKey: `${n.id}:email`,
        dueAt: now,
        createdAt: now,
      });
    } else {
      if (!me.phone || !me.phoneVerified || me.optedOut) throw AppError.field("channel", "Verify your phone number in your profile first.");
      await tx.insert(deliveries).values({
        notificationId: n.id,
        userId: ctx.user.id,
        channel: "sms",
        type,
        payload: { to: me.phone, body: preview.text },
        idempotencyKey: `${n.id}:sms`,
        dueAt: now,
        createdAt: now,
      });
    }
    await notifyChannel(tx, OUTBOX_CHANNEL, "due");
  });
}
