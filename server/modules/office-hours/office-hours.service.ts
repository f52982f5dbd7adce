/**
 * Office hours: group sessions a mentor (or the program's staff) hosts with a number of seats that the program's
 * mentees and mentors take. A group session is a `sessions` row of kind "group"; the host is its "mentor"
 * participant and every seat taken is a "mentee" participant, so the EXCLUDE constraint on session_participants
 * (migration 0006) refuses an overlap for anyone, seats included.
 *
 * Locks, always in this order so no two changes wait on each other in a cycle: calendars (advisory, user id order,
 * as booking does), then the session row FOR UPDATE. Taking a seat locks the taker's calendar and then the
 * session row, so seat counts are read and written one taker at a time. Moving locks the calendars of everyone
 * holding a seat, then the row; a person whose calendar would overlap at the new time is named and the move is
 * refused (nobody loses a seat silently). Cancelling and leaving free time, so they only lock the row.
 */

import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import type { Db, DbOrTx } from "../../../db/client";
import { liveSessionStatuses, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { isProgramStaff } from "../match/match-access.service";
import type { NotifyDeps } from "../notification/outbox.service";
import { hasProgramRole } from "../program/program-membership.service";
import { toProgramStaff } from "../program/staff-events.service";
import { HOUR_MS, lockCalendars, programSettings, timeZoneOf } from "../scheduling/scheduling.service";
import { markSessionCancelled, rangeLiteral, refusingOverlap } from "../scheduling/session-rows.service";
import type {
  CancelOfficeHoursInput,
  EditOfficeHoursInput,
  HostOfficeHoursInput,
  HostOfficeHoursOutput,
  ListOfficeHoursInput,
  MoveOfficeHoursInput,
  OfficeHoursOutput,
  SeatInput,
} from "./office-hours.schema";
import { officeHoursNotice } from "./office-hours-notify";

export type Deps = NotifyDeps & { db: Db };

const isLive = (status: string) => (liveSessionStatuses as readonly string[]).includes(status);

/** The program's active mentees and mentors take seats. */
async function isSeatEligible(db: DbOrTx, userId: string, programId: string) {
  return hasProgramRole(db, userId, programId, ["mentor", "mentee"]);
}

// Reading

const host = sql`(select u.id || '|' || u.timezone || '|' || u.name from session_participants hp join users u on u.id = hp.user_id
  where hp.session_id = ${sessions.id} and hp.role = 'mentor' limit 1)`;

async function readOfficeHours(db: DbOrTx, actor: SessionUser, where: SQL | undefined, canManageProgram: boolean) {
  const rows = await db
    .select({
      id: sessions.id,
      programId: sessions.programId,
      title: sessions.title,
      description: sessions.agenda,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      capacity: sessions.capacity,
      cancelReason: sessions.cancelReason,
      lateCancellation: sessions.lateCancellation,
      host: sql<string>`${host}`,
      mine: sql<"mentor" | "mentee" | null>`(select mp.role from session_participants mp
        where mp.session_id = ${sessions.id} and mp.user_id = ${actor.id} and (mp.active or mp.role = 'mentor'))`,
    })
    .from(sessions)
    .where(and(eq(sessions.kind, "group"), where))
    .orderBy(asc(sessions.start))
    .limit(200);
  const ids = rows.map((r) => r.id);
  const seats =
    ids.length === 0
      ? []
      : await db
          .select({ sessionId: sessionParticipants.sessionId, id: users.id, name: users.name })
          .from(sessionParticipants)
          .innerJoin(users, eq(users.id, sessionParticipants.userId))
          .where(
            and(inArray(sessionParticipants.sessionId, ids), eq(sessionParticipants.role, "mentee"), eq(sessionParticipants.active, true)),
          )
          .orderBy(asc(users.name));
  return rows.map(({ host: hostText, mine, capacity, ...r }): OfficeHoursOutput => {
    // The host's name may hold "|"; id and zone never do.
    const [hostId = "", timeZone = "UTC", ...name] = (hostText ?? "").split("|");
    const taken = seats.filter((s) => s.sessionId === r.id);
    const canManage = canManageProgram || mine === "mentor";
    return {
      ...r,
      capacity: capacity ?? 0,
      seatsTaken: taken.length,
      seatsLeft: Math.max(0, (capacity ?? 0) - taken.length),
      host: { id: hostId, name: name.join("|"), timeZone },
      mine: mine === "mentor" ? "host" : mine === "mentee" ? "seat" : null,
      canManage,
      attendees: canManage ? taken.map((s) => ({ id: s.id, name: s.name })) : [],
    };
  });
}

async function oneOfficeHours(db: DbOrTx, actor: SessionUser, sessionId: string, canManageProgram: boolean) {
  const [out] = await readOfficeHours(db, actor, eq(sessions.id, sessionId), canManageProgram);
  if (!out) throw new AppError("NOT_FOUND", "These office hours do not exist.");
  return out;
}

/** Upcoming live office hours of the program (members and staff; the router checks membership). */
export async function listOfficeHours(deps: Deps, actor: SessionUser, input: ListOfficeHoursInput) {
  const staff = await isProgramStaff(deps.db, actor, input.programId);
  return readOfficeHours(
    deps.db,
    actor,
    and(eq(sessions.programId, input.programId), inArray(sessions.status, [...liveSessionStatuses]), gt(sessions.end, deps.clock.now())),
    staff,
  );
}

// Changes

async function signal(deps: Deps, tx: DbOrTx, userIds: string[], s: { id: string; programId: string; status: string }) {
  const data = { sessionId: s.id, programId: s.programId, status: s.status };
  for (const id of new Set(userIds)) await deps.realtime.toUser(tx, id, "session:changed", data);
  await toProgramStaff(deps.realtime, tx, s.programId, "session:changed", data);
}

async function seatHolders(tx: DbOrTx, sessionId: string) {
  return tx
    .select({ userId: sessionParticipants.userId, name: users.name, role: sessionParticipants.role })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.active, true)));
}

