/**
 * Several delivery workers on one database. On PostgreSQL (TEST_DATABASE_URL set): two separate
 * `npm run worker` processes share the outbox through SKIP LOCKED claims, and one of them is SIGKILLed
 * mid-batch. On the embedded database (PGlite, single-process) the worker runs inside the app instead:
 * the separate worker refuses to start, and the app's own worker delivers the mail.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { inArray } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "../../db/schema/notifications";
import { freePort, spawnTsx, type TsxProcess } from "../../e2e/support/process";
import { type SmtpSink, startSmtpSink } from "../../e2e/support/smtp-sink";
import { systemClock } from "../clock";
import { queueEmail } from "../modules/notification/outbox.service";
import type { AppRouter } from "../router";
import { openTestDb } from "../test-support/test-db";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const BATCH = 20;

let handle: Awaited<ReturnType<typeof openTestDb>>;
const sinks: SmtpSink[] = [];
const processes: TsxProcess[] = [];

beforeAll(async () => {
  // Separate worker processes need a database server; the embedded tests start their own app instead.
  if (onPostgres) handle = await openTestDb();
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop()));
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await handle?.close();
});

async function sink(opts: { delayMs?: number } = {}) {
  const s = await startSmtpSink(opts);
  sinks.push(s);
  return s;
}

/** The Message-ID the worker gives a delivery (stable per idempotency key). */
const messageIdOf = (key: string) => `<${key.replace(/[^a-zA-Z0-9.:-]/g, "-")}@mis.delivery>`;

async function queue(prefix: string, n: number): Promise<string[]> {
  const keys = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  // One transaction, one commit: every listening worker is woken by the same NOTIFY.
  await handle.db.transaction(async (tx) => {
    for (const [i, key] of keys.entries()) {
      await queueEmail(
        tx,
        { clock: systemClock },
        { userId: null, idempotencyKey: key, to: `member${i}@example.test`, subject: `${prefix} reminder ${i}`, text: `Reminder ${i}` },
      );
    }
  });
  return keys;
}

