import { and, count, eq, gte, inArray, isNull, lt, lte, notInArray } from "drizzle-orm";
import { type DbOrTx, notifyChannel } from "../../../db/client";
import { type Channel, deliveries, notificationPreferences, notifications, notificationTemplates } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import type { Signer } from "../../auth/signing";
import type { Clock } from "../../clock";
import type { Realtime } from "../../realtime/realtime";
import { type NotificationType, typeDef } from "./catalogue";
import { defaultTemplates, type TemplateText } from "./default-templates";
import { linkifyHtml, renderEmail } from "./email-layout";
import { sanitizeEmailHtml } from "./email-sanitizer";
import { deferPastQuietHours, localDayBounds } from "./quiet-hours";
import { fitSms } from "./sms-text";
import { renderHtml, renderText, type TemplateValues } from "./template-engine";

export const OUTBOX_CHANNEL = "mis_outbox";
export const APP_NAME = "Mentoring";

export type NotifyDeps = {
  clock: Clock;
  realtime: Realtime;
  publicUrl: string;
  signer: Signer;
  /** At most this many SMS per person per 24 hours (reminders and alerts; urgent codes are not capped). */
  smsDailyCap: number;
  /** The address emails are sent from (MAIL_FROM); calendar invites name it as their ORGANIZER. */
  mailFrom: string;
};

/** The notification dependencies out of the app's (or a tRPC context's) dependencies. */
export function notifyDepsOf(d: {
  clock: Clock;
  realtime: Realtime;
  signer: Signer;
  config: { publicUrl: string; smsDailyCap: number; mailFrom: string };
}): NotifyDeps {
  return {
    clock: d.clock,
    realtime: d.realtime,
    signer: d.signer,
    publicUrl: d.config.publicUrl,
    smsDailyCap: d.config.smsDailyCap,
    mailFrom: d.config.mailFrom,
  };
}

export type NotifyInput = {
  type: NotificationType;
  userId: string;
  data: Record<string, string>;
  programId?: string | null;
  /** An app path ("/notifications") or absolute URL the message points to. */
  link?: string | null;
  /** Stops the same logical event notifying the same person twice. */
  dedupeKey?: string;
  /** When it is due (reminders); default now. */
  at?: Date;
  /** Restrict to these channels (a reminder offset uses only some). */
  only?: Channel[];
  /** Texts that would only go out at or after this instant (quiet hours) are dropped (reminders pass the event start). */
  notAfter?: Date;
  /** Attached to the email, if one goes out (e.g. a calendar invite). */
  attachments?: EmailAttachment[];
};

export type EmailAttachment = { filename: string; content: string; contentType: string };

export type EmailPayload = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers?: Record<string, string> | undefined;
  /** Small text attachments stored with the delivery (an .ics invite is a few hundred bytes). */
  attachments?: EmailAttachment[] | undefined;
  /**
   * The HTML is the built-in layout or passed the template allow-list when it was rendered. Rows without it (written
   * before the allow-list existed) are sanitized by the worker before sending.
   */
  htmlChecked?: boolean | undefined;
};
export type SmsPayload = { to: string; body: string };

export type NotifyResult = { notificationId: string; channels: Channel[] } | null;

async function effectiveTemplate(
  db: DbOrTx,
  type: NotificationType,
  channel: Channel,
  programId: string | null | undefined,
): Promise<TemplateText | undefined> {
  const scopes = programId ? [programId, "platform"] : ["platform"];
  const rows = await db
    .select({
      scope: notificationTemplates.scope,
      subject: notificationTemplates.subject,
      body: notificationTemplates.body,
      html: notificationTemplates.html,
    })
    .from(notificationTemplates)
    .where(
      and(eq(notificationTemplates.type, type), eq(notificationTemplates.channel, channel), inArray(notificationTemplates.scope, scopes)),
    );
  const pick = rows.find((r) => r.scope === programId) ?? rows.find((r) => r.scope === "platform");
  if (pick) return { subject: pick.subject, body: pick.body, html: pick.html };
  return defaultTemplates[type][channel];
}

export function absoluteLink(publicUrl: string, link: string | null | undefined): string {
  if (!link) return `${publicUrl}/`;
  return /^https?:\/\//.test(link) ? link : `${publicUrl}${link.startsWith("/") ? "" : "/"}${link}`;
}