/**
 * The group session (locked FOR UPDATE unless `lock` is false); NOT_FOUND to anyone outside its program, FORBIDDEN
 * to members who may not change it.
 */
async function lockGroupSession(tx: DbOrTx, actor: SessionUser, sessionId: string, need: "manage" | "seat", lock = true) {
  const query = tx
    .select({
      id: sessions.id,
      programId: sessions.programId,
      title: sessions.title,
      capacity: sessions.capacity,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
    })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.kind, "group")));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("NOT_FOUND", "These office hours do not exist.");
  const [own] = await tx
    .select({ role: sessionParticipants.role, active: sessionParticipants.active })
    .from(sessionParticipants)
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, actor.id)));
  const isHost = own?.role === "mentor";
  const isStaff = await isProgramStaff(tx, actor, row.programId);
  const isMember = isStaff || (await isSeatEligible(tx, actor.id, row.programId));
  if (!isMember && !own) throw new AppError("NOT_FOUND", "These office hours do not exist.");
  if (need === "manage" && !isHost && !isStaff)
    throw new AppError("FORBIDDEN", "Only the host and the program's staff change these office hours.");
  return { ...row, capacity: row.capacity ?? 0, own, isHost, isStaff, isMember };
}

function assertLive(row: { status: string }) {
  if (!isLive(row.status)) throw new AppError("CONFLICT", `These office hours are ${row.status.replace("_", " ")}.`);
}

function assertNotStarted(row: { start: Date }, now: Date, what: string) {
  if (row.start.getTime() <= now.getTime()) throw new AppError("CONFLICT", `These office hours have started, so ${what}.`);
}

function assertFuture(start: Date, now: Date) {
  if (start.getTime() <= now.getTime()) throw AppError.field("start", "Choose a time in the future.");
}