function rowsFor(keys: string[]) {
  return handle.db
    .select({
      key: deliveries.idempotencyKey,
      status: deliveries.status,
      leasedBy: deliveries.leasedBy,
      leaseUntil: deliveries.leaseUntil,
      sentAt: deliveries.sentAt,
    })
    .from(deliveries)
    .where(inArray(deliveries.idempotencyKey, keys));
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startWorker(id: string, smtp: SmtpSink, extra: Record<string, string> = {}) {
  const worker = spawnTsx("server/worker/worker-main.ts", {
    DATABASE_URL: handle.url,
    ...smtp.env(),
    WORKER_ID: id,
    WORKER_POLL_MS: "100",
    WORKER_BATCH_SIZE: String(BATCH),
    LOG_LEVEL: "info",
    ...extra,
  });
  processes.push(worker);
  return worker;
}

if (onPostgres) {
  describe("two worker processes on one PostgreSQL database", () => {
    it("deliver 200 queued emails between them, each exactly once", async () => {
      const smtp = await sink({ delayMs: 5 });
      const workers = [await startWorker("w-a", smtp), await startWorker("w-b", smtp)];
      await Promise.all(workers.map((w) => w.waitForOutput(/delivery worker started/, 60_000)));

      const keys = await queue("pair", 200);
      await smtp.waitFor(200, { timeoutMs: 60_000 });
      const rows = await until("every delivery to be marked sent", async () => {
        const r = await rowsFor(keys);
        return r.every((row) => row.status === "sent") && r;
      });

      const counts = smtp.countsByMessageId();
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(counts.keys())).toEqual(new Set(keys.map(messageIdOf)));
      const sentBy = (id: string) => rows.filter((r) => r.leasedBy === id).length;
      expect(sentBy("w-a")).toBeGreaterThan(0);
      expect(sentBy("w-b")).toBeGreaterThan(0);
      expect(sentBy("w-a") + sentBy("w-b")).toBe(200);
    });

    it("a worker killed mid-batch loses nothing: after its lease expires the other sends the rest", async () => {
      // A slow SMTP server keeps each batch in flight long enough to kill a worker inside one.
      const smtp = await sink({ delayMs: 15 });
      const lease = { WORKER_LEASE_MS: "3000" };
      const victim = await startWorker("w-victim", smtp, lease);
      const survivor = await startWorker("w-survivor", smtp, lease);
      await Promise.all([victim, survivor].map((w) => w.waitForOutput(/delivery worker started/, 60_000)));

      const keys = await queue("crash", 200);
      await until("the victim to be in the middle of a batch", async () => {
        const r = await rowsFor(keys);
        const mine = r.filter((row) => row.leasedBy === "w-victim");
        return mine.some((row) => row.status === "sent") && mine.some((row) => row.status === "sending");
      });
      victim.kill("SIGKILL");
      await victim.exited;
      const killedAt = Date.now();

      // Whatever the dead worker still holds is orphaned until its lease runs out.
      const orphans = (await rowsFor(keys)).filter((row) => row.leasedBy === "w-victim" && row.status === "sending");
      expect(orphans.length).toBeGreaterThan(0);
      expect(orphans.length).toBeLessThanOrEqual(BATCH);

      const rows = await until("every delivery to be marked sent", async () => {
        const r = await rowsFor(keys);
        return r.every((row) => row.status === "sent") && r;
      });

      // Nothing lost: every message arrived at least once.
      const counts = smtp.countsByMessageId();
      expect(new Set(counts.keys())).toEqual(new Set(keys.map(messageIdOf)));
      // Duplicates only for rows the killed worker had in flight, at most one batch, and with the same
      // Message-ID (and content), so the receiving mail system can drop them.
      const orphanIds = new Set(orphans.map((o) => messageIdOf(o.key)));
      const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
      expect(smtp.messages.length - 200).toBeLessThanOrEqual(BATCH);
      for (const id of duplicated) {
        expect(orphanIds.has(id)).toBe(true);
        const copies = smtp.messages.filter((m) => m.messageId === id);
        expect(new Set(copies.map((m) => `${m.subject}|${m.envelopeTo.join(",")}`)).size).toBe(1);
      }
      // The orphans were finished by the survivor, and only after the dead worker's lease had expired.
      for (const orphan of orphans) {
        const row = rows.find((r) => r.key === orphan.key);
        expect(row?.leasedBy).toBe("w-survivor");
        expect(row?.sentAt?.getTime()).toBeGreaterThanOrEqual(orphan.leaseUntil?.getTime() ?? Number.POSITIVE_INFINITY);
      }
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      expect(rows.filter((r) => r.leasedBy === "w-victim").length).toBeGreaterThan(0);
    });
  });
} else {
  describe("the embedded database runs a single, in-process worker", () => {
    it("refuses to start a separate worker process, explaining that the app runs the worker itself", async () => {
      const smtp = await sink();
      const worker = spawnTsx("server/worker/worker-main.ts", { ...smtp.env(), LOG_LEVEL: "info" });
      processes.push(worker);
      const { code } = await worker.exited;
      expect(code).toBe(1);
      expect(worker.stderr()).toMatch(/npm run worker needs DATABASE_URL/);
      expect(worker.stderr()).toMatch(/runs inside `npm start`/);
      expect(worker.stdout()).not.toMatch(/delivery worker started/);
    });

    it("the app on the embedded database delivers its own mail: each sign-up's email arrives exactly once", async () => {
      const smtp = await sink();
      const dir = mkdtempSync(path.join(tmpdir(), "mis-embedded-worker-"));
      try {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const app = spawnTsx("server/main.ts", {
          ...smtp.env(),
          PORT: String(port),
          PUBLIC_URL: url,
          PGLITE_DIR: path.join(dir, "pglite"),
          UPLOAD_DIR: path.join(dir, "uploads"),
          SERVE_CLIENT: "false",
          SEED_DEMO: "false",
          WORKER_POLL_MS: "100",
          LOG_LEVEL: "info",
        });
        processes.push(app);
        await app.waitForOutput(/listening on/, 90_000);
        expect(app.stdout()).toMatch(/delivery worker started/);

        const names = ["Ama Mensah", "Bo Chen", "Cy Ortiz"];
        for (const [i, name] of names.entries()) {
          const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })] });
          await client.auth.signUp.mutate({ name, email: `member${i}@example.test`, password: `a long pass phrase number ${i}` });
        }
        const mails = await smtp.waitFor(3, { timeoutMs: 30_000 });
        expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(["member0@example.test", "member1@example.test", "member2@example.test"]);
        expect(mails.every((m) => m.subject === "Confirm your email address")).toBe(true);
        expect(mails.every((m) => m.authUser === smtp.env().SMTP_USER)).toBe(true);
        // Give a second delivery every chance to show up before checking there was none.
        await new Promise((r) => setTimeout(r, 500));
        expect([...smtp.countsByMessageId().values()]).toEqual([1, 1, 1]);
      } finally {
        await Promise.all(processes.splice(0).map((p) => p.stop()));
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
