import { and, count, eq, isNull } from "drizzle-orm";
import { type DbOrTx, notifyChannel } from "../../../db/client";
import { deliveries, notifications } from "../../../db/schema/notifications";
import type { Clock } from "../../clock";
import type { Realtime } from "../../realtime/realtime";

export const OUTBOX_CHANNEL = "mis_outbox";

export type EmailContent = { subject: string; text: string; html?: string };

export type NotifyInput = {
  userId: string;
  type: string;
  title: string;
  body?: string;
  link?: string | null;
  data?: Record<string, unknown>;
  dedupeKey?: string;
  /** When given, an email delivery is queued too. */
  email?: (EmailContent & { to: string }) | undefined;
};

type OutboxDeps = { clock: Clock; realtime: Realtime };

/**
 * Writes an in-app notification and its per-channel deliveries in the caller's transaction, so the
 * notification exists exactly when the change that caused it commits. The live bell update and the worker
 * wake-up are NOTIFYs, which Postgres also delivers only on commit.
 */
export async function notify(tx: DbOrTx, deps: OutboxDeps, input: NotifyInput): Promise<{ id: string } | null> {
  const now = deps.clock.now();
  const inserted = await tx
    .insert(notifications)
    .values({
      userId: input.userId,
      type: input.type,
      title: input.title,
      body: input.body ?? "",
      link: input.link ?? null,
      data: input.data ?? {},
      dedupeKey: input.dedupeKey ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  const row = inserted[0];
  if (!row) return null; // deduplicated
  if (input.email) {
    await queueEmail(tx, deps, {
      userId: input.userId,
      notificationId: row.id,
      idempotencyKey: `${row.id}:email`,
      to: input.email.to,
      subject: input.email.subject,
      text: input.email.text,
      html: input.email.html,
    });
  }
  const unread = await unreadCount(tx, input.userId);
  await deps.realtime.toUser(tx, input.userId, "notification:new", { id: row.id, title: input.title, unread });
  return row;
}

export type EmailPayload = { to: string; subject: string; text: string; html?: string | undefined };

export async function queueEmail(
  tx: DbOrTx,
  deps: { clock: Clock },
  input: EmailPayload & { userId: string | null; notificationId?: string | null; idempotencyKey: string; dueAt?: Date },
): Promise<void> {
  await tx
    .insert(deliveries)
    .values({
      userId: input.userId,
      notificationId: input.notificationId ?? null,
      channel: "email",
      payload: { to: input.to, subject: input.subject, text: input.text, html: input.html } satisfies EmailPayload,
      idempotencyKey: input.idempotencyKey,
      dueAt: input.dueAt ?? deps.clock.now(),
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing();
  await notifyChannel(tx, OUTBOX_CHANNEL, "email");
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(rows[0]?.n ?? 0);
}
