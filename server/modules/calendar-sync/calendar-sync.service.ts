/**
 * Brings the host's Google Calendar in line with a session, from the worker (never inside a request: Google can
 * be slow or down, and the session change has already committed with its emails).
 *
 * - `queueCalendarSync` runs in the transaction of every session change and leaves one pending job per host with
 *   a connected calendar (the pending unique index keeps it at one; a new change makes it due again).
 * - A worker pass claims due jobs (FOR UPDATE SKIP LOCKED, then a lease in `run_after`), and each job decides from
 *   the session as it is now: confirmed without an event → create it with a Meet link (saved on the session);
 *   confirmed with an older synced sequence → update; cancelled → delete. A job whose row was made due again while
 *   it ran (another change) is not marked done, so it runs once more with the newer state.
 * - Only the host (the "mentor" participant) gets a Google event, with the Meet link and every participant as a
 *   guest. A second event in a guest's own Google Calendar would show the session twice there and carry a second
 *   Meet link; guests' connected calendars give busy times only. Google emails nobody (sendUpdates=none): our
 *   email with the .ics is the one invitation.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { calendarSyncJobs, sessionCalendarEvents, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import { CalendarProviderError, CalendarReconnectError, type CalendarSession } from "../../integrations/calendar/calendar-provider";
import type { Realtime } from "../../realtime/realtime";
import type { BackgroundJob } from "../../worker/background-jobs";
import { type ConnectionDeps, liveConnections, markBroken } from "./calendar-connection.service";

export type SyncDeps = ConnectionDeps & { realtime: Realtime; config: { publicUrl: string } };

const BATCH = 20;
/** A claimed job is not claimed again for this long, even if its worker died mid-way. */
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 10;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

type Claimed = { id: string; sessionId: string; userId: string; attempts: number };

async function claimDue(deps: SyncDeps, leaseUntil: Date): Promise<Claimed[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const due = tx
      .select({ id: calendarSyncJobs.id })
      .from(calendarSyncJobs)
      .where(and(isNull(calendarSyncJobs.doneAt), lte(calendarSyncJobs.runAfter, now)))
      .orderBy(asc(calendarSyncJobs.runAfter))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    return tx
      .update(calendarSyncJobs)
      .set({ runAfter: leaseUntil, attempts: sql`${calendarSyncJobs.attempts} + 1` })
      .where(and(inArray(calendarSyncJobs.id, due), isNull(calendarSyncJobs.doneAt)))
      .returning({
        id: calendarSyncJobs.id,
        sessionId: calendarSyncJobs.sessionId,
        userId: calendarSyncJobs.userId,
        attempts: calendarSyncJobs.attempts,
      });
  });
}

/** Ends the job unless another change made it due again while it ran (then it runs once more). */
async function finish(db: DbOrTx, job: Claimed, leaseUntil: Date, set: Partial<typeof calendarSyncJobs.$inferInsert>) {
  await db
    .update(calendarSyncJobs)
    .set(set)
    .where(and(eq(calendarSyncJobs.id, job.id), eq(calendarSyncJobs.runAfter, leaseUntil), isNull(calendarSyncJobs.doneAt)));
}

async function sessionForSync(db: Db, sessionId: string, publicUrl: string) {
  const [s] = await db
    .select({
      id: sessions.id,
      programId: sessions.programId,
      programName: programs.name,
      kind: sessions.kind,
      title: sessions.title,
      status: sessions.status,
      start: sessions.start,
      end: sessions.end,
      sequence: sessions.sequence,
      meetUrl: sessions.meetUrl,
    })
    .from(sessions)
    .innerJoin(programs, eq(programs.id, sessions.programId))
    .where(eq(sessions.id, sessionId));
  if (!s) return undefined;
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, timezone: users.timezone, role: sessionParticipants.role })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.active, s.status !== "cancelled")))
    .orderBy(asc(sessionParticipants.role));
  const host = people.find((p) => p.role === "mentor");
  const link = `${publicUrl}/calendar?date=${s.start.toISOString().slice(0, 10)}&session=${s.id}`;
  const summary = s.kind === "group" ? s.title || "Group session" : `Mentoring session: ${people.map((p) => p.name).join(" and ")}`;
  const event: CalendarSession = {
    sessionId: s.id,
    summary,
    description: `${s.programName}. Details: ${link}`,
    start: s.start,
    end: s.end,
    attendees: people.map((p) => ({ email: p.email, name: p.name })),
    timeZone: host?.timezone,
  };
  return { session: s, people, event };
}

