/**
 * Scheduling for a match: the mentor's availability, bookable slots for the pair, booking and cancelling.
 * The rules themselves live in the pure slot engine (slots.ts); this file reads the rows it needs, and writes.
 *
 * Race safety of a booking:
 * - Both people are locked with transaction-scoped advisory locks, in user id order (a person can be a mentor in
 *   one match and a mentee in another, so a fixed role order could deadlock). Bookings touching the same person
 *   run one after another and each sees the sessions the previous one committed, so caps and buffers hold too.
 * - The EXCLUDE constraint on session_participants (migration 0006) is the last line of defence: an overlapping
 *   live session for any participant is refused by the database (23P01) and answered with a CONFLICT.
 * - `during` and `active` on session_participants are copies of the session's time and status, written by this
 *   service in the same transaction as every change to the session (no trigger).
 *
 * Notifications, calendar invites and reminders go out in the transaction of the change (notify() writes outbox
 * rows; nothing is sent unless the change commits):
 * - requested (mentee booked, program asks for confirmation): "session.requested" to the mentor; nothing to calendars.
 * - confirmed (instant booking, a mentor booking, or confirm): "session.confirmed" to both with an .ics REQUEST
 *   (UID sessionUid(id), SEQUENCE = sessions.sequence, organizer the sending address), and the program's reminder offsets
 *   are scheduled under the event key "session:<id>".
 * - rescheduled: sequence + 1, reminders moved, "session.rescheduled" to the other party with a REQUEST at the new
 *   sequence (confirmed sessions only carry the invite and reminders).
 * - declined / cancelled: sequence + 1, reminders cancelled; a confirmed session's "session.cancelled" (and the
 *   canceller's "session.cancelled_by_you") carries an .ics CANCEL with the same UID.
 */
import { and, asc, eq, gt, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../../../db/client";
import type { MatchStatus } from "../../../db/schema/matching";
import { programIntakes, programMemberships, programs } from "../../../db/schema/programs";
import { liveSessionStatuses, mentorAvailability, type SessionStatus, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import type { ExternalBusy } from "../calendar-sync/calendar-sync.hooks";
import { loadMatch, viewerOf } from "../match/match-access.service";
import { isValidTimeZone } from "../matching/availability";
import type { NotifyDeps } from "../notification/outbox.service";
import { toProgramStaff } from "../program/staff-events.service";
import { type AvailabilityRules, assertAvailabilityRules, openRules } from "./availability-rules";
import { assertMatchActive, insertPairSession, matchAndViewer } from "./pair-session.service";
import type {
  AvailabilityInput,
  BookInput,
  CancelInput,
  DecideInput,
  DeclineInput,
  RescheduleInput,
  SessionOutput,
  SlotsInput,
} from "./scheduling.schema";
import { sessionNotice } from "./session-notify.service";
import { markSessionCancelled, rangeLiteral, refusingOverlap } from "./session-rows.service";
import { formatSlotForViewer } from "./slot-display";
import { assertSlotBookable, computeSlots, MAX_RANGE_DAYS, type SchedulingContext } from "./slots";

export type Deps = NotifyDeps & {
  db: Db;
  /** Busy times from connected outside calendars (Google); absent when none is configured. */
  externalBusy?: ExternalBusy | undefined;
};

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Offered start times are this far apart (from local midnight in the mentor's zone). */
export const SLOT_STEP_MINUTES = 30;
/** Advisory lock class for "this person's calendar"; the second key is hashtext(user id). */
const CALENDAR_LOCK_CLASS = 7301;

// Availability

async function assertIsMentor(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: programMemberships.id })
    .from(programMemberships)
    .where(
      and(
        eq(programMemberships.userId, userId),
        eq(programMemberships.role, "mentor"),
        inArray(programMemberships.status, ["active", "pending"]),
      ),
    )
    .limit(1);
  if (!row) throw new AppError("FORBIDDEN", "Only mentors set bookable times.");
}

async function rulesOf(db: DbOrTx, mentorId: string): Promise<{ rules: AvailabilityRules; updatedAt: Date | null }> {
  const [row] = await db.select().from(mentorAvailability).where(eq(mentorAvailability.userId, mentorId));
  if (!row) return { rules: openRules, updatedAt: null };
  const { userId: _userId, updatedAt, ...rules } = row;
  return { rules, updatedAt };
}

export async function timeZoneOf(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId));
  return row?.timezone ?? "UTC";
}

