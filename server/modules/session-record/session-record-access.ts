/**
 * Who may do what with a session record. Participants (even after a cancellation) read everything but the other
 * people's private notes; the program's staff (its active coordinators, platform admins) read the record but not
 * private notes, and do not edit notes. Everyone else is told the session does not exist.
 */
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { isProgramStaff } from "../match/match-access.service";
import type { NotifyDeps } from "../notification/outbox.service";

export type RecordDeps = NotifyDeps & { db: Db };

export type Participant = {
  id: string;
  name: string;
  role: "mentor" | "mentee";
  timeZone: string;
  checkedInAt: Date | null;
  attendance: "attended" | "no_show" | null;
};

export type RecordAccess = Awaited<ReturnType<typeof loadRecordAccess>>;

/** The session, its participants and the actor's standing; NOT_FOUND for anyone who may not read it. */
export async function loadRecordAccess(db: DbOrTx, actor: SessionUser, sessionId: string, opts: { lock?: boolean } = {}) {
  const query = db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      matchId: sessions.matchId,
      programId: sessions.programId,
      title: sessions.title,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      updatedAt: sessions.updatedAt,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  const [session] = opts.lock ? await query.for("update") : await query;
  if (!session) throw new AppError("NOT_FOUND", "This session does not exist.");
  const participants: Participant[] = await db
    .select({
      id: users.id,
      name: users.name,
      role: sessionParticipants.role,
      timeZone: users.timezone,
      checkedInAt: sessionParticipants.checkedInAt,
      attendance: sessionParticipants.attendance,
    })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .where(eq(sessionParticipants.sessionId, sessionId));
  const own = participants.find((p) => p.id === actor.id) ?? null;
  const isStaff = await isProgramStaff(db, actor, session.programId);
  if (!own && !isStaff) throw new AppError("NOT_FOUND", "This session does not exist.");
  return { session, participants, own, isStaff };
}

/** Participants change the record's content; a cancelled session is kept as it was. */
export function assertCanEdit(access: RecordAccess) {
  if (!access.own) throw new AppError("FORBIDDEN", "Only the people in this session change its record.");
  assertNotCancelled(access);
  return access.own;
}

export function assertNotCancelled(access: RecordAccess) {
  if (access.session.status === "cancelled") throw new AppError("CONFLICT", "This session was cancelled, so its record is read-only.");
}

/**
 * Whose attendance the actor may mark: staff anyone; the host (mentor) the others; in a one-to-one session the
 * mentee may also mark the mentor a no-show (or take that back). Nobody else marks anybody, themselves included.
 */
export function markableBy(access: RecordAccess, target: Participant, value: "attended" | "no_show" | null): boolean {
  if (access.isStaff) return true;
  const own = access.own;
  if (!own || own.id === target.id) return false;
  if (own.role === "mentor") return true;
  return access.session.kind === "one_to_one" && target.role === "mentor" && value !== "attended";
}

/** Tells every participant to refetch; called inside the change's transaction (sent on commit). */
export async function signalRecordChanged(deps: RecordDeps, tx: DbOrTx, access: RecordAccess, status = access.session.status) {
  const signal = { sessionId: access.session.id, programId: access.session.programId, status };
  for (const p of access.participants) await deps.realtime.toUser(tx, p.id, "session:changed", signal);
}

export function canComplete(access: RecordAccess, now: Date): boolean {
  return (!!access.own || access.isStaff) && access.session.status === "confirmed" && now.getTime() >= access.session.start.getTime();
}
