import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { deliveries, integrationStatus } from "../../db/schema/notifications";
import { type SmtpSink, startSmtpSink } from "../../e2e/support/smtp-sink";
import { createTestClock } from "../clock";
import { loadConfig } from "../config";
import type { Mailer } from "../integrations/mail/mailer";
import { createSmtpMailer } from "../integrations/mail/smtp-mailer";
import { silentLogger } from "../logger";
import { queueEmail } from "../modules/notification/outbox.service";
import { createRealtime } from "../realtime/realtime";
import { openTestDb } from "../test-support/test-db";
import { backoffDelay, createDeliveryWorker } from "./delivery-worker";

let handle: DbHandle;
let sink: SmtpSink;
let mailer: Mailer;
const clock = createTestClock("2026-11-23T09:00:00Z");

beforeAll(async () => {
  handle = await openTestDb();
  sink = await startSmtpSink();
  const config = loadConfig({ ...sink.env() });
  if (!config.smtp) throw new Error("smtp config expected");
  mailer = createSmtpMailer(config.smtp);
});
afterAll(async () => {
  await mailer?.close();
  await sink?.close();
  await handle?.close();
});
beforeEach(async () => {
  sink.recover();
  sink.messages.length = 0;
  await handle.db.delete(deliveries);
});

const realtime = () => createRealtime(handle, silentLogger);
const worker = (id = "w1", extra: { leaseMs?: number; maxBatch?: number } = {}) =>
  createDeliveryWorker({
    db: handle.db,
    clock,
    mailer,
    logger: silentLogger,
    realtime: realtime(),
    workerId: id,
    jitter: 0,
    backoffMs: 1000,
    leaseMs: extra.leaseMs ?? 60_000,
    batchSize: extra.maxBatch ?? 20,
  });

async function queue(n: number, prefix = "m") {
  for (let i = 0; i < n; i++) {
    await handle.db.transaction((tx) =>
      queueEmail(
        tx,
        { clock },
        {
          userId: null,
          idempotencyKey: `${prefix}-${i}`,
          to: `person${i}@example.test`,
          subject: `Hello ${i}`,
          text: `Plain ${i}`,
          html: `<p>Rich ${i}</p>`,
        },
      ),
    );
  }
}

