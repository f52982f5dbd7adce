/**
 * The embedded database (PGlite) is single-process: its data folder is locked so a second `npm start` on the
 * same folder refuses clearly instead of corrupting it, and a lock left behind by a crashed process is taken over.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnTsx, type TsxProcess } from "../e2e/support/process";

const dirs: string[] = [];
const running: TsxProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(path.join(tmpdir(), "mis-lock-"));
  dirs.push(d);
  return d;
}

async function startApp(pgliteDir: string, uploadDir: string) {
  const port = await freePort();
  const app = spawnTsx("server/main.ts", {
    PORT: String(port),
    PGLITE_DIR: pgliteDir,
    UPLOAD_DIR: uploadDir,
    SERVE_CLIENT: "false",
    SEED_DEMO: "false",
    LOG_LEVEL: "info",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  running.push(app);
  return { app, port, url: `http://127.0.0.1:${port}` };
}

async function ready(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; database?: string } };
}

/** The pid of a process that has certainly ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid ?? 0;
  await new Promise((r) => child.once("exit", r));
  return pid;
}

describe("the embedded database folder lock", () => {
  it("refuses a second process on the same folder with a message naming the folder, while the first keeps serving", async () => {
    const root = tempDir();
    const dataDir = path.join(root, "pglite");
    const first = await startApp(dataDir, path.join(root, "uploads"));
    await first.app.waitForOutput(/listening on/, 90_000);
    expect(readFileSync(path.join(dataDir, "mis.lock"), "utf8")).toBe(String(first.app.pid));

    const second = await startApp(dataDir, path.join(root, "uploads"));
    const { code } = await second.app.exited;
    expect(code).toBe(1);
    expect(second.app.stderr()).toContain(`The embedded database in ${dataDir} is in use by another process (pid ${first.app.pid})`);
    expect(second.app.stderr()).toMatch(/set DATABASE_URL/);
    expect(second.app.stdout()).not.toMatch(/listening on/);

    expect(await ready(first.url)).toEqual({ status: 200, body: { status: "ready", database: "pglite" } });

    // A clean stop releases the lock, and the folder opens again.
    await first.app.stop();
    expect(first.app.child.exitCode).toBe(0);
    expect(existsSync(path.join(dataDir, "mis.lock"))).toBe(false);
    const third = await startApp(dataDir, path.join(root, "uploads"));
    await third.app.waitForOutput(/listening on/, 90_000);
    expect((await ready(third.url)).status).toBe(200);
    await third.app.stop();
  });

  it("takes over a lock left behind by a process that no longer runs", async () => {
    const root = tempDir();
    const dataDir = path.join(root, "pglite");
    const first = await startApp(dataDir, path.join(root, "uploads"));
    await first.app.waitForOutput(/listening on/, 90_000);
    // A crash: the process dies without removing its lock; then the lock names a pid nobody has.
    first.app.kill("SIGKILL");
    await first.app.exited;
    const stalePid = await deadPid();
    writeFileSync(path.join(dataDir, "mis.lock"), String(stalePid));

    const next = await startApp(dataDir, path.join(root, "uploads"));
    await next.app.waitForOutput(/listening on/, 90_000);
    expect(await ready(next.url)).toEqual({ status: 200, body: { status: "ready", database: "pglite" } });
    expect(readFileSync(path.join(dataDir, "mis.lock"), "utf8")).toBe(String(next.app.pid));
    await next.app.stop();
  });
});
