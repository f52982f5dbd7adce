/**
 * Child processes for tests: the real app, separate workers, or a one-off script, run through tsx from the
 * repository root with their output captured. Free of vitest so server tests and e2e tests share it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Every variable server/config.ts reads: cleared from the inherited environment so a developer's shell cannot leak in. */
export const APP_ENV_KEYS = [
  "NODE_ENV",
  "PORT",
  "HOST",
  "PUBLIC_URL",
  "LOG_LEVEL",
  "TRUST_PROXY",
  "DATABASE_URL",
  "PGLITE_DIR",
  "UPLOAD_DIR",
  "RUN_WORKER",
  "SERVE_CLIENT",
  "WORKER_ID",
  "WORKER_BATCH_SIZE",
  "WORKER_LEASE_MS",
  "WORKER_POLL_MS",
  "WORKER_MAX_ATTEMPTS",
  "SEED_DEMO",
  "SMTP_HOST",
  "SMTP_PORT",
  "SMTP_SECURE",
  "SMTP_USER",
  "SMTP_PASS",
  "SMTP_IGNORE_TLS",
  "GMAIL_OAUTH_CLIENT_ID",
  "GMAIL_OAUTH_CLIENT_SECRET",
  "GMAIL_OAUTH_REFRESH_TOKEN",
  "GMAIL_OAUTH_TOKEN_URL",
  "MAIL_FROM",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_CLIENT_SECRET",
  "GOOGLE_REDIRECT_URI",
  "GOOGLE_ALLOWED_HD",
  "OIDC_ISSUER",
  "GOOGLE_CALENDAR_ENABLED",
  "GOOGLE_CALENDAR_REDIRECT_URI",
  "GOOGLE_CALENDAR_API_URL",
  "GOOGLE_OAUTH_TOKEN_URL",
  "GOOGLE_OAUTH_REVOKE_URL",
  "APP_SECRET",
  "SMS_DAILY_CAP",
  "TWILIO_ACCOUNT_SID",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_FROM_NUMBER",
  "TWILIO_MESSAGING_SERVICE_SID",
  "TWILIO_API_BASE_URL",
  "TEST_DATABASE_URL",
] as const;

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other processes is accepted). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export type TsxProcess = {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything printed so far on stdout / stderr. */
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` appears on stdout or stderr (rejects if the process exits first or on timeout). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has ended. */
  stop(graceMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
};

/**
 * Runs `node --import tsx <script>` from the repository root. The environment is the current one without
 * the app's own variables, plus `env`.
 */
export function spawnTsx(script: string, env: Record<string, string | undefined> = {}, opts: { cwd?: string } = {}): TsxProcess {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of APP_ENV_KEYS) delete base[key];
  // vitest sets these for its own workers; the child is a plain program.
  delete base.VITEST;
  delete base.VITEST_WORKER_ID;
  delete base.VITEST_POOL_ID;
  delete base.NODE_OPTIONS;
  const childEnv: NodeJS.ProcessEnv = { ...base };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: opts.cwd ?? repoRoot,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    for (const l of listeners) l();
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    for (const l of listeners) l();
  });
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // "close" comes after "exit" and after the output streams have ended, so nothing printed is missed.
    child.once("close", (code, signal) => {
      ended = true;
      resolve({ code, signal });
      for (const l of listeners) l();
    });
  });

  const handle: TsxProcess = {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out) ?? pattern.exec(err);
          if (m) {
            done();
            resolve(m);
          } else if (ended) {
            done();
            reject(new Error(`${script} exited before printing ${pattern}.\nstdout:\n${out}\nstderr:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms.\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    kill(signal = "SIGTERM") {
      if (!ended) child.kill(signal);
    },
    async stop(graceMs = 10_000) {
      if (ended) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!ended) child.kill("SIGKILL");
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return handle;
}