async function seatsTaken(tx: DbOrTx, sessionId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionParticipants)
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.role, "mentee"), eq(sessionParticipants.active, true)));
  return Number(row?.n ?? 0);
}

/**
 * Opens office hours, and with `repeatWeeks` the same local time in the host's zone on the following weeks
 * (across DST). Each date is written under its own savepoint: a date that overlaps another of the host's
 * sessions is reported in `conflicts` and the others are still opened. When none can be opened, the first
 * date's CONFLICT is the answer.
 */
export async function hostOfficeHours(deps: Deps, actor: SessionUser, input: HostOfficeHoursInput): Promise<HostOfficeHoursOutput> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const first = new Date(input.start);
    assertFuture(first, now);
    const program = await programSettings(tx, input.programId);
    const minutes = input.durationMinutes ?? program.sessionMinutes;
    const zoned = Temporal.Instant.fromEpochMilliseconds(first.getTime()).toZonedDateTimeISO(await timeZoneOf(tx, actor.id));
    await lockCalendars(tx, [actor.id]);
    const isStaff = await isProgramStaff(tx, actor, input.programId);
    const created: OfficeHoursOutput[] = [];
    const conflicts: { start: Date; error: AppError }[] = [];
    for (let week = 0; week < (input.repeatWeeks ?? 1); week++) {
      const start = new Date(zoned.add({ weeks: week }).epochMilliseconds);
      const end = new Date(start.getTime() + minutes * 60_000);
      try {
        const sessionId = await tx.transaction(async (sp) => {
          const [session] = await sp
            .insert(sessions)
            .values({
              kind: "group",
              programId: input.programId,
              title: input.title,
              agenda: input.description ?? "",
              capacity: input.capacity,
              start,
              end,
              status: "confirmed",
              createdBy: actor.id,
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: sessions.id });
          const id = session!.id;
          await refusingOverlap(actor.id, { userId: actor.id, name: actor.name }, () =>
            sp
              .insert(sessionParticipants)
              .values({ sessionId: id, userId: actor.id, role: "mentor", during: rangeLiteral(start, end), active: true }),
          );
          return id;
        });
        await audit(tx, deps.clock, {
          actorId: actor.id,
          action: "office_hours.host",
          targetType: "session",
          targetId: sessionId,
          programId: input.programId,
          detail: `${start.toISOString()} seats ${input.capacity}`,
        });
        await (await officeHoursNotice(tx, deps, sessionId)).hosted();
        await signal(deps, tx, [actor.id], { id: sessionId, programId: input.programId, status: "confirmed" });
        created.push(await oneOfficeHours(tx, actor, sessionId, isStaff));
      } catch (err) {
        if (!(err instanceof AppError && err.code === "CONFLICT")) throw err;
        conflicts.push({ start, error: err });
      }
    }
    if (created.length === 0 && conflicts[0]) throw conflicts[0].error;
    return { created, conflicts: conflicts.map((c) => ({ start: c.start, message: c.error.message })) };
  });
}

export async function editOfficeHours(deps: Deps, actor: SessionUser, input: EditOfficeHoursInput): Promise<OfficeHoursOutput> {
  return deps.db.transaction(async (tx) => {
    const row = await lockGroupSession(tx, actor, input.sessionId, "manage");
    assertLive(row);
    const taken = await seatsTaken(tx, row.id);
    if (input.capacity < taken) throw AppError.field("capacity", `${taken} seats are taken, so offer at least ${taken}.`);
    await tx
      .update(sessions)
      .set({ title: input.title, capacity: input.capacity, agenda: input.description, updatedAt: deps.clock.now() })
      .where(eq(sessions.id, row.id));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "office_hours.edit",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
      detail: `seats ${row.capacity} -> ${input.capacity}`,
    });
    await signal(
      deps,
      tx,
      (await seatHolders(tx, row.id)).map((p) => p.userId),
      row,
    );
    return oneOfficeHours(tx, actor, row.id, row.isStaff);
  });
}

