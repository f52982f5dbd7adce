import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema/index";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services accept either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Subscribes to a Postgres NOTIFY channel. Returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export class DatabaseLockedError extends Error {}

/** Both drivers' `execute` results, reduced to rows (PGlite: {rows}, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function execRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** Escapes LIKE/ILIKE wildcards so user text is matched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SQLSTATE of a failed query, from either driver (drizzle wraps the driver error in `cause`). */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const c = (e as { constraint?: unknown; constraint_name?: unknown }).constraint ?? (e as { constraint_name?: unknown }).constraint_name;
    if (typeof c === "string") return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The kernel's start time of a process (clock ticks since boot, /proc/<pid>/stat field 22) and its state
 * (field 3), or undefined where /proc is not available (macOS, Windows) or the process is gone.
 */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const state = fields[0];
    const startTime = fields[19];
    return state && startTime ? { state, startTime } : undefined;
  } catch {
    return undefined;
  }
}

/** What the lock file records: the holder's pid and, on Linux, its start time (so a reused pid is not mistaken for it). */
function lockContents(): string {
  const startTime = procStat(process.pid)?.startTime;
  return startTime ? `${process.pid} ${startTime}` : String(process.pid);
}

/**
 * Whether the process named in a lock still holds it. Dead when signal 0 says there is no such process, when it
 * has exited but is not yet reaped (state Z zombie or X dead: right after a `kill -9` its parent may not have
 * waited for it yet, and signal 0 still succeeds), or when the pid now belongs to a later process (its start time
 * differs from the one recorded in the lock).
 */
function holderAlive(pid: number, recordedStartTime: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(pid);
  if (!stat) return !existsSync("/proc/self/stat") || existsSync(`/proc/${pid}`);
  if (stat.state === "Z" || stat.state === "X" || stat.state === "x") return false;
  if (recordedStartTime && recordedStartTime !== stat.startTime) return false;
  return true;
}

/**
 * PGlite is a single-process engine: two processes on one data folder would corrupt it.
 * A lock file naming the holder refuses the second process; a lock left by a dead process is taken over.
 */
function acquireLock(dir: string): () => void {
  const lockPath = path.join(dir, "mis.lock");
  const contents = lockContents();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, contents);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lockPath, "utf8") === contents) rmSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const [pidText, startTime] = readFileSync(lockPath, "utf8").trim().split(/\s+/);
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && holderAlive(pid, startTime)) {
        throw new DatabaseLockedError(
          `The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
            "Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.",
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseLockedError(`Could not lock ${dir}`);
}

export type OpenDbOptions = {
  /** postgres:// URL; without it, PGlite. */
  url?: string | undefined;
  /** PGlite data folder; undefined means in-memory (tests). */
  pgliteDir?: string | undefined;
  migrate?: boolean;
  max?: number;
};

export async function openDb(opts: OpenDbOptions): Promise<DbHandle> {
  const shouldMigrate = opts.migrate ?? true;
  if (opts.url) {
    const postgres = (await import("postgres")).default;
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    if (shouldMigrate) {
      // One runner at a time across instances: the advisory lock makes concurrent boots wait, not race.
      // A one-connection client keeps the session-level lock and the migration on the same connection
      // (drizzle cannot run on a reserved postgres.js connection: it lacks the client's parser options).
      const migrator = postgres(opts.url, { max: 1, onnotice: () => {} });
      try {
        await migrator`select pg_advisory_lock(727001)`;
        await migrate(drizzle(migrator, { schema }), { migrationsFolder });
        await migrator`select pg_advisory_unlock(727001)`;
      } finally {
        await migrator.end({ timeout: 5 });
      }
    }
    return {
      db: db as unknown as Db,
      kind: "postgres",
      async listen(channel, onPayload) {
        const sub = await client.listen(channel, onPayload);
        return () => sub.unlisten();
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { citext } = await import("@electric-sql/pglite/contrib/citext");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let release = () => {};
  if (opts.pgliteDir) {
    const dir = path.resolve(opts.pgliteDir);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    release = acquireLock(dir);
  }
  try {
    const client = await PGlite.create(opts.pgliteDir ? path.resolve(opts.pgliteDir) : undefined, {
      extensions: { citext, pg_trgm, btree_gist },
    });
    const db = drizzle(client, { schema });
    if (shouldMigrate) await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: "pglite",
      async listen(channel, onPayload) {
        const unsub = await client.listen(channel, onPayload);
        return async () => unsub();
      },
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Sends a NOTIFY through whichever engine is open (payload must stay under 8000 bytes). */
export async function notifyChannel(db: DbOrTx, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}