/** One job: what the session is now decides the Google call. */
async function syncOne(deps: SyncDeps, job: Claimed): Promise<void> {
  const [conn] = await liveConnections(deps, [job.userId]);
  if (!conn) return; // Disconnected or broken since: nothing to do until they connect again.
  const [synced] = await deps.db
    .select()
    .from(sessionCalendarEvents)
    .where(and(eq(sessionCalendarEvents.sessionId, job.sessionId), eq(sessionCalendarEvents.userId, job.userId)));
  const found = await sessionForSync(deps.db, job.sessionId, deps.config.publicUrl);
  const isHost = found?.people.some((p) => p.id === job.userId && p.role === "mentor") ?? false;

  if (!found || found.session.status === "cancelled" || !isHost) {
    if (!synced) return;
    await deps.calendar.deleteEvent(conn, synced.eventId);
    await deps.db
      .delete(sessionCalendarEvents)
      .where(and(eq(sessionCalendarEvents.sessionId, job.sessionId), eq(sessionCalendarEvents.userId, job.userId)));
    return;
  }
  const { session, people, event } = found;
  if (session.status !== "confirmed") return;

  if (!synced) {
    const created = await deps.calendar.createEvent(conn, event);
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      await tx
        .insert(sessionCalendarEvents)
        .values({ sessionId: session.id, userId: job.userId, eventId: created.eventId, syncedSequence: session.sequence, updatedAt: now })
        .onConflictDoUpdate({
          target: [sessionCalendarEvents.sessionId, sessionCalendarEvents.userId],
          set: { eventId: created.eventId, syncedSequence: session.sequence, updatedAt: now },
        });
      if (created.meetUrl && created.meetUrl !== session.meetUrl) {
        await tx.update(sessions).set({ meetUrl: created.meetUrl }).where(eq(sessions.id, session.id));
        // The session's page shows the link as soon as it exists.
        for (const p of people) {
          await deps.realtime.toUser(tx, p.id, "session:changed", {
            sessionId: session.id,
            programId: session.programId,
            status: session.status,
          });
        }
      }
    });
    return;
  }
  if (synced.syncedSequence < session.sequence) {
    await deps.calendar.updateEvent(conn, synced.eventId, event);
    await deps.db
      .update(sessionCalendarEvents)
      .set({ syncedSequence: session.sequence, updatedAt: deps.clock.now() })
      .where(and(eq(sessionCalendarEvents.sessionId, session.id), eq(sessionCalendarEvents.userId, job.userId)));
  }
}

/** One worker pass; returns how many jobs it took. */
export async function runCalendarSync(deps: SyncDeps): Promise<number> {
  const leaseUntil = new Date(deps.clock.now().getTime() + LEASE_MS);
  const claimed = await claimDue(deps, leaseUntil);
  for (const job of claimed) {
    try {
      await syncOne(deps, job);
      await finish(deps.db, job, leaseUntil, { doneAt: deps.clock.now(), lastError: "" });
    } catch (err) {
      if (err instanceof CalendarReconnectError) {
        // The person has to act (consent withdrawn, token expired); retrying will not help.
        deps.logger.warn({ userId: job.userId, detail: err.detail }, "google calendar needs reconnecting");
        await deps.db.transaction(async (tx) => {
          await markBroken(deps, job.userId, tx);
          await finish(tx, job, leaseUntil, { doneAt: deps.clock.now(), lastError: `reconnect: ${err.detail}` });
        });
        continue;
      }
      const transient = !(err instanceof CalendarProviderError) || err.transient;
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = !transient || job.attempts >= MAX_ATTEMPTS;
      deps.logger.warn({ err: message, jobId: job.id, attempts: job.attempts, giveUp }, "google calendar sync failed");
      await finish(
        deps.db,
        job,
        leaseUntil,
        giveUp
          ? { doneAt: deps.clock.now(), lastError: message.slice(0, 500) }
          : { runAfter: new Date(deps.clock.now().getTime() + backoffMs(job.attempts)), lastError: message.slice(0, 500) },
      );
    }
  }
  return claimed.length;
}

export const calendarSyncJob: BackgroundJob = {
  name: "calendar-sync",
  intervalMs: 5_000,
  tick: (deps) => runCalendarSync(deps),
};
