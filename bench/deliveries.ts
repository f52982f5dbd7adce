/**
 * `npm run bench -- deliveries`: 10,000 email deliveries falling due at once, sent by the delivery worker(s)
 * to a local SMTP server (e2e/support/smtp-sink.ts, the same peer the tests use), counted by Message-ID.
 *
 *   - PGlite (an on-disk data folder, as `npm start` uses) with the in-process worker, as `npm start` runs it;
 *   - PostgreSQL with TWO separate worker processes (`server/worker/worker-main.ts`, as `npm run worker` runs
 *     them) on BENCH_DATABASE_URL, or on a throwaway cluster started with .ci/pg-cluster.sh.
 *
 * The clock starts when the transaction that queued them all commits ("due at once") and stops when the sink
 * holds a message for every delivery; "all marked sent" is when the database agrees.
 * BENCH_DELIVERIES changes the count (default 10000); BENCH_DELIVERY_ENGINES=pglite or =postgres runs one side.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, ne, sql } from "drizzle-orm";
import { type Db, type DbHandle, execRows, openDb } from "../db/client";
import { deliveries } from "../db/schema/notifications";
import { repoRoot, spawnTsx, type TsxProcess } from "../e2e/support/process";
import { type SmtpSink, startSmtpSink } from "../e2e/support/smtp-sink";
import { systemClock } from "../server/clock";
import { loadConfig } from "../server/config";
import { createSmtpMailer } from "../server/integrations/mail/smtp-mailer";
import { silentLogger } from "../server/logger";
import { queueEmail } from "../server/modules/notification/outbox.service";
import { createRealtime } from "../server/realtime/realtime";
import { createDeliveryWorker } from "../server/worker/delivery-worker";

type Result = {
  setup: string;
  count: number;
  queueMs: number;
  deliveredMs: number;
  allSentMs: number;
  received: number;
  distinct: number;
  duplicates: number;
  perWorker: string;
};

async function queueAll(db: Db, n: number, prefix: string) {
  // One transaction: every row is due at the same instant and one commit wakes the workers.
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await queueEmail(
        tx,
        { clock: systemClock },
        {
          userId: null,
          idempotencyKey: `${prefix}-${i}`,
          to: `member${i}@example.test`,
          subject: `Reminder: mentoring session ${i} starts in 1 hour`,
          text: `Hello,\n\nyour mentoring session ${i} starts in 1 hour.\n\nDetails: https://mentoring.example.org/sessions/${i}`,
          html: `<p>Hello,</p><p>your mentoring session ${i} starts in 1 hour.</p>`,
          type: "reminder.event",
        },
      );
    }
  });
}

async function untilAllSent(db: Db, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select({ n: count() }).from(deliveries).where(ne(deliveries.status, "sent"));
    if (Number(row?.n ?? 0) === 0) return;
    if (performance.now() > deadline) throw new Error(`${row?.n} deliveries still not sent after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function perWorker(db: Db) {
  const rows = await execRows<{ leased_by: string | null; n: number }>(
    db,
    sql`select leased_by, count(*)::int as n from ${deliveries} group by leased_by order by leased_by`,
  );
  return rows.map((r) => `${r.leased_by}: ${r.n}`).join(", ");
}

function tally(sink: SmtpSink) {
  const byId = sink.countsByMessageId();
  return { received: sink.messages.length, distinct: byId.size, duplicates: sink.messages.length - byId.size };
}

const timeoutMs = 15 * 60_000;

async function runPglite(n: number): Promise<Result> {
  const dir = mkdtempSync(path.join(tmpdir(), "mis-bench-deliveries-"));
  const sink = await startSmtpSink();
  let handle: DbHandle | undefined;
  try {
    handle = await openDb({ pgliteDir: path.join(dir, "pglite") });
    const config = loadConfig({ ...sink.env(), LOG_LEVEL: "silent" });
    if (!config.smtp) throw new Error("no SMTP config");
    const mailer = createSmtpMailer(config.smtp);
    const worker = createDeliveryWorker({
      db: handle.db,
      listen: handle.listen,
      clock: systemClock,
      mailer,
      logger: silentLogger,
      realtime: createRealtime(handle, silentLogger),
      ...config.worker,
      workerId: "in-process",
    });
    await worker.start();
    const q0 = performance.now();
    await queueAll(handle.db, n, "pglite");
    const t0 = performance.now();
    await sink.waitFor(n, { timeoutMs });
    const delivered = performance.now();
    await untilAllSent(handle.db, timeoutMs);
    const allSent = performance.now();
    await worker.stop();
    await mailer.close();
    return {
      setup: `PGlite (on disk), in-process worker, batch ${config.worker.batchSize}`,
      count: n,
      queueMs: t0 - q0,
      deliveredMs: delivered - t0,
      allSentMs: allSent - t0,
      ...tally(sink),
      perWorker: await perWorker(handle.db),
    };
  } finally {
    await handle?.close();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function withPostgresServer<T>(fn: (serverUrl: string) => Promise<T>): Promise<T> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return fn(given);
  const clusterDir = mkdtempSync(path.join(tmpdir(), "mis-bench-pg-"));
  const env = { ...process.env, PG_CLUSTER_DIR: clusterDir };
  const script = path.join(repoRoot, ".ci", "pg-cluster.sh");
  const url = execFileSync("bash", [script, "start"], { env, encoding: "utf8" }).trim();
  try {
    return await fn(url);
  } finally {
    execFileSync("bash", [script, "stop"], { env, stdio: "ignore" });
    rmSync(clusterDir, { recursive: true, force: true });
  }
}

async function runPostgres(n: number): Promise<Result> {
  return withPostgresServer(async (serverUrl) => {
    const postgres = (await import("postgres")).default;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const name = `mis_bench_${randomBytes(5).toString("hex")}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const sink = await startSmtpSink();
    const workers: TsxProcess[] = [];
    let handle: DbHandle | undefined;
    try {
      handle = await openDb({ url: url.toString(), max: 4 });
      for (const id of ["worker-1", "worker-2"]) {
        workers.push(
          spawnTsx("server/worker/worker-main.ts", { DATABASE_URL: url.toString(), ...sink.env(), WORKER_ID: id, LOG_LEVEL: "info" }),
        );
      }
      await Promise.all(workers.map((w) => w.waitForOutput(/delivery worker started/, 120_000)));
      const q0 = performance.now();
      await queueAll(handle.db, n, "postgres");
      const t0 = performance.now();
      await sink.waitFor(n, { timeoutMs });
      const delivered = performance.now();
      await untilAllSent(handle.db, timeoutMs);
      const allSent = performance.now();
      const config = loadConfig({});
      return {
        setup: `PostgreSQL, 2 worker processes, batch ${config.worker.batchSize} each`,
        count: n,
        queueMs: t0 - q0,
        deliveredMs: delivered - t0,
        allSentMs: allSent - t0,
        ...tally(sink),
        perWorker: await perWorker(handle.db),
      };
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await handle?.close();
      await sink.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}

/**
 * The SMTP path alone (no database): the same mailer and sink, one message at a time (as the worker sends
 * within a batch) and three at a time (the size of the mailer's connection pool). The ceiling the worker
 * could reach on this machine.
 */
