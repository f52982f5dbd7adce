/** `npm run seed`: adds the demo organisation on purpose, even to a database that has data (existing accounts are kept). */
import { systemClock } from "../../server/clock";
import { ConfigError, loadConfig } from "../../server/config";
import { openDb } from "../client";
import { demoPassword, printDemoAccounts, seedDemo } from "./seed";

try {
  const config = loadConfig();
  const handle = await openDb({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  const { created } = await seedDemo(handle.db, systemClock);
  console.log(`Seed finished: ${created} new accounts.`);
  printDemoAccounts(config.publicUrl, demoPassword);
  await handle.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
