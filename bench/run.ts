/**
 * `npm run bench`: start-up time and the API read path against a bare node:http baseline, measured in one run.
 * Results are printed as Markdown rows for docs/performance.md. Never part of the test suite.
 *
 *   npm run bench                 # everything
 *   npm run bench -- startup      # one part
 *   npm run bench -- api          # API read path vs bare node:http, idle and under load (BENCH_API_LOAD spinners)
 *   npm run bench -- matching
 *   npm run bench -- deliveries   # 10,000 emails due at once (bench/deliveries.ts)
 *   npm run bench -- slots        # 8 weeks of slots for a pair with 1,000 sessions (bench/slots.ts)
 *   npm run bench -- calendar-month  # month switch in the browser with 1,000 events (bench/calendar-month.ts)
 *   npm run bench -- wire-bytes   # bytes a cold Chromium load moves per route (bench/wire-bytes.ts)
 */

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "../db/client";
import { notifications } from "../db/schema/notifications";
import { repoRoot } from "../e2e/support/process";
import { createApp } from "../server/app";
import { buildDeps } from "../server/build-deps";
import { systemClock } from "../server/clock";
import { loadConfig } from "../server/config";
import { silentLogger } from "../server/logger";
import { listNotifications } from "../server/modules/notification/notification.service";
import { makeUser, sessionTokenFor } from "../server/test-support/factories";
import { benchDeliveries } from "./deliveries";
import { loadAverage, median, percentile as pct } from "./stats";

async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PGLITE_DIR: path.join(dataDir, "pglite"),
      UPLOAD_DIR: path.join(dataDir, "up"),
      PORT: String(port),
      SERVE_CLIENT: "false",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) return performance.now() - started;
      } catch {
        /* not up yet */
      }
      if (performance.now() - started > 120_000) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

async function benchStartup() {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), "mis-bench-"));
    cold.push(await timeToHealthy(dir, 3900 + i));
    warm.push(await timeToHealthy(dir, 3910 + i));
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("\n## Start-up to first /healthz answer (3 runs, median)");
  console.log("| case | median ms | runs |\n|---|---|---|");
  console.log(`| first start (new ./data: migrations + demo seed) | ${Math.round(median(cold))} | ${cold.map(Math.round).join(", ")} |`);
  console.log(`| restart (existing ./data) | ${Math.round(median(warm))} | ${warm.map(Math.round).join(", ")} |`);
}

async function load(url: string, headers: Record<string, string>, seconds: number, concurrency: number) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (!res.ok) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { rps: latencies.length / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), errors };
}