export async function moveOfficeHours(deps: Deps, actor: SessionUser, input: MoveOfficeHoursInput): Promise<OfficeHoursOutput> {
  return deps.db.transaction(async (tx) => {
    // Access first (no lock), then calendars before the row (the order taking a seat uses); a seat taken meanwhile
    // is still checked by EXCLUDE.
    await lockGroupSession(tx, actor, input.sessionId, "manage", false);
    await lockCalendars(
      tx,
      (await seatHolders(tx, input.sessionId)).map((p) => p.userId),
    );
    const row = await lockGroupSession(tx, actor, input.sessionId, "manage");
    assertLive(row);
    const now = deps.clock.now();
    assertNotStarted(row, now, "they can no longer be moved");
    const start = new Date(input.start);
    assertFuture(start, now);
    const minutes = input.durationMinutes ?? Math.round((row.end.getTime() - row.start.getTime()) / 60_000);
    const end = new Date(start.getTime() + minutes * 60_000);
    if (start.getTime() === row.start.getTime() && end.getTime() === row.end.getTime())
      throw AppError.field("start", "Choose a different time.");
    const program = await programSettings(tx, row.programId);
    const isLate = row.start.getTime() - now.getTime() < program.cancelNoticeHours * HOUR_MS;

    await tx
      .update(sessions)
      .set({ start, end, sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
      .where(eq(sessions.id, row.id));
    const holders = await seatHolders(tx, row.id);
    // Host first, then attendees: the first person whose calendar overlaps is named and nothing moves.
    for (const p of [...holders].sort((a, b) => (a.role === b.role ? 0 : a.role === "mentor" ? -1 : 1))) {
      await refusingOverlap(actor.id, p, () =>
        tx
          .update(sessionParticipants)
          .set({ during: rangeLiteral(start, end) })
          .where(and(eq(sessionParticipants.sessionId, row.id), eq(sessionParticipants.userId, p.userId))),
      );
    }
    await tx
      .update(sessionParticipants)
      .set({ during: rangeLiteral(start, end) })
      .where(and(eq(sessionParticipants.sessionId, row.id), eq(sessionParticipants.active, false)));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "office_hours.move",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
      detail: `${row.start.toISOString()} -> ${start.toISOString()}${isLate ? " late" : ""}`,
    });
    const attendees = holders.filter((p) => p.role === "mentee").map((p) => p.userId);
    await (await officeHoursNotice(tx, deps, row.id)).moved(attendees, row.start, input.reason);
    await signal(
      deps,
      tx,
      holders.map((p) => p.userId),
      row,
    );
    return oneOfficeHours(tx, actor, row.id, row.isStaff);
  });
}

export async function cancelOfficeHours(deps: Deps, actor: SessionUser, input: CancelOfficeHoursInput): Promise<OfficeHoursOutput> {
  return deps.db.transaction(async (tx) => {
    const row = await lockGroupSession(tx, actor, input.sessionId, "manage");
    assertLive(row);
    const now = deps.clock.now();
    if (row.end.getTime() <= now.getTime())
      throw new AppError("CONFLICT", "These office hours are over, so they can no longer be cancelled.");
    const program = await programSettings(tx, row.programId);
    const isLate = row.start.getTime() - now.getTime() < program.cancelNoticeHours * HOUR_MS;
    const holders = await seatHolders(tx, row.id);
    await markSessionCancelled(tx, { sessionId: row.id, actorId: actor.id, reason: input.reason, now, late: isLate });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "office_hours.cancel",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
      detail: `${holders.length - 1} seats taken${isLate ? ", late" : ""}`,
    });
    const attendees = holders.filter((p) => p.role === "mentee").map((p) => p.userId);
    await (await officeHoursNotice(tx, deps, row.id)).cancelled(attendees, actor.id, input.reason);
    await signal(
      deps,
      tx,
      holders.map((p) => p.userId),
      { ...row, status: "cancelled" },
    );
    return oneOfficeHours(tx, actor, row.id, row.isStaff);
  });
}

