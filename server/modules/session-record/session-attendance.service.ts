/**
 * Check-in, attendance and completion of a session.
 *
 * Strikes: a person's strikes in a program are their participant rows marked no_show in that program's sessions,
 * counted when asked (so clearing a mark lowers the count by itself). When a mark takes the count from below the
 * program's no_show_threshold to exactly the threshold, the program's coordinators get "session.no_show_alert".
 * Marks past the threshold alert nobody again: the coordinators already know and a third mark adds little. A
 * count that drops (a mark cleared) and comes back up through another session's mark is a new crossing and alerts
 * again; clearing and re-marking the same session does not (one alert per session and count). Marks for one person in
 * one program are counted under an advisory lock, so two marks at once cannot both miss (or both make) a crossing.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { notify } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { cancelReminders } from "../notification/reminder.service";
import { programCoordinatorIds } from "../program/staff-events.service";
import { sessionEventKey } from "../scheduling/session-notify.service";
import { recordDomainEvent } from "./domain-events";
import { CHECK_IN_OPENS_MINUTES, type MarkAttendanceInput } from "./session-record.schema";
import {
  assertNotCancelled,
  canComplete,
  loadRecordAccess,
  markableBy,
  type RecordDeps,
  signalRecordChanged,
} from "./session-record-access";

const MINUTE = 60_000;
/** Advisory lock class for "this person's strikes in this program". */
const STRIKE_LOCK_CLASS = 7302;

export async function checkIn(deps: RecordDeps, actor: SessionUser, sessionId: string) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, sessionId, { lock: true });
    const own = access.own;
    if (!own) throw new AppError("FORBIDDEN", "Only the people in this session check in.");
    assertNotCancelled(access);
    const { session } = access;
    if (session.status !== "confirmed")
      throw new AppError("CONFLICT", `This session is ${session.status.replace("_", " ")}, so check-in is closed.`);
    const now = deps.clock.now();
    const opensAt = new Date(session.start.getTime() - CHECK_IN_OPENS_MINUTES * MINUTE);
    if (now.getTime() < opensAt.getTime())
      throw new AppError(
        "CONFLICT",
        `Check-in opens at ${formatInstant(opensAt, own.timeZone)}, ${CHECK_IN_OPENS_MINUTES} minutes before the start.`,
      );
    if (now.getTime() >= session.end.getTime()) throw new AppError("CONFLICT", "This session is over, so check-in is closed.");
    // Checking in twice keeps the first time.
    if (!own.checkedInAt) {
      await tx
        .update(sessionParticipants)
        .set({ checkedInAt: now })
        .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, actor.id)));
      await signalRecordChanged(deps, tx, access);
    }
    return { checkedInAt: own.checkedInAt ?? now };
  });
}

async function strikesOf(tx: DbOrTx, programId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .where(and(eq(sessions.programId, programId), eq(sessionParticipants.userId, userId), eq(sessionParticipants.attendance, "no_show")));
  return Number(row?.n ?? 0);
}

