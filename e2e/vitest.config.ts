import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Browser journeys against the real app started as a child process (npm run test:e2e).
export default defineConfig({
  test: {
    root,
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    pool: "forks",
    // One app and one Chromium at a time: two cores, and journeys are timing-sensitive.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    globalSetup: ["e2e/global-setup.ts"],
    reporters: ["default"],
  },
});
