/**
 * The real app as a child process (`node --import tsx server/main.ts`), the way `npm start` runs it: its own
 * temporary data and upload folders, a free port, PUBLIC_URL on 127.0.0.1, LOG_LEVEL=warn. Waits for /healthz,
 * keeps what it prints (the demo accounts are printed there) and stops it on close.
 * Free of vitest so server tests and e2e tests share it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkedOrigins } from "./a11y";
import { freePort, repoRoot, spawnTsx, type TsxProcess } from "./process";

export const clientDist = path.join(repoRoot, "dist", "client");
const clientSrc = path.join(repoRoot, "client");

export type DemoAccounts = { admin: string; coordinator: string; mentor: string; mentee: string; password: string };

export type AppProcess = {
  readonly url: string;
  readonly port: number;
  readonly process: TsxProcess;
  /** The embedded database folder (unless DATABASE_URL was given). */
  readonly dataDir: string;
  stdout(): string;
  stderr(): string;
  /** The demo accounts printed at the first start (throws if none were printed). */
  demoAccounts(): DemoAccounts;
  close(): Promise<void>;
};

export type StartAppOptions = {
  /** Extra environment: SMTP_*, GOOGLE_*, OIDC_ISSUER, DATABASE_URL, ... */
  env?: Record<string, string | undefined>;
  /** A fixed port (e.g. one already registered with an OpenID provider); a free one otherwise. */
  port?: number;
  /** Serve the built client; default: when dist/client/index.html exists. */
  serveClient?: boolean;
  seedDemo?: boolean;
  logLevel?: string;
  /** Reuse a data folder (e.g. to restart the app on the same data); a new temporary one otherwise. */
  dataDir?: string;
  timeoutMs?: number;
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function clientSourcesPresent(): boolean {
  return existsSync(path.join(clientSrc, "vite.config.ts")) && existsSync(path.join(clientSrc, "index.html"));
}

export function clientBuilt(): boolean {
  return existsSync(path.join(clientDist, "index.html"));
}

/**
 * Builds the client once (`npm run build`) when dist/client is missing or older than the client sources.
 * Returns false when there is no client to build yet (the app then runs without serving one).
 */
export function ensureClientBuilt(log: (line: string) => void = console.log): boolean {
  if (!clientSourcesPresent()) {
    log("e2e: no client sources (client/vite.config.ts); the app will run without serving a client");
    return clientBuilt();
  }
  const index = path.join(clientDist, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(clientSrc)) return true;
  log("e2e: building the client (npm run build)...");
  const started = Date.now();
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const res = spawnSync(npm, ["run", "build"], { cwd: repoRoot, stdio: "inherit", env: process.env });
  if (res.status !== 0) throw new Error(`npm run build failed (exit ${res.status})`);
  log(`e2e: client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

export function parseDemoAccounts(stdout: string): DemoAccounts | undefined {
  const field = (label: string) => new RegExp(`^\\s*${label}\\s+(\\S+)`, "m").exec(stdout)?.[1];
  const accounts = {
    admin: field("platform admin"),
    coordinator: field("coordinator"),
    mentor: field("mentor"),
    mentee: field("mentee"),
    password: field("password \\(all\\)"),
  };
  return Object.values(accounts).every(Boolean) ? (accounts as DemoAccounts) : undefined;
}

async function waitForHealth(url: string, proc: TsxProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`the app exited before it was healthy.\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`the app was not healthy within ${timeoutMs} ms.\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startApp(opts: StartAppOptions = {}): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), "mis-e2e-app-"));
  const serveClient = opts.serveClient ?? clientBuilt();
  const proc = spawnTsx("server/main.ts", {
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    LOG_LEVEL: opts.logLevel ?? "warn",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    UPLOAD_DIR: path.join(dataDir, "uploads"),
    SERVE_CLIENT: serveClient ? "true" : "false",
    SEED_DEMO: opts.seedDemo === false ? "false" : "true",
    ...opts.env,
  });
  try {
    await waitForHealth(url, proc, opts.timeoutMs ?? 120_000);
    // Its pages are held to WCAG 2.2 AA in every browser journey (e2e/support/a11y.ts).
    checkedOrigins.add(url);
  } catch (err) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    port,
    process: proc,
    dataDir,
    stdout: () => proc.stdout(),
    stderr: () => proc.stderr(),
    demoAccounts() {
      const accounts = parseDemoAccounts(proc.stdout());
      if (!accounts) throw new Error(`the app printed no demo accounts:\n${proc.stdout()}`);
      return accounts;
    },
    async close() {
      await proc.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