/** Renders one channel's message from a template and values (also used by preview and test-send). */
export function renderMessage(
  channel: Channel,
  tpl: TemplateText,
  values: TemplateValues,
  opts: { unsubscribeUrl?: string | undefined } = {},
) {
  if (channel === "email") {
    const subject = renderText(tpl.subject, values).replace(/\s+/g, " ").trim();
    const text = renderText(tpl.body, values);
    const footer = opts.unsubscribeUrl
      ? `You receive this because of your notification settings. Unsubscribe from these emails: ${opts.unsubscribeUrl}`
      : "This is a required account message.";
    const layout = renderEmail({ heading: subject, paragraphs: text.split(/\n{2,}/), footer });
    // A custom HTML body still gets the footer (with the unsubscribe link) the text part has. It is sanitized after
    // the values are filled in, so neither an old stored template nor a value can bring in markup the list refuses.
    const html = tpl.html?.trim()
      ? `${sanitizeEmailHtml(renderHtml(tpl.html, values)).html}\n<p style="font-size:12px;color:#6b7280">${linkifyHtml(footer)}</p>`
      : layout.html;
    return { subject, text: `${text}\n\n${footer}`, html };
  }
  if (channel === "sms") return { subject: "", text: fitSms(renderText(tpl.body, values), values.link), html: undefined };
  return { subject: renderText(tpl.subject, values).trim(), text: renderText(tpl.body, values).trim(), html: undefined };
}

async function wakeWorkers(tx: DbOrTx) {
  await notifyChannel(tx, OUTBOX_CHANNEL, "due");
}

/**
 * The one call for the rest of the code: inside the domain transaction, notify a person of an event.
 * Channels = the type's defaults x the person's preferences (mandatory types ignore preferences) x a usable
 * contact (verified email; verified phone with SMS consent). The notification row doubles as the in-app item;
 * each other channel gets a delivery row for the worker. Live updates and the worker wake-up are NOTIFYs, so
 * they happen only if the transaction commits.
 */
