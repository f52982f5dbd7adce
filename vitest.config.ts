import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "db/**/*.test.ts", "client/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite boots a WASM Postgres per test file; two cores do best with two files at a time.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