export async function myAvailability(deps: Deps, actor: SessionUser) {
  await assertIsMentor(deps.db, actor.id);
  const { rules, updatedAt } = await rulesOf(deps.db, actor.id);
  return {
    weekly: [...rules.weekly],
    overrides: rules.overrides.map((o) => (o.kind === "blocked" ? o : { ...o, windows: [...o.windows] })),
    bufferBeforeMinutes: rules.bufferBeforeMinutes,
    bufferAfterMinutes: rules.bufferAfterMinutes,
    minimumNotice: rules.minimumNotice,
    maxPerDay: rules.maxPerDay,
    maxPerWeek: rules.maxPerWeek,
    timeZone: await timeZoneOf(deps.db, actor.id),
    updatedAt,
  };
}

export async function saveAvailability(deps: Deps, actor: SessionUser, input: AvailabilityInput) {
  await assertIsMentor(deps.db, actor.id);
  assertAvailabilityRules(input);
  const values = { ...input, updatedAt: deps.clock.now() };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(mentorAvailability)
      .values({ userId: actor.id, ...values })
      .onConflictDoUpdate({ target: mentorAvailability.userId, set: values });
    await audit(tx, deps.clock, { actorId: actor.id, action: "availability.save", targetType: "user", targetId: actor.id });
  });
  return myAvailability(deps, actor);
}

// The pair's context for the slot engine

type MatchRow = NonNullable<Awaited<ReturnType<typeof loadMatch>>>;

export async function programSettings(db: DbOrTx, programId: string) {
  const [p] = await db
    .select({
      sessionMinutes: programs.sessionMinutes,
      timezone: programs.timezone,
      blackoutDates: programs.blackoutDates,
      bookingConfirmation: programs.bookingConfirmation,
      cancelNoticeHours: programs.cancelNoticeHours,
    })
    .from(programs)
    .where(eq(programs.id, programId));
  if (!p) throw new AppError("NOT_FOUND", "This program does not exist.");
  return p;
}

/**
 * Everything the slot engine needs for a pair around [from, to): both zones, the mentor's rules, the mentee's
 * intake windows in this program, both people's live sessions (busy) and the mentor's sessions for the caps.
 */