async function smtpCeiling(n: number) {
  const sink = await startSmtpSink();
  const config = loadConfig({ ...sink.env(), LOG_LEVEL: "silent" });
  if (!config.smtp) throw new Error("no SMTP config");
  const mailer = createSmtpMailer(config.smtp);
  const message = (prefix: string, i: number) => ({
    to: `member${i}@example.test`,
    subject: `Reminder: mentoring session ${i} starts in 1 hour`,
    text: `Hello,\n\nyour mentoring session ${i} starts in 1 hour.`,
    html: `<p>Hello,</p><p>your mentoring session ${i} starts in 1 hour.</p>`,
    messageId: `<${prefix}-${i}@bench>`,
  });
  try {
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await mailer.send(message("seq", i));
    const sequential = performance.now() - t0;
    t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        while (next < n) await mailer.send(message("par", next++));
      }),
    );
    const parallel = performance.now() - t0;
    return { sequential: (n / sequential) * 1000, parallel: (n / parallel) * 1000, received: sink.messages.length };
  } finally {
    await mailer.close();
    await sink.close();
  }
}

export async function benchDeliveries() {
  const n = Number(process.env.BENCH_DELIVERIES ?? 10_000);
  const engines = (process.env.BENCH_DELIVERY_ENGINES ?? "pglite,postgres").split(",");
  const results: Result[] = [];
  if (engines.includes("pglite")) results.push(await runPglite(n));
  if (engines.includes("postgres")) results.push(await runPostgres(n));
  console.log(`\n## Deliveries: ${n.toLocaleString("en-US")} emails due at once, sent to a local SMTP server`);
  console.log("| setup | queue (1 transaction) s | all at the sink s | all marked sent s | emails/s | received | duplicates | sent by |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.setup} | ${(r.queueMs / 1000).toFixed(1)} | ${(r.deliveredMs / 1000).toFixed(1)} | ${(r.allSentMs / 1000).toFixed(1)} | ${Math.round(
        (r.count / r.deliveredMs) * 1000,
      )} | ${r.distinct}/${r.count} | ${r.duplicates} | ${r.perWorker} |`,
    );
  }
  const ceilingN = 1000;
  const ceiling = await smtpCeiling(ceilingN);
  console.log(`\nSMTP alone (mailer -> sink, no database, ${ceilingN} messages each): one at a time ${Math.round(ceiling.sequential)}/s,`);
  console.log(
    `three at a time (the mailer's pool size) ${Math.round(ceiling.parallel)}/s; ${ceiling.received} of ${2 * ceilingN} received.`,
  );
  const bad = results.filter((r) => r.duplicates > 0 || r.distinct !== r.count);
  const slow = results.filter((r) => r.deliveredMs > 60_000);
  console.log(
    `\nQuality bar (all ${n.toLocaleString("en-US")} within 60 s, none twice): ${
      bad.length === 0 && slow.length === 0 ? "met" : `NOT met (${[...bad, ...slow].map((r) => r.setup).join("; ")})`
    }`,
  );
}
