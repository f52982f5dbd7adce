import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type Db, type DbOrTx, escapeLike, notifyChannel } from "../../../db/client";
import { channels, deliveries } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { ADMIN_ROOM, type Realtime } from "../../realtime/realtime";
import { audit } from "../auth/auth.service";
import { OUTBOX_CHANNEL } from "./outbox.service";

export const deliveryStatuses = ["pending", "sending", "sent", "failed", "dead", "cancelled"] as const;

export const listDeliveriesInput = z.object({
  status: z.enum(deliveryStatuses).optional(),
  channel: z.enum(channels).optional(),
  type: z.string().max(60).optional(),
  /** Recipient name or email contains. */
  person: z.string().trim().max(100).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
});

export const deliveryRow = z.object({
  id: z.string(),
  channel: z.enum(channels),
  type: z.string(),
  status: z.enum(deliveryStatuses),
  recipientName: z.string().nullable(),
  recipientEmail: z.string().nullable(),
  /** What the message said (subject or the start of the SMS); never the full body. */
  summary: z.string(),
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  providerStatus: z.string().nullable(),
  dueAt: z.date(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
});

export async function listDeliveries(db: Db, input: z.output<typeof listDeliveriesInput>) {
  const filters: (SQL | undefined)[] = [
    input.status ? eq(deliveries.status, input.status) : undefined,
    input.channel ? eq(deliveries.channel, input.channel) : undefined,
    input.type ? eq(deliveries.type, input.type) : undefined,
    input.from ? gte(deliveries.createdAt, input.from) : undefined,
    input.to ? lt(deliveries.createdAt, input.to) : undefined,
    input.person ? or(ilike(users.name, `%${escapeLike(input.person)}%`), ilike(users.email, `%${escapeLike(input.person)}%`)) : undefined,
  ];
  const where = and(...filters);
  const [total] = await db.select({ n: count() }).from(deliveries).leftJoin(users, eq(users.id, deliveries.userId)).where(where);
  const rows = await db
    .select({
      id: deliveries.id,
      channel: deliveries.channel,
      type: deliveries.type,
      status: deliveries.status,
      recipientName: users.name,
      recipientEmail: users.email,
      payload: deliveries.payload,
      attempts: deliveries.attempts,
      maxAttempts: deliveries.maxAttempts,
      lastError: deliveries.lastError,
      providerStatus: deliveries.providerStatus,
      dueAt: deliveries.dueAt,
      sentAt: deliveries.sentAt,
      createdAt: deliveries.createdAt,
    })
    .from(deliveries)
    .leftJoin(users, eq(users.id, deliveries.userId))
    .where(where)
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items = rows.map(({ payload, ...r }) => {
    const p = payload as { subject?: string; body?: string };
    const summary =
      r.channel === "email"
        ? (p.subject ?? "")
        : r.channel === "sms"
          ? `${(p.body ?? "").slice(0, 60)}${(p.body ?? "").length > 60 ? "…" : ""}`
          : "in-app";
    // Verification codes and sign-in links are secrets even to admins.
    const secret = r.type === "phone.verification_code" || r.type.startsWith("auth.");
    return { ...r, summary: secret && r.channel === "sms" ? "(verification code hidden)" : summary };
  });
  const totalCount = Number(total?.n ?? 0);
  return { items, total: totalCount, page: input.page, pages: Math.max(1, Math.ceil(totalCount / input.pageSize)) };
}

export async function deliveryCounts(db: DbOrTx) {
  const rows = await db.select({ status: deliveries.status, n: count() }).from(deliveries).groupBy(deliveries.status);
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    pending: get("pending") + get("sending"),
    sent: get("sent"),
    failed: get("failed"),
    dead: get("dead"),
    cancelled: get("cancelled"),
  };
}

/** Tells admins' sockets the failure counters changed (the admin home card and the delivery log listen). */
export async function publishDeliveryCounts(db: DbOrTx, realtime: Realtime) {
  const { failed, dead } = await deliveryCounts(db);
  await realtime.toRoom(db, ADMIN_ROOM, "delivery:changed", { failed, dead });
}

/** Puts a failed, dead or cancelled delivery back in the queue, due now, with a fresh attempt budget. */
export async function retryDelivery(deps: { db: Db; clock: Clock; realtime: Realtime }, actor: SessionUser, id: string) {
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(deliveries)
      .set({ status: "pending", attempts: 0, dueAt: deps.clock.now(), leaseUntil: null, leasedBy: null })
      .where(and(eq(deliveries.id, id), inArray(deliveries.status, ["failed", "dead", "cancelled"])))
      .returning({ id: deliveries.id });
    if (updated.length === 0) throw new AppError("CONFLICT", "Only failed, dead or cancelled deliveries can be retried.");
    await audit(tx, deps.clock, { actorId: actor.id, action: "delivery.retry", targetType: "delivery", targetId: id });
    await publishDeliveryCounts(tx, deps.realtime);
    await notifyChannel(tx, OUTBOX_CHANNEL, "retry");
  });
}