async function statuses() {
  const rows = await handle.db.select({ status: deliveries.status }).from(deliveries);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe("delivery worker over a real SMTP server", () => {
  it("sends the email with its text and HTML parts, from the configured sender, with a stable Message-ID", async () => {
    await queue(1);
    expect(await worker().drain()).toBe(1);
    const [m] = sink.messages;
    expect(m?.subject).toBe("Hello 0");
    expect(m?.text.trim()).toBe("Plain 0");
    expect(m?.html).toContain("<p>Rich 0</p>");
    expect(m?.from).toContain("no-reply@mentoring.example.test");
    expect(m?.envelopeTo).toEqual(["person0@example.test"]);
    expect(m?.messageId).toBe("<m-0@mis.delivery>");
    expect(await statuses()).toEqual({ sent: 1 });
    const [health] = await handle.db.select().from(integrationStatus).where(eq(integrationStatus.name, "email"));
    expect(health?.lastSuccessAt).not.toBeNull();
  });

  it("SMTP down for a while, then back: every message is delivered exactly once", async () => {
    await queue(6, "outage");
    await sink.stop();
    const w = worker();
    expect(await w.runOnce()).toBe(6);
    expect(await statuses()).toEqual({ failed: 6 });
    const [row] = await handle.db.select().from(deliveries).limit(1);
    expect(row?.lastError).toBeTruthy();
    expect(row?.dueAt.getTime()).toBe(clock.now().getTime() + 1000);
    // Nothing is due before the backoff ends.
    expect(await w.runOnce()).toBe(0);
    clock.advance(1000);
    expect(await w.runOnce()).toBe(6); // second failure: backoff doubles
    clock.advance(2000);
    await sink.start();
    await w.drain();
    expect(await statuses()).toEqual({ sent: 6 });
    expect(sink.messages).toHaveLength(6);
    expect([...sink.countsByMessageId().values()].every((n) => n === 1)).toBe(true);
  });

  it("a temporary SMTP refusal (4xx) is retried; a permanent one (5xx) goes straight to dead", async () => {
    await queue(1, "temp");
    sink.failWith(451, "try later");
    const w = worker();
    await w.runOnce();
    expect(await statuses()).toEqual({ failed: 1 });
    sink.recover();
    clock.advance(1000);
    await w.drain();
    expect(await statuses()).toEqual({ sent: 1 });

    await handle.db.delete(deliveries);
    await queue(1, "perm");
    sink.failWith(550, "no such mailbox");
    await w.runOnce();
    const [dead] = await handle.db.select().from(deliveries);
    expect(dead?.status).toBe("dead");
    expect(dead?.attempts).toBe(1);
    expect(dead?.lastError).toMatch(/550/);
  });

  it("gives up after the maximum number of attempts and keeps the last error", async () => {
    await queue(1, "max");
    await handle.db.update(deliveries).set({ maxAttempts: 3 });
    await sink.stop();
    const w = worker();
    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      clock.advance(60_000);
    }
    const [row] = await handle.db.select().from(deliveries);
    expect(row?.status).toBe("dead");
    expect(row?.attempts).toBe(3);
    await sink.start();
  });

  it("a crashed worker's claimed rows are picked up by another after the lease, and sent once", async () => {
    await queue(3, "crash");
    // Worker A claims the batch and dies before sending (its lease is recorded, nothing else).
    await handle.db
      .update(deliveries)
      .set({ status: "sending", leasedBy: "dead-worker", leaseUntil: new Date(clock.now().getTime() + 30_000), attempts: 1 });
    const b = worker("w-b");
    expect(await b.runOnce()).toBe(0); // lease still held
    clock.advance(30_001);
    expect(await b.drain()).toBe(3);
    expect(await statuses()).toEqual({ sent: 3 });
    expect(sink.messages).toHaveLength(3);
  });

  it("stopping a worker hands back what it claimed but did not send", async () => {
    await queue(2, "stop");
    await handle.db
      .update(deliveries)
      .set({ status: "sending", leasedBy: "w-stop", leaseUntil: new Date(clock.now().getTime() + 60_000), attempts: 1 });
    await worker("w-stop").stop();
    const rows = await handle.db.select().from(deliveries);
    expect(rows.map((r) => [r.status, r.attempts, r.leaseUntil])).toEqual([
      ["pending", 0, null],
      ["pending", 0, null],
    ]);
  });

  it("the deployment's attempt limit dead-letters a delivery sooner than the row's own", async () => {
    await queue(1, "cap");
    await sink.stop();
    const w = createDeliveryWorker({
      db: handle.db,
      clock,
      mailer,
      logger: silentLogger,
      realtime: realtime(),
      workerId: "w-cap",
      jitter: 0,
      backoffMs: 1000,
      maxAttempts: 2,
    });
    await w.runOnce();
    clock.advance(60_000);
    await w.runOnce();
    const [row] = await handle.db.select().from(deliveries);
    expect([row?.status, row?.attempts, row?.maxAttempts]).toEqual(["dead", 2, 8]);
    await sink.start();
  });

  it("backoff grows exponentially, is capped at an hour and jitter only adds", () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 30_000, 0))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffDelay(20, 30_000, 0)).toBe(3_600_000);
    expect(backoffDelay(1, 30_000, 0.2, () => 1)).toBe(36_000);
  });

  it("the same idempotency key is queued once, however often the change is retried", async () => {
    await queue(1, "same");
    await queue(1, "same");
    expect(await statuses()).toEqual({ pending: 1 });
  });
});