async function benchApi() {
  const dbUrl = process.env.BENCH_DATABASE_URL;
  const handle = await openDb({ url: dbUrl });
  const config = loadConfig({
    NODE_ENV: "production",
    // Production refuses to start without it; a fresh random one per run is all a benchmark needs.
    APP_SECRET: randomBytes(48).toString("base64"),
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://127.0.0.1:3990",
    UPLOAD_DIR: mkdtempSync(path.join(tmpdir(), "mis-bench-up-")),
  });
  const deps = buildDeps(config, handle, systemClock, silentLogger);
  const user = await makeUser(handle.db, { email: `bench-${Date.now()}@example.test` });
  await handle.db.insert(notifications).values(
    Array.from({ length: 200 }, (_, i) => ({
      userId: user.id,
      type: "bench",
      title: `Notification ${i}`,
      createdAt: new Date(Date.now() - i * 60_000),
    })),
  );
  const token = await sessionTokenFor(handle.db, systemClock, user.id);
  const app = await createApp(deps);
  await new Promise<void>((r) => app.server.listen(3990, "127.0.0.1", r));

  // The baseline: a bare node:http handler calling the same service function (same SQL, same rows), without
  // HTTP routing, the session check, tRPC, superjson or the output schema.
  const bare = createServer(async (_req, res) => {
    const page = await listNotifications(deps, user.id, { limit: 20, before: null, unreadOnly: false });
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(page));
  });
  await new Promise<void>((r) => bare.listen(3991, "127.0.0.1", r));

  const input = encodeURIComponent(JSON.stringify({ json: { limit: 20 } }));
  const trpcUrl = `http://127.0.0.1:3990/trpc/notification.list?input=${input}`;
  const seconds = Number(process.env.BENCH_SECONDS ?? 4);
  const rounds = Number(process.env.BENCH_API_ROUNDS ?? 5);
  const burners = Number(process.env.BENCH_API_LOAD ?? 2);
  const fullPath = () => load(trpcUrl, { cookie: `session=${token}` }, seconds, 16);
  const barePath = () => load("http://127.0.0.1:3991/", {}, seconds, 16);
  // Warm up both paths (JIT, PGlite's caches), untimed.
  await load(trpcUrl, { cookie: `session=${token}` }, 1, 8);
  await load("http://127.0.0.1:3991/", {}, 1, 8);

  // Short windows, alternating full and bare, so a burst of noise from the shared machine hits one round of
  // both paths rather than all of one path; each round's ratio is taken from its own adjacent pair of windows.
  async function measure(label: string) {
    const loadBefore = loadAverage();
    const full: Awaited<ReturnType<typeof load>>[] = [];
    const bare: Awaited<ReturnType<typeof load>>[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Swap the order every round so neither path always runs first after a pause.
      let f: Awaited<ReturnType<typeof load>>;
      let b: Awaited<ReturnType<typeof load>>;
      if (i % 2 === 0) {
        f = await fullPath();
        b = await barePath();
      } else {
        b = await barePath();
        f = await fullPath();
      }
      full.push(f);
      bare.push(b);
      ratios.push(f.rps / b.rps);
    }
    const mid = (xs: typeof full, k: "rps" | "p50" | "p95") => median(xs.map((x) => x[k]));
    console.log(
      `\n## API read path, ${label}: notification.list (20 of 200 rows), ${handle.kind}, ${rounds} rounds of ${seconds} s per path, 16 concurrent`,
    );
    console.log(`load average (1, 5, 15 min) before: ${loadBefore}, after: ${loadAverage()}`);
    console.log("| path | median req/s | p50 ms | p95 ms | errors | req/s per round |\n|---|---|---|---|---|---|");
    const row = (name: string, xs: typeof full) =>
      `| ${name} | ${mid(xs, "rps").toFixed(0)} | ${mid(xs, "p50").toFixed(1)} | ${mid(xs, "p95").toFixed(1)} | ${xs.reduce((a, x) => a + x.errors, 0)} | ${xs.map((x) => x.rps.toFixed(0)).join(", ")} |`;
    console.log(row("full stack (HTTP + host guard + session check + tRPC + superjson + zod output)", full));
    console.log(row("bare node:http, same service call", bare));
    console.log(
      `| ratio full / bare (median of rounds) | ${median(ratios).toFixed(2)} | | | | ${ratios.map((r) => r.toFixed(2)).join(", ")} |`,
    );
  }

  await measure("idle (no added load)");
  // Under load: `burners` child processes spin the CPU (one per core by default) for the whole measurement,
  // which adds about 2 to the load average on this 2-core machine, the "load about 2" of the review.
  const spinners = Array.from({ length: burners }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  try {
    await new Promise((r) => setTimeout(r, 2000));
    await measure(`under load (${burners} busy-looping processes)`);
  } finally {
    for (const child of spinners) child.kill("SIGKILL");
  }
  bare.close();
  await app.close();
  await handle.close();
}

const which = process.argv[2];
if (!which || which === "startup") await benchStartup();
if (!which || which === "api") await benchApi();
if (!which || which === "matching") await (await import("./matching")).benchMatching();
if (!which || which === "deliveries") await benchDeliveries();
if (!which || which === "slots") await (await import("./slots")).benchSlots();
if (!which || which === "calendar-month") await (await import("./calendar-month")).benchCalendarMonth();
if (!which || which === "wire-bytes") await (await import("./wire-bytes")).benchWireBytes();
process.exit(0);
