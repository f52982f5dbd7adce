import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, type DbHandle, execRows } from "../../db/client";
import { deliveries, integrationStatus, notifications } from "../../db/schema/notifications";
import type { Clock } from "../clock";
import { MailError, type Mailer } from "../integrations/mail/mailer";
import { SmsError, type SmsSender } from "../integrations/sms/sms-sender";
import type { Logger } from "../logger";
import { publishDeliveryCounts } from "../modules/notification/delivery-log.service";
import { sanitizeEmailDocument } from "../modules/notification/email-sanitizer";
import { type EmailPayload, OUTBOX_CHANNEL, type SmsPayload, unreadCount } from "../modules/notification/outbox.service";
import type { Realtime } from "../realtime/realtime";

export type WorkerOptions = {
  db: Db;
  listen?: DbHandle["listen"];
  clock: Clock;
  mailer: Mailer;
  /** Absent in processes that never send SMS (tests of email only). */
  sms?: SmsSender | undefined;
  /** Public base URL, for Twilio's status callback; without it no callback is requested. */
  publicUrl?: string | undefined;
  logger: Logger;
  realtime: Realtime;
  workerId?: string;
  batchSize?: number;
  /** How long a claimed row is ours; a crashed worker's rows become claimable after it. */
  leaseMs?: number;
  pollMs?: number;
  /** Base of the exponential backoff. */
  backoffMs?: number;
  /** Attempts before a delivery is dead-lettered (each row also carries its own limit; the smaller wins). */
  maxAttempts?: number;
  /** Sends in flight at once within a batch (matches the SMTP pool's connections). */
  concurrency?: number;
  /** 0..1 share of random jitter added to each backoff (0 in tests that assert exact times). */
  jitter?: number;
};

export type DeliveryWorker = {
  readonly id: string;
  /** Claims and sends one batch; returns how many rows it processed. */
  runOnce(): Promise<number>;
  /** Drains everything due now (tests and benchmarks). */
  drain(): Promise<number>;
  start(): Promise<void>;
  /** Stops claiming, waits for the batch in flight, releases any unsent leases. */
  stop(): Promise<void>;
};

export function backoffDelay(attempt: number, baseMs: number, jitter: number, random = Math.random): number {
  const exp = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 60 * 60 * 1000);
  return Math.round(exp * (1 + jitter * random()));
}

type Claimed = {
  id: string;
  channel: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  idempotency_key: string;
  user_id: string | null;
  notification_id: string | null;
  /** An SMS attempt whose outcome was never recorded (see deliveries.sendAttemptedAt). */
  send_attempted_at: string | Date | null;
};

