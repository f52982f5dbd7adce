/**
 * The embedded database (PGlite) is single-process: its data folder is locked so a second `npm start` on the
 * same folder refuses clearly instead of corrupting it, and a lock left behind by a crashed process is taken over.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, repoRoot, spawnTsx, type TsxProcess } from "../e2e/support/process";
import { openDb } from "./client";

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

/** The pid named in a folder's lock file (which also records the holder's start time on Linux). */
function lockPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "mis.lock"), "utf8").split(" ")[0]);
}

function procState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] as string;
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
    expect(lockPid(dataDir)).toBe(first.app.pid);

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
    expect(lockPid(dataDir)).toBe(next.app.pid);
    await next.app.stop();
  });

  it.runIf(process.platform === "linux")(
    "takes over from a holder killed with SIGKILL and not yet reaped (a zombie), and still refuses a live holder",
    async () => {
      const dataDir = path.join(tempDir(), "pglite");
      // The holder opens the folder through openDb, as `npm start` does. Its parent is `sleep`, which never waits
      // for children: `sh` starts the holder in the background and then becomes `sleep` (exec), so once the holder
      // is killed it stays a zombie until the test ends the parent.
      const holderCode = `import { openDb } from "./db/client.ts"; await openDb({ pgliteDir: process.argv[1], migrate: false }); console.log("locked"); setInterval(() => {}, 1000);`;
      const parent = spawn(
        "sh",
        [
          "-c",
          `"$0" --import tsx --input-type=module -e "$1" "$2" & echo "holder $!"; exec sleep 600`,
          process.execPath,
          holderCode,
          dataDir,
        ],
        { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      parent.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
      });
      try {
        await expect.poll(() => out, { timeout: 60_000, interval: 100 }).toMatch(/locked/);
        const holderPid = Number(/holder (\d+)/.exec(out)?.[1]);
        expect(lockPid(dataDir)).toBe(holderPid);

        await expect(openDb({ pgliteDir: dataDir, migrate: false })).rejects.toThrow(
          `The embedded database in ${dataDir} is in use by another process (pid ${holderPid})`,
        );

        process.kill(holderPid, "SIGKILL");
        await expect.poll(() => procState(holderPid), { timeout: 10_000, interval: 50 }).toBe("Z");
        // Signal 0 still reaches a zombie: this is what the old check took for a live holder.
        expect(() => process.kill(holderPid, 0)).not.toThrow();

        const handle = await openDb({ pgliteDir: dataDir, migrate: false });
        expect(lockPid(dataDir)).toBe(process.pid);
        await handle.close();
        expect(existsSync(path.join(dataDir, "mis.lock"))).toBe(false);
      } finally {
        parent.kill("SIGKILL");
      }
    },
    90_000,
  );

  it.runIf(process.platform === "linux")("takes over a lock whose pid now belongs to an unrelated, later process", async () => {
    const dataDir = path.join(tempDir(), "pglite");
    const unrelated = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      const pid = unrelated.pid as number;
      mkdirSync(dataDir, { recursive: true });
      // The lock records a start time the running process does not have: the pid was reused after a crash.
      writeFileSync(path.join(dataDir, "mis.lock"), `${pid} 1`);
      const handle = await openDb({ pgliteDir: dataDir, migrate: false });
      expect(lockPid(dataDir)).toBe(process.pid);
      await handle.close();

      // With its real start time recorded, the same live process is a holder, and the folder is refused.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
      writeFileSync(path.join(dataDir, "mis.lock"), `${pid} ${startTime}`);
      await expect(openDb({ pgliteDir: dataDir, migrate: false })).rejects.toThrow(`in use by another process (pid ${pid})`);
    } finally {
      unrelated.kill("SIGKILL");
    }
  });
});