export async function markAttendance(deps: RecordDeps, actor: SessionUser, input: MarkAttendanceInput) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, input.sessionId, { lock: true });
    const target = access.participants.find((p) => p.id === input.userId);
    if (!target) throw AppError.field("userId", "This person does not take part in this session.");
    if (!markableBy(access, target, input.attendance))
      throw new AppError(
        "FORBIDDEN",
        access.own?.role === "mentee" ? "You can only mark your mentor as a no-show." : "You cannot mark this person's attendance.",
      );
    assertNotCancelled(access);
    const { session } = access;
    if (deps.clock.now().getTime() < session.start.getTime())
      throw new AppError("CONFLICT", "Attendance can be marked once the session has started.");
    if (target.attendance === input.attendance) return { attendance: input.attendance, strikes: null };

    await tx.execute(sql`select pg_advisory_xact_lock(${STRIKE_LOCK_CLASS}, hashtext(${`${session.programId}:${target.id}`}))`);
    const before = await strikesOf(tx, session.programId, target.id);
    await tx
      .update(sessionParticipants)
      .set({ attendance: input.attendance, attendanceMarkedBy: input.attendance ? actor.id : null })
      .where(and(eq(sessionParticipants.sessionId, session.id), eq(sessionParticipants.userId, target.id)));
    const after = await strikesOf(tx, session.programId, target.id);
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.mark_attendance",
      targetType: "session",
      targetId: session.id,
      programId: session.programId,
      detail: `${target.id}: ${input.attendance ?? "cleared"}`,
    });
    const [program] = await tx
      .select({ name: programs.name, threshold: programs.noShowThreshold })
      .from(programs)
      .where(eq(programs.id, session.programId));
    if (program && before < program.threshold && after >= program.threshold) {
      for (const coordinatorId of await programCoordinatorIds(tx, session.programId)) {
        await notify(tx, deps, {
          type: "session.no_show_alert",
          userId: coordinatorId,
          programId: session.programId,
          link: `/sessions/${session.id}`,
          data: { programName: program.name, personName: target.name, strikes: String(after) },
          // One alert per crossing: the session whose mark made it, so re-saving the same mark stays one alert.
          dedupeKey: `session.no_show_alert:${session.programId}:${target.id}:${session.id}:${after}`,
        });
      }
    }
    await signalRecordChanged(deps, tx, access);
    return { attendance: input.attendance, strikes: after };
  });
}

/**
 * A participant or staff completes a started session. People who checked in and are unmarked count as attended.
 * A one-to-one session where someone was marked a no-show ends as "no_show". The reminders still pending stop,
 * and "session.completed" is recorded for the feedback work, all in this transaction.
 */
export async function completeSession(deps: RecordDeps, actor: SessionUser, sessionId: string) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, sessionId, { lock: true });
    if (!access.own && !access.isStaff) throw new AppError("NOT_FOUND", "This session does not exist.");
    const { session } = access;
    const now = deps.clock.now();
    if (session.status !== "confirmed")
      throw new AppError("CONFLICT", `This session is ${session.status.replace("_", " ")}, so it cannot be completed.`);
    if (!canComplete(access, now)) throw new AppError("CONFLICT", "A session can be completed once it has started.");

    const participants = access.participants.map((p) => ({
      ...p,
      attendance: p.attendance ?? (p.checkedInAt ? ("attended" as const) : null),
    }));
    for (const p of participants) {
      if (p.attendance === "attended" && !access.participants.find((q) => q.id === p.id)?.attendance) {
        await tx
          .update(sessionParticipants)
          .set({ attendance: "attended", attendanceMarkedBy: actor.id })
          .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, p.id)));
      }
    }
    const status: "completed" | "no_show" =
      session.kind === "one_to_one" && participants.some((p) => p.attendance === "no_show") ? "no_show" : "completed";
    await tx.update(sessions).set({ status, completedAt: now, completedBy: actor.id, updatedAt: now }).where(eq(sessions.id, sessionId));
    // Only requested and confirmed sessions hold time (session_participants.active).
    await tx.update(sessionParticipants).set({ active: false }).where(eq(sessionParticipants.sessionId, sessionId));
    await cancelReminders(tx, deps, sessionEventKey(sessionId));
    await recordDomainEvent(
      tx,
      "session.completed",
      {
        sessionId,
        matchId: session.matchId,
        programId: session.programId,
        kind: session.kind,
        completedAt: now.toISOString(),
        participants: participants.map((p) => ({ userId: p.id, role: p.role, attendance: p.attendance })),
      },
      now,
    );
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.complete",
      targetType: "session",
      targetId: sessionId,
      programId: session.programId,
      detail: status,
    });
    await signalRecordChanged(deps, tx, access, status);
    return { status, completedAt: now };
  });
}