export async function loadPairContext(
  db: DbOrTx,
  match: MatchRow,
  program: Awaited<ReturnType<typeof programSettings>>,
  now: Date,
  from: Date,
  to: Date,
  /** A session being moved: its current time is not busy and does not count towards the caps. */
  excludeSessionId?: string,
  externalBusy?: ExternalBusy,
): Promise<SchedulingContext> {
  const notThis = excludeSessionId ? ne(sessions.id, excludeSessionId) : undefined;
  const people = await db
    .select({ id: users.id, timezone: users.timezone })
    .from(users)
    .where(inArray(users.id, [match.mentorId, match.menteeId]));
  const zoneOf = (id: string) => people.find((p) => p.id === id)?.timezone ?? "UTC";
  const { rules } = await rulesOf(db, match.mentorId);
  const [intake] = await db
    .select({ availability: programIntakes.availability })
    .from(programIntakes)
    .innerJoin(programMemberships, eq(programMemberships.id, programIntakes.membershipId))
    .where(
      and(
        eq(programMemberships.programId, match.programId),
        eq(programMemberships.userId, match.menteeId),
        eq(programMemberships.role, "mentee"),
      ),
    );
  // Buffers reach at most 4 hours past a session; a day of margin is plenty.
  const busyRows = await db
    .selectDistinct({ id: sessions.id, start: sessions.start, end: sessions.end })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .where(
      and(
        inArray(sessionParticipants.userId, [match.mentorId, match.menteeId]),
        eq(sessionParticipants.active, true),
        lt(sessions.start, new Date(to.getTime() + DAY_MS)),
        gt(sessions.end, new Date(from.getTime() - DAY_MS)),
        notThis,
      ),
    );
  // Weekly caps look at the whole local week around each day of the range.
  const capRows = await db
    .select({ start: sessions.start })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .where(
      and(
        eq(sessionParticipants.userId, match.mentorId),
        eq(sessionParticipants.role, "mentor"),
        ne(sessions.status, "cancelled"),
        gt(sessions.start, new Date(from.getTime() - 8 * DAY_MS)),
        lt(sessions.start, new Date(to.getTime() + 8 * DAY_MS)),
        notThis,
      ),
    );
  const outside = externalBusy
    ? await externalBusy(
        [match.mentorId, match.menteeId],
        { start: new Date(from.getTime() - DAY_MS), end: new Date(to.getTime() + DAY_MS) },
        db,
      )
    : [];
  return {
    now,
    mentor: { timeZone: zoneOf(match.mentorId), rules },
    mentee: { timeZone: zoneOf(match.menteeId), windows: intake?.availability ?? [] },
    busy: [
      ...busyRows.map((b) => ({ start: b.start, end: b.end, kind: "session" as const })),
      ...outside.map((b) => ({ start: b.start, end: b.end, kind: "external" as const })),
    ],
    existingSessionsForCaps: capRows,
    blackoutDates: program.blackoutDates,
    programTimeZone: program.timezone,
  };
}

export function assertRange(from: Date, to: Date) {
  if (to.getTime() <= from.getTime()) throw AppError.field("to", "The end of the range must be after its start.");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw AppError.field("to", `Ask for at most ${MAX_RANGE_DAYS / 7} weeks.`);
}

// Slots

export async function findSlots(deps: Deps, actor: SessionUser, input: SlotsInput) {
  const match = await loadMatch(deps.db, input.matchId);
  if (!match) throw new AppError("NOT_FOUND", "This match does not exist.");
  const viewer = await viewerOf(deps.db, actor, match);
  if (input.viewerTimeZone !== undefined && !isValidTimeZone(input.viewerTimeZone)) {
    throw AppError.field("viewerTimeZone", `Unknown time zone "${input.viewerTimeZone}".`);
  }
  const from = new Date(input.from);
  const to = new Date(input.to);
  assertRange(from, to);
  const program = await programSettings(deps.db, match.programId);
  const context = await loadPairContext(deps.db, match, program, deps.clock.now(), from, to, undefined, deps.externalBusy);
  // Staff read the mentor's side as "the other party"; each person of the pair sees the other one.
  const otherTimeZone = viewer.isMentor ? context.mentee.timeZone : context.mentor.timeZone;
  const ownZone = viewer.isMentor
    ? context.mentor.timeZone
    : viewer.isMentee
      ? context.mentee.timeZone
      : await timeZoneOf(deps.db, actor.id);
  const viewerTimeZone = input.viewerTimeZone ?? ownZone;
  const result = computeSlots({
    ...context,
    range: { start: from, end: to },
    sessionMinutes: program.sessionMinutes,
    stepMinutes: SLOT_STEP_MINUTES,
  });
  return {
    viewerTimeZone,
    otherTimeZone,
    sessionMinutes: program.sessionMinutes,
    slots: result.slots.map((s) => ({ ...s, ...formatSlotForViewer(s, viewerTimeZone, otherTimeZone) })),
    whyNone: result.slots.length === 0 ? result.explanation.sentences : [],
  };
}

// Booking

