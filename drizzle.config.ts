import { defineConfig } from "drizzle-kit";

// drizzle-kit is only the authoring tool (`npm run db:generate` needs no database).
// Migrations are applied by db/client.ts at start on both PGlite and PostgreSQL,
// because drizzle-kit opens PGlite without the contrib extensions we need.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
