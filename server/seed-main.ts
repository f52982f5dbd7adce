/**
 * `npm run seed`: adds the demo organisation on purpose, even to a database that has data (existing accounts are kept).
 * A composition root like server/main.ts (configuration, clock, password hashing), so it lives in server/: db/
 * imports nothing from server/, and seed.ts takes those as SeedDeps.
 */

import { openDb } from "../db/client";
import { demoPassword, printDemoAccounts, seedDemo } from "../db/seed/seed";
import { hashPassword } from "./auth/password";
import { systemClock } from "./clock";
import { ConfigError, loadConfig } from "./config";

try {
  const config = loadConfig();
  const handle = await openDb({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  const { created } = await seedDemo(handle.db, { clock: systemClock, hashPassword });
  console.log(`Seed finished: ${created} new accounts.`);
  printDemoAccounts(config.publicUrl, demoPassword);
  await handle.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
