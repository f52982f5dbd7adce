/**
 * `npm run seed`: adds the demo organisation on purpose, even to a database that has data (existing accounts are kept).
 * A composition root like server/main.ts (configuration, clock, password hashing), so it is the one file under db/
 * that imports server/ (server/architecture.test.ts names it); seed.ts itself takes those as SeedDeps.
 */
import { hashPassword } from "../../server/auth/password";
import { systemClock } from "../../server/clock";
import { ConfigError, loadConfig } from "../../server/config";
import { openDb } from "../client";
import { demoPassword, printDemoAccounts, seedDemo } from "./seed";

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