export async function lockCalendars(tx: DbOrTx, userIds: string[]) {
  for (const id of [...userIds].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(${CALENDAR_LOCK_CLASS}, hashtext(${id}))`);
  }
}

type Signal = { sessionId: string; programId: string; status: SessionStatus };

/** The people in the session, and the program's staff, whose all-sessions view refreshes on the same signal. */
async function signalParticipants(deps: Deps, tx: DbOrTx, userIds: string[], signal: Signal) {
  for (const id of userIds) await deps.realtime.toUser(tx, id, "session:changed", signal);
  await toProgramStaff(deps.realtime, tx, signal.programId, "session:changed", signal);
}

export async function bookSession(deps: Deps, actor: SessionUser, input: BookInput): Promise<SessionOutput> {
  return deps.db.transaction(async (tx) => {
    const { match, viewer } = await matchAndViewer(tx, actor, input.matchId);
    if (!viewer.isMentor && !viewer.isMentee)
      throw new AppError("FORBIDDEN", "Only the mentor and the mentee of a match book its sessions.");
    assertMatchActive(match);
    await lockCalendars(tx, [match.mentorId, match.menteeId]);

    const now = deps.clock.now();
    const start = new Date(input.start);
    const program = await programSettings(tx, match.programId);
    const end = new Date(start.getTime() + program.sessionMinutes * 60_000);
    const context = await loadPairContext(tx, match, program, now, start, end, undefined, deps.externalBusy);
    assertSlotBookable({ ...context, slot: { start, end } });

    // A mentor booking has agreed by booking; a mentee's booking waits for the mentor when the program says so.
    const status = viewer.isMentor || program.bookingConfirmation === "instant" ? "confirmed" : "requested";
    const sessionId = await insertPairSession(tx, deps, actor.id, match, { start, end }, status, null);
    // The coordinators' all-sessions view refreshes on the same signal the pair got.
    await toProgramStaff(deps.realtime, tx, match.programId, "session:changed", { sessionId, programId: match.programId, status });
    const role = viewer.isMentor ? ("mentor" as const) : ("mentee" as const);
    const other = viewer.isMentor
      ? { id: match.menteeId, name: match.menteeName, timeZone: context.mentee.timeZone }
      : { id: match.mentorId, name: match.mentorName, timeZone: context.mentor.timeZone };
    return {
      id: sessionId,
      kind: "one_to_one" as const,
      matchId: match.id,
      programId: match.programId,
      title: "",
      capacity: null,
      seatsTaken: 0,
      start,
      end,
      status,
      role,
      other,
      cancelReason: "",
      lateCancellation: false,
    };
  });
}

// The caller's sessions

const otherParticipant = alias(sessionParticipants, "other_participant");
const otherUser = alias(users, "other_user");

export async function mySessions(deps: Deps, actor: SessionUser, input: { from: string; to: string }): Promise<SessionOutput[]> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  assertRange(from, to);
  // A seat given back in office hours deletes the person's participant row (office-hours.service.ts leaveSeat),
  // so it is simply not found here.
  return sessionsOf(deps.db, actor.id, and(lt(sessions.start, to), gt(sessions.end, from)));
}

/**
 * The caller's sessions matching `where`, as the caller sees them (their role, the other person). The other
 * person of a group session is its host (none for the host); seats count the attendees still booked.
 */
export async function sessionsOf(db: DbOrTx, actorId: string, where: SQL | undefined): Promise<SessionOutput[]> {
  const rows = await db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      matchId: sessions.matchId,
      programId: sessions.programId,
      title: sessions.title,
      capacity: sessions.capacity,
      seatsTaken: sql<number>`(select count(*)::int from session_participants seat
        where seat.session_id = ${sessions.id} and seat.role = 'mentee' and seat.active)`,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      role: sessionParticipants.role,
      otherId: otherUser.id,
      otherName: otherUser.name,
      otherZone: otherUser.timezone,
      cancelReason: sessions.cancelReason,
      lateCancellation: sessions.lateCancellation,
    })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .leftJoin(
      otherParticipant,
      and(
        eq(otherParticipant.sessionId, sessions.id),
        ne(otherParticipant.userId, actorId),
        sql`(${sessions.kind} = 'one_to_one' or ${otherParticipant.role} = 'mentor')`,
      ),
    )
    .leftJoin(otherUser, eq(otherUser.id, otherParticipant.userId))
    .where(and(eq(sessionParticipants.userId, actorId), where))
    .orderBy(asc(sessions.start));
  return rows.map(({ otherId, otherName, otherZone, ...r }) => ({
    ...r,
    seatsTaken: Number(r.seatsTaken),
    other: otherId ? { id: otherId, name: otherName ?? "", timeZone: otherZone ?? "UTC" } : null,
  }));
}

// Cancelling

/**
 * The caller's own session, locked for the change; to anyone but its two participants it does not exist.
 * `live`: only a requested or confirmed session can change.
 */
async function lockOwnSession(tx: DbOrTx, actor: SessionUser, sessionId: string) {
  const [row] = await tx
    .select({
      id: sessions.id,
      kind: sessions.kind,
      matchId: sessions.matchId,
      programId: sessions.programId,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      role: sessionParticipants.role,
    })
    .from(sessions)
    .innerJoin(sessionParticipants, and(eq(sessionParticipants.sessionId, sessions.id), eq(sessionParticipants.userId, actor.id)))
    .where(eq(sessions.id, sessionId))
    .for("update", { of: sessions });
  if (!row) throw new AppError("NOT_FOUND", "This session does not exist.");
  // A seat holder must not cancel or move the whole group session through the one-to-one path.
  if (row.kind === "group") throw new AppError("CONFLICT", "Use the office hours page to change a group session or your seat.");
  if (!(liveSessionStatuses as readonly string[]).includes(row.status))
    throw new AppError("CONFLICT", `This session is already ${row.status.replace("_", " ")}.`);
  return row;
}

export async function cancelSession(deps: Deps, actor: SessionUser, input: CancelInput) {
  return deps.db.transaction(async (tx) => {
    const row = await lockOwnSession(tx, actor, input.sessionId);
    const now = deps.clock.now();
    if (row.end.getTime() <= now.getTime()) throw new AppError("CONFLICT", "This session is over, so it can no longer be cancelled.");
    const program = await programSettings(tx, row.programId);
    const isLate = row.start.getTime() - now.getTime() < program.cancelNoticeHours * HOUR_MS;
    const parties = await markSessionCancelled(tx, { sessionId: row.id, actorId: actor.id, reason: input.reason, now, late: isLate });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.cancel",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
      detail: isLate ? "late" : "",
    });
    await (await sessionNotice(tx, deps, row.id)).cancelled(actor.id, input.reason, row.status === "confirmed");
    await signalParticipants(deps, tx, parties, { sessionId: row.id, programId: row.programId, status: "cancelled" });
    return { id: row.id, status: "cancelled" as const, lateCancellation: isLate };
  });
}

// The mentor's answer to a requested session

async function lockRequestedForMentor(tx: DbOrTx, actor: SessionUser, sessionId: string) {
  const row = await lockOwnSession(tx, actor, sessionId);
  if (row.role !== "mentor") throw new AppError("FORBIDDEN", "Only the mentor confirms or declines a requested session.");
  if (row.status !== "requested") throw new AppError("CONFLICT", `This session is already ${row.status.replace("_", " ")}.`);
  return row;
}

export async function confirmSession(deps: Deps, actor: SessionUser, input: DecideInput): Promise<SessionOutput> {
  return deps.db.transaction(async (tx) => {
    const row = await lockRequestedForMentor(tx, actor, input.sessionId);
    const now = deps.clock.now();
    if (row.start.getTime() <= now.getTime())
      throw new AppError("CONFLICT", "This session's time has passed, so it can no longer be confirmed.");
    await tx.update(sessions).set({ status: "confirmed", updatedAt: now }).where(eq(sessions.id, row.id));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.confirm",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
    });
    const notice = await sessionNotice(tx, deps, row.id);
    await notice.confirmed();
    await signalParticipants(deps, tx, [notice.mentor.id, notice.mentee.id], {
      sessionId: row.id,
      programId: row.programId,
      status: "confirmed",
    });
    const [out] = await sessionsOf(tx, actor.id, eq(sessions.id, row.id));
    return out!;
  });
}

export async function declineSession(deps: Deps, actor: SessionUser, input: DeclineInput): Promise<SessionOutput> {
  return deps.db.transaction(async (tx) => {
    const row = await lockRequestedForMentor(tx, actor, input.sessionId);
    const now = deps.clock.now();
    // A request that never became a session is not a late cancellation.
    await markSessionCancelled(tx, { sessionId: row.id, actorId: actor.id, reason: input.reason, now, late: false });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.decline",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
    });
    const notice = await sessionNotice(tx, deps, row.id);
    await notice.declined(input.reason);
    await signalParticipants(deps, tx, [notice.mentor.id, notice.mentee.id], {
      sessionId: row.id,
      programId: row.programId,
      status: "cancelled",
    });
    const [out] = await sessionsOf(tx, actor.id, eq(sessions.id, row.id));
    return out!;
  });
}

// Moving a session

/**
 * A participant moves a live session to another start: the same rules as booking, with the session's own current
 * time not counted as busy. The status stays (a requested session still waits for the mentor). Moving within the
 * program's notice period is allowed and noted as late in the audit log.
 */
export async function rescheduleSession(deps: Deps, actor: SessionUser, input: RescheduleInput): Promise<SessionOutput> {
  return deps.db.transaction(async (tx) => {
    // Calendars first (the order booking uses), then the session row.
    const [peek] = await tx
      .select({ matchId: sessions.matchId })
      .from(sessions)
      .innerJoin(sessionParticipants, and(eq(sessionParticipants.sessionId, sessions.id), eq(sessionParticipants.userId, actor.id)))
      .where(eq(sessions.id, input.sessionId));
    if (!peek) throw new AppError("NOT_FOUND", "This session does not exist.");
    if (!peek.matchId) throw new AppError("CONFLICT", "Group sessions are moved by their host from the office hours page.");
    const match = await loadMatch(tx, peek.matchId);
    if (!match) throw new AppError("NOT_FOUND", "This session does not exist.");
    await lockCalendars(tx, [match.mentorId, match.menteeId]);
    const row = await lockOwnSession(tx, actor, input.sessionId);
    const now = deps.clock.now();
    if (row.start.getTime() <= now.getTime()) throw new AppError("CONFLICT", "This session has started, so it can no longer be moved.");
    if (match.status !== ("active" satisfies MatchStatus))
      throw new AppError("CONFLICT", "This match is not active, so its sessions cannot be moved.");

    const start = new Date(input.start);
    if (start.getTime() === row.start.getTime()) throw AppError.field("start", "Choose a different time.");
    const program = await programSettings(tx, row.programId);
    const end = new Date(start.getTime() + program.sessionMinutes * 60_000);
    const context = await loadPairContext(tx, match, program, now, start, end, row.id, deps.externalBusy);
    assertSlotBookable({ ...context, slot: { start, end } });
    const isLate = row.start.getTime() - now.getTime() < program.cancelNoticeHours * HOUR_MS;

    await tx
      .update(sessions)
      .set({ start, end, sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
      .where(eq(sessions.id, row.id));
    const parties = [
      { userId: match.mentorId, name: match.mentorName },
      { userId: match.menteeId, name: match.menteeName },
    ];
    for (const p of parties) {
      await refusingOverlap(actor.id, p, () =>
        tx
          .update(sessionParticipants)
          .set({ during: rangeLiteral(start, end) })
          .where(and(eq(sessionParticipants.sessionId, row.id), eq(sessionParticipants.userId, p.userId))),
      );
    }
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.reschedule",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
      detail: `${row.start.toISOString()} -> ${start.toISOString()}${isLate ? " late" : ""}`,
    });
    await (await sessionNotice(tx, deps, row.id)).rescheduled(actor.id, row.start, input.reason, row.status === "confirmed");
    await signalParticipants(
      deps,
      tx,
      parties.map((p) => p.userId),
      { sessionId: row.id, programId: row.programId, status: row.status },
    );
    const [out] = await sessionsOf(tx, actor.id, eq(sessions.id, row.id));
    return out!;
  });
}