export function createDeliveryWorker(opts: WorkerOptions): DeliveryWorker {
  const id = opts.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const batchSize = opts.batchSize ?? 20;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 2_000;
  const backoffMs = opts.backoffMs ?? 30_000;
  const jitter = opts.jitter ?? 0.2;
  const concurrency = opts.concurrency ?? 3;
  const maxAttempts = opts.maxAttempts ?? Number.POSITIVE_INFINITY;
  const { db, clock, logger } = opts;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  let wake: (() => void) | undefined;
  let unlisten: (() => Promise<void>) | undefined;

  async function claim(): Promise<Claimed[]> {
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One statement: pick due rows nobody holds (or whose lease ran out) and lease them to us.
    return execRows<Claimed>(
      db,
      sql`update ${deliveries} d set status = 'sending', lease_until = ${leaseUntil.toISOString()}::timestamptz,
            leased_by = ${id}, attempts = d.attempts + 1
          where d.id in (
            select id from ${deliveries}
            where ((status in ('pending', 'failed') and due_at <= ${now.toISOString()}::timestamptz)
                or (status = 'sending' and lease_until < ${now.toISOString()}::timestamptz))
            order by due_at
            limit ${batchSize}
            for update skip locked)
          returning d.id, d.channel, d.payload, d.attempts, d.max_attempts, d.idempotency_key, d.user_id, d.notification_id,
            d.send_attempted_at`,
    );
  }

  const succeeded = new Set<string>();

  async function recordIntegration(name: string, ok: boolean, error?: string) {
    const now = clock.now();
    await db
      .insert(integrationStatus)
      .values(ok ? { name, lastSuccessAt: now } : { name, lastFailureAt: now, lastError: error ?? null })
      .onConflictDoUpdate({
        target: integrationStatus.name,
        set: ok ? { lastSuccessAt: now } : { lastFailureAt: now, lastError: error ?? null },
      });
  }

  async function deliver(row: Claimed): Promise<{ providerMessageId: string | null; providerStatus: string | null }> {
    if (row.channel === "email") {
      const p = row.payload as EmailPayload;
      const result = await opts.mailer.send({
        to: p.to,
        subject: p.subject,
        text: p.text,
        // A row rendered before the template allow-list existed (a reminder queued days ahead) is cleaned now.
        html: p.html && !p.htmlChecked ? sanitizeEmailDocument(p.html) : p.html,
        headers: p.headers,
        attachments: p.attachments,
        messageId: `<${row.idempotency_key.replace(/[^a-zA-Z0-9.:-]/g, "-")}@mis.delivery>`,
      });
      return { providerMessageId: result.providerMessageId, providerStatus: null };
    }
    if (row.channel === "sms") {
      if (!opts.sms) throw new SmsError("no SMS sender in this process", false);
      const p = row.payload as SmsPayload;
      if (row.send_attempted_at && opts.sms.findSent) {
        // An earlier attempt died between Twilio's answer and our update (or the answer was lost): ask before resending.
        const earlier = await opts.sms.findSent({ to: p.to, body: p.body, since: new Date(row.send_attempted_at) });
        if (earlier) {
          logger.info(
            { deliveryId: row.id, providerMessageId: earlier.providerMessageId },
            "an earlier SMS attempt had gone out; not resent",
          );
          return earlier;
        }
      }
      // On record (committed) before Twilio hears of it, so a crash after its answer is noticed by the next claim.
      // The earliest unknown attempt is kept: the lookup must cover every text that may have gone out.
      const marked = await db
        .update(deliveries)
        .set({ sendAttemptedAt: sql`coalesce(${deliveries.sendAttemptedAt}, ${clock.now().toISOString()}::timestamptz)` })
        .where(and(eq(deliveries.id, row.id), eq(deliveries.leasedBy, id), eq(deliveries.status, "sending")))
        .returning({ id: deliveries.id });
      if (marked.length === 0) throw new Error("lease lost before sending; another worker has this text");
      const result = await opts.sms.send({
        to: p.to,
        body: p.body,
        deliveryId: row.id,
        statusCallbackUrl: opts.publicUrl && opts.sms.mode === "real" ? `${opts.publicUrl}/webhooks/twilio/status` : undefined,
      });
      return result;
    }
    // in_app: the item was written days ahead (a reminder); announce it live now that it is visible.
    if (row.user_id && row.notification_id) {
      const [n] = await db.select({ title: notifications.title }).from(notifications).where(eq(notifications.id, row.notification_id));
      const unread = await unreadCount(db, row.user_id, clock.now());
      await opts.realtime.toUser(db, row.user_id, "notification:new", { id: row.notification_id, title: n?.title ?? "", unread });
    }
    return { providerMessageId: null, providerStatus: null };
  }

  async function sendOne(row: Claimed): Promise<"sent" | "retry" | "dead"> {
    try {
      const result = await deliver(row);
      // Only our own lease may complete the row: if it expired and another worker took over, we lose the race
      // cleanly (the receiver sees the same Message-ID twice at worst, never a different message).
      await db
        .update(deliveries)
        .set({
          status: "sent",
          sentAt: clock.now(),
          providerMessageId: result.providerMessageId,
          providerStatus: result.providerStatus,
          leaseUntil: null,
          lastError: null,
          sendAttemptedAt: null,
        })
        .where(and(eq(deliveries.id, row.id), eq(deliveries.leasedBy, id), eq(deliveries.status, "sending")));
      if (row.channel !== "in_app") succeeded.add(row.channel);
      return "sent";
    } catch (err) {
      const permanent = (err instanceof MailError || err instanceof SmsError) && err.permanent;
      const message = err instanceof Error ? err.message : String(err);
      // The smaller of the row's own budget and the deployment's WORKER_MAX_ATTEMPTS: then it goes to the dead letters.
      const dead = permanent || row.attempts >= Math.min(row.max_attempts, maxAttempts);
      const dueAt = new Date(clock.now().getTime() + backoffDelay(row.attempts, backoffMs, jitter));
      // Twilio answered with an error, so nothing went out: the next attempt need not ask. Otherwise the mark stays.
      const outcomeKnown = err instanceof SmsError && !err.outcomeUnknown;
      await db
        .update(deliveries)
        .set({
          ...(dead ? { status: "dead" as const, leaseUntil: null } : { status: "failed" as const, leaseUntil: null, dueAt }),
          lastError: message,
          ...(outcomeKnown ? { sendAttemptedAt: null } : {}),
        })
        .where(and(eq(deliveries.id, row.id), eq(deliveries.leasedBy, id)));
      await recordIntegration(row.channel, false, message);
      logger.warn({ deliveryId: row.id, attempt: row.attempts, dead, error: message }, "delivery failed");
      return dead ? "dead" : "retry";
    }
  }

  async function runOnce(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    // A few sends in flight at once keep the SMTP pool's connections busy; each row is still sent once.
    let countsChanged = false;
    let next = 0;
    succeeded.clear();
    const lanes = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++] as Claimed;
        // A failure changes the admin's counters, and so does a retry that now succeeded (attempts > 1).
        if ((await sendOne(row)) !== "sent" || row.attempts > 1) countsChanged = true;
      }
    });
    await Promise.all(lanes);
    // One health stamp per channel per batch rather than per message: a write saved on every delivery.
    for (const channel of succeeded) await recordIntegration(channel, true);
    if (countsChanged) await publishDeliveryCounts(db, opts.realtime);
    return rows.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  async function loop() {
    while (running) {
      try {
        const p = runOnce();
        inFlight = p;
        const n = await p;
        if (n > 0) continue;
      } catch (err) {
        logger.error({ err }, "worker batch failed");
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      wake = undefined;
    }
  }

  let loopDone: Promise<void> = Promise.resolve();
  return {
    id,
    runOnce,
    drain,
    async start() {
      if (running) return;
      running = true;
      if (opts.listen) {
        unlisten = await opts.listen(OUTBOX_CHANNEL, () => wake?.());
      }
      loopDone = loop();
      logger.info({ workerId: id }, "delivery worker started");
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wake?.();
      await unlisten?.();
      await inFlight.catch(() => {});
      await loopDone;
      // Hand back anything we claimed but did not finish so another worker need not wait for the lease.
      await db
        .update(deliveries)
        .set({ status: "pending", leaseUntil: null, attempts: sql`greatest(${deliveries.attempts} - 1, 0)` })
        .where(and(eq(deliveries.leasedBy, id), inArray(deliveries.status, ["sending"])));
    },
  };
}
