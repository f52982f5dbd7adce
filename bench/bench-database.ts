/**
 * Databases and rows for the scheduling benchmarks: a fresh PostgreSQL database (on BENCH_DATABASE_URL's server,
 * or a throwaway cluster), and sessions written in bulk straight into the tables, as a busy history would be.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { liveSessionStatuses, type SessionStatus, sessionParticipants, sessions } from "../db/schema/scheduling";
import { withPostgresServer } from "./deliveries";

/** A new database for `fn`, dropped afterwards. */
export async function withPostgresDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  return withPostgresServer(async (serverUrl) => {
    const postgres = (await import("postgres")).default;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const name = `mis_bench_${randomBytes(5).toString("hex")}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      return await fn(url.toString());
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}

export interface SessionRow {
  matchId: string;
  programId: string;
  start: Date;
  end: Date;
  status: SessionStatus;
  mentorId: string;
  menteeId: string;
}

/**
 * One-to-one sessions and their two participant rows, in chunks, without the booking service: no notifications,
 * no audit. `during` and `active` are written as the service writes them, so the EXCLUDE constraint still
 * refuses overlapping live sessions.
 */
export async function insertSessions(db: Db, rows: readonly SessionRow[]): Promise<void> {
  const chunk = 500;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk).map((r) => ({ ...r, id: randomUUID() }));
    await db
      .insert(sessions)
      .values(part.map((r) => ({ id: r.id, matchId: r.matchId, programId: r.programId, start: r.start, end: r.end, status: r.status })));
    await db.insert(sessionParticipants).values(
      part.flatMap((r) => {
        const common = {
          sessionId: r.id,
          during: `[${r.start.toISOString()},${r.end.toISOString()})`,
          active: (liveSessionStatuses as readonly SessionStatus[]).includes(r.status),
        };
        return [
          { ...common, userId: r.mentorId, role: "mentor" as const },
          { ...common, userId: r.menteeId, role: "mentee" as const },
        ];
      }),
    );
  }
}