export async function notify(tx: DbOrTx, deps: NotifyDeps, input: NotifyInput): Promise<NotifyResult> {
  const def = typeDef(input.type);
  const payload = def.payload.parse(input.data);
  const now = deps.clock.now();
  const at = input.at ?? now;
  const [user] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      smsOptedOutAt: users.smsOptedOutAt,
      timezone: users.timezone,
      quietStart: users.quietHoursStart,
      quietEnd: users.quietHoursEnd,
      status: users.status,
    })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user) return null;
  const prefs = def.mandatory
    ? []
    : await tx
        .select({ channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
        .from(notificationPreferences)
        .where(and(eq(notificationPreferences.userId, user.id), eq(notificationPreferences.type, input.type)));
  const wanted = (ch: Channel) =>
    (input.only ? input.only.includes(ch) : true) &&
    defaultTemplates[input.type][ch] !== undefined &&
    (def.mandatory ? def.defaults[ch] : (prefs.find((p) => p.channel === ch)?.enabled ?? def.defaults[ch]));
  const canEmail = (user.emailVerifiedAt !== null || def.toUnverifiedEmail === true) && user.status === "active";
  const canSms =
    !!user.phone &&
    (user.phoneVerifiedAt !== null || def.toUnverifiedPhone === true) &&
    user.smsOptedOutAt === null &&
    user.status === "active";
  const channels: Channel[] = [];
  if (wanted("in_app")) channels.push("in_app");
  if (wanted("email") && canEmail) channels.push("email");
  if (wanted("sms") && canSms) channels.push("sms");

  const link = absoluteLink(deps.publicUrl, input.link);
  const values: TemplateValues = { ...payload, "recipient.name": user.name, "app.name": APP_NAME, "app.url": deps.publicUrl, link };
  const inAppTpl = await effectiveTemplate(tx, input.type, "in_app", input.programId);
  const emailTpl = await effectiveTemplate(tx, input.type, "email", input.programId);
  const titleSource = inAppTpl ?? (emailTpl ? { subject: emailTpl.subject, body: "" } : { subject: def.label, body: "" });
  const inApp = renderMessage("in_app", titleSource, values);

  const [row] = await tx
    .insert(notifications)
    .values({
      userId: user.id,
      type: input.type,
      title: inApp.subject || def.label,
      body: inApp.text,
      link: input.link ?? null,
      data: payload,
      programId: input.programId ?? null,
      inApp: channels.includes("in_app"),
      visibleAt: at,
      dedupeKey: input.dedupeKey ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (!row) return null; // deduplicated

  for (const channel of channels) {
    const key = `${row.id}:${channel}`;
    if (channel === "in_app") {
      if (at.getTime() <= now.getTime()) {
        await deps.realtime.toUser(tx, user.id, "notification:new", {
          id: row.id,
          title: inApp.subject,
          unread: await unreadCount(tx, user.id, now),
        });
      } else {
        // A future in-app item (a 15-minute reminder): the worker announces it live when it falls due.
        await tx.insert(deliveries).values({
          notificationId: row.id,
          userId: user.id,
          channel,
          type: input.type,
          payload: {},
          idempotencyKey: key,
          dueAt: at,
          createdAt: now,
        });
      }
      continue;
    }
    const tpl = await effectiveTemplate(tx, input.type, channel, input.programId);
    if (!tpl) continue;
    if (channel === "email") {
      const unsubscribeUrl = def.mandatory
        ? undefined
        : `${deps.publicUrl}/unsubscribe?token=${await deps.signer.sign({ u: user.id, t: input.type, c: "email" }, tx)}`;
      const msg = renderMessage("email", tpl, values, { unsubscribeUrl });
      const payloadOut: EmailPayload = {
        to: user.email,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        headers: unsubscribeUrl
          ? { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
          : undefined,
        attachments: input.attachments,
        htmlChecked: true,
      };
      await tx.insert(deliveries).values({
        notificationId: row.id,
        userId: user.id,
        channel,
        type: input.type,
        payload: payloadOut,
        idempotencyKey: key,
        dueAt: at,
        createdAt: now,
      });
    } else {
      const msg = renderMessage("sms", tpl, values);
      const dueAt = def.urgent ? at : deferPastQuietHours(at, user.timezone, user.quietStart, user.quietEnd);
      let status: "pending" | "cancelled" = "pending";
      let lastError: string | null = null;
      if (input.notAfter && dueAt.getTime() >= input.notAfter.getTime()) {
        // Quiet hours would deliver it after the event it announces: a late "starts in 1 hour" helps nobody.
        status = "cancelled";
        lastError = "Quiet hours would delay this text past the event; not sent.";
      } else if (!def.urgent) {
        // The cap is per calendar day in the recipient's zone, so it does not depend on the order texts are queued.
        const { dayStart, dayEnd } = localDayBounds(dueAt, user.timezone);
        const [sent] = await tx
          .select({ n: count() })
          .from(deliveries)
          .where(
            and(
              eq(deliveries.userId, user.id),
              eq(deliveries.channel, "sms"),
              gte(deliveries.dueAt, dayStart),
              lt(deliveries.dueAt, dayEnd),
              notInArray(deliveries.status, ["cancelled", "dead"]),
            ),
          );
        if (Number(sent?.n ?? 0) >= deps.smsDailyCap) {
          status = "cancelled";
          lastError = `Daily SMS limit of ${deps.smsDailyCap} reached; not sent.`;
        }
      }
      const payloadOut: SmsPayload = { to: user.phone as string, body: msg.text };
      await tx.insert(deliveries).values({
        notificationId: row.id,
        userId: user.id,
        channel,
        type: input.type,
        payload: payloadOut,
        idempotencyKey: key,
        dueAt,
        status,
        lastError,
        createdAt: now,
      });
    }
  }
  if (channels.some((c) => c !== "in_app") || at.getTime() > now.getTime()) await wakeWorkers(tx);
  return { notificationId: row.id, channels };
}

/** Unread items in the bell: in-app notifications already visible and not read. */
export async function unreadCount(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(notifications)
    .where(
      and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt), lte(notifications.visibleAt, now)),
    );
  return Number(rows[0]?.n ?? 0);
}

/** A raw email delivery with no in-app item (tests, benchmarks and admin test-sends use it). */
export async function queueEmail(
  tx: DbOrTx,
  deps: { clock: Clock },
  input: EmailPayload & { userId: string | null; notificationId?: string | null; idempotencyKey: string; dueAt?: Date; type?: string },
): Promise<void> {
  await tx
    .insert(deliveries)
    .values({
      userId: input.userId,
      notificationId: input.notificationId ?? null,
      channel: "email",
      type: input.type ?? "raw",
      payload: {
        to: input.to,
        subject: input.subject,
        text: input.text,
        html: input.html,
        headers: input.headers,
        attachments: input.attachments,
        // Raw emails are written by the app's own code (tests, benchmarks, admin test-sends), never by people.
        htmlChecked: true,
      } satisfies EmailPayload,
      idempotencyKey: input.idempotencyKey,
      dueAt: input.dueAt ?? deps.clock.now(),
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing();
  await wakeWorkers(tx);
}
