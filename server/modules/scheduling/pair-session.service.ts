/**
 * Writing one new session of a match inside a caller's transaction (series bookings and accepted proposals). The
 * caller has locked both calendars and checked the time with the slot engine; the EXCLUDE constraint still has the
 * last word, answered as a CONFLICT naming whose calendar overlaps.
 */
import type { DbOrTx } from "../../../db/client";
import type { MatchStatus } from "../../../db/schema/matching";
import { type SessionStatus, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { loadMatch, viewerOf } from "../match/match-access.service";
import { isValidTimeZone } from "../matching/availability";
import type { Deps } from "./scheduling.service";
import { sessionNotice } from "./session-notify.service";
import { rangeLiteral, refusingOverlap } from "./session-rows.service";

/** The match and who the caller is to it; strangers are told it does not exist. */
export async function matchAndViewer(db: DbOrTx, actor: SessionUser, matchId: string) {
  const match = await loadMatch(db, matchId);
  if (!match) throw new AppError("NOT_FOUND", "This match does not exist.");
  return { match, viewer: await viewerOf(db, actor, match) };
}

export function assertMatchActive(match: { status: MatchStatus }) {
  if (match.status !== "active") throw new AppError("CONFLICT", "This match is not active, so no new sessions can be booked.");
}

/** The zones a time is shown in: the viewer's (or the zone the client asks for) and the other person's. */
export function zonesFor(
  viewer: { isMentor: boolean },
  zones: { mentor: string; mentee: string },
  asked: string | undefined,
): { viewerZone: string; otherZone: string } {
  if (asked !== undefined && !isValidTimeZone(asked)) throw AppError.field("viewerTimeZone", `Unknown time zone "${asked}".`);
  const own = viewer.isMentor ? zones.mentor : zones.mentee;
  return { viewerZone: asked ?? own, otherZone: viewer.isMentor ? zones.mentee : zones.mentor };
}

export type PairMatch = { id: string; programId: string; mentorId: string; menteeId: string; mentorName: string; menteeName: string };

/** Tells both people that a session of theirs changed (they refetch). */
export async function signalPair(deps: Deps, tx: DbOrTx, match: PairMatch, signal: { sessionId: string; status: string }) {
  for (const id of [match.mentorId, match.menteeId]) {
    await deps.realtime.toUser(tx, id, "session:changed", { ...signal, programId: match.programId });
  }
}

/**
 * A new session for the pair, requested or confirmed, told to people exactly as a single booking is (a request to
 * the mentor, or confirmations with the .ics and reminders to both).
 */
export async function insertPairSession(
  tx: DbOrTx,
  deps: Deps,
  actorId: string,
  match: PairMatch,
  slot: { start: Date; end: Date },
  status: Extract<SessionStatus, "requested" | "confirmed">,
  seriesId: string | null,
): Promise<string> {
  const now = deps.clock.now();
  const [session] = await tx
    .insert(sessions)
    .values({
      matchId: match.id,
      programId: match.programId,
      seriesId,
      start: slot.start,
      end: slot.end,
      status,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: sessions.id });
  const sessionId = session!.id;
  const parties = [
    { userId: match.mentorId, role: "mentor" as const, name: match.mentorName },
    { userId: match.menteeId, role: "mentee" as const, name: match.menteeName },
  ];
  for (const p of parties) {
    await refusingOverlap(actorId, p, () =>
      tx
        .insert(sessionParticipants)
        .values({ sessionId, userId: p.userId, role: p.role, during: rangeLiteral(slot.start, slot.end), active: true }),
    );
  }
  await audit(tx, deps.clock, {
    actorId,
    action: "session.book",
    targetType: "session",
    targetId: sessionId,
    programId: match.programId,
    detail: `${slot.start.toISOString()} ${status}${seriesId ? ` series ${seriesId}` : ""}`,
  });
  const notice = await sessionNotice(tx, deps, sessionId);
  if (status === "confirmed") await notice.confirmed();
  else await notice.requested();
  await signalPair(deps, tx, match, { sessionId, status });
  return sessionId;
}
