/**
 * The only composition root: load config, open the database, build services, listen, start the worker,
 * drain on SIGTERM.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseLockedError, openDb } from "../db/client";
import { demoPassword, isDatabaseEmpty, printDemoAccounts, seedDemo } from "../db/seed/seed";
import { createApp } from "./app";
import { hashPassword } from "./auth/password";
import { buildDeps, logIntegrations } from "./build-deps";
import { systemClock } from "./clock";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { startBackgroundJobs } from "./worker/background-jobs";
import { createDeliveryWorker } from "./worker/delivery-worker";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const clientDir = path.join(root, "dist", "client");

async function ensureClientBuilt(logger: ReturnType<typeof createLogger>) {
  if (existsSync(path.join(clientDir, "index.html"))) return;
  logger.info("building the client once (dist/client is missing)...");
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "client", "vite.config.ts"), logLevel: "warn" });
}

async function main() {
  const startedAt = performance.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const serveClient = config.serveClient;
  if (serveClient) await ensureClientBuilt(logger);

  let handle: Awaited<ReturnType<typeof openDb>>;
  try {
    handle = await openDb({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const deps = buildDeps(config, handle, systemClock, logger);
  logIntegrations(deps);

  if (config.seedDemo && (await isDatabaseEmpty(handle.db))) {
    await seedDemo(handle.db, { clock: systemClock, hashPassword });
    printDemoAccounts(config.publicUrl, demoPassword);
  }

  const app = await createApp(deps, { clientDir: serveClient ? clientDir : undefined });
  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;

  // Embedded (PGlite) always runs the worker in-process; with PostgreSQL it can run here and/or in `npm run worker`.
  const worker =
    config.runWorker || handle.kind === "pglite"
      ? createDeliveryWorker({
          db: handle.db,
          listen: handle.listen,
          clock: systemClock,
          mailer: deps.mailer,
          sms: deps.sms,
          publicUrl: config.publicUrl,
          logger,
          realtime: deps.realtime,
          ...config.worker,
          workerId: config.worker.id,
        })
      : undefined;
  await worker?.start();
  const jobs = worker ? startBackgroundJobs(deps) : undefined;
  logger.info(
    { port, startupMs: Math.round(performance.now() - startedAt) },
    `listening on http://${config.host}:${port} (public URL ${config.publicUrl})`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await jobs?.stop();
    await worker?.stop();
    await app.close();
    await deps.mailer.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
