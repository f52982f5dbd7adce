/** `npm run worker`: a separate delivery worker process. Needs PostgreSQL (PGlite is single-process). */
import { openDb } from "../../db/client";
import { buildDeps, logIntegrations } from "../build-deps";
import { systemClock } from "../clock";
import { ConfigError, loadConfig } from "../config";
import { createLogger } from "../logger";
import { startBackgroundJobs } from "./background-jobs";
import { createDeliveryWorker } from "./delivery-worker";

async function main() {
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
  if (!config.databaseUrl) {
    console.error("npm run worker needs DATABASE_URL: with the embedded database the worker runs inside `npm start`.");
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, "mis-worker");
  const handle = await openDb({ url: config.databaseUrl, max: 4 });
  const deps = buildDeps(config, handle, systemClock, logger);
  logIntegrations(deps);
  const worker = createDeliveryWorker({
    db: handle.db,
    listen: handle.listen,
    clock: systemClock,
    mailer: deps.mailer,
    sms: deps.sms,
    publicUrl: config.publicUrl,
    logger,
    realtime: deps.realtime,
    workerId: config.worker.id,
    batchSize: config.worker.batchSize,
    leaseMs: config.worker.leaseMs,
    pollMs: config.worker.pollMs,
    maxAttempts: config.worker.maxAttempts,
  });
  await worker.start();
  const jobs = startBackgroundJobs(deps);
  const stop = async () => {
    await jobs.stop();
    await worker.stop();
    await deps.mailer.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