/** "Take a seat": refused when full or when the time overlaps another of the person's sessions. */
export async function takeSeat(deps: Deps, actor: SessionUser, input: SeatInput): Promise<OfficeHoursOutput> {
  return deps.db.transaction(async (tx) => {
    await lockCalendars(tx, [actor.id]);
    const row = await lockGroupSession(tx, actor, input.sessionId, "seat");
    if (row.isHost) throw new AppError("CONFLICT", "You host these office hours.");
    if (!(await isSeatEligible(tx, actor.id, row.programId)))
      throw new AppError("FORBIDDEN", "Seats are for the program's mentees and mentors.");
    assertLive(row);
    const now = deps.clock.now();
    assertNotStarted(row, now, "seats can no longer be taken");
    if (row.own?.active) throw new AppError("CONFLICT", "You already have a seat.");
    if ((await seatsTaken(tx, row.id)) >= row.capacity) throw new AppError("CONFLICT", "No seats left.");

    // The sequence rises with every seat change: the taker's invite is then newer than any cancel they had.
    await tx
      .update(sessions)
      .set({ sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
      .where(eq(sessions.id, row.id));
    const during = rangeLiteral(row.start, row.end);
    await refusingOverlap(actor.id, { userId: actor.id, name: actor.name }, () =>
      tx
        .insert(sessionParticipants)
        .values({ sessionId: row.id, userId: actor.id, role: "mentee", during, active: true })
        .onConflictDoUpdate({
          target: [sessionParticipants.sessionId, sessionParticipants.userId],
          set: { active: true, during, attendance: null, checkedInAt: null },
        }),
    );
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "office_hours.take_seat",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
    });
    const notice = await officeHoursNotice(tx, deps, row.id);
    await notice.seatTaken(actor.id);
    await signal(
      deps,
      tx,
      (await seatHolders(tx, row.id)).map((p) => p.userId),
      row,
    );
    return oneOfficeHours(tx, actor, row.id, row.isStaff);
  });
}

/** "Leave": the seat is free again; leaving within the program's cancellation notice is recorded as late. */
export async function leaveSeat(deps: Deps, actor: SessionUser, input: SeatInput): Promise<OfficeHoursOutput> {
  return deps.db.transaction(async (tx) => {
    const row = await lockGroupSession(tx, actor, input.sessionId, "seat");
    if (!row.own?.active || row.own.role !== "mentee") throw new AppError("NOT_FOUND", "You have no seat in these office hours.");
    assertLive(row);
    const now = deps.clock.now();
    assertNotStarted(row, now, "your seat can no longer be given back");
    const program = await programSettings(tx, row.programId);
    const isLate = row.start.getTime() - now.getTime() < program.cancelNoticeHours * HOUR_MS;
    await tx
      .update(sessions)
      .set({ sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
      .where(eq(sessions.id, row.id));
    // The row goes, not just `active`: someone who gave back their seat is no longer a participant, so the session
    // record, attendance (no-show strikes) and completion must not count them. The audit row keeps the history.
    await tx.delete(sessionParticipants).where(and(eq(sessionParticipants.sessionId, row.id), eq(sessionParticipants.userId, actor.id)));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "office_hours.leave",
      targetType: "session",
      targetId: row.id,
      programId: row.programId,
      detail: isLate ? "late" : "",
    });
    await (await officeHoursNotice(tx, deps, row.id)).seatGivenBack(actor.id);
    await signal(deps, tx, [actor.id, ...(await seatHolders(tx, row.id)).map((p) => p.userId)], row);
    return oneOfficeHours(tx, actor, row.id, row.isStaff);
  });
}
