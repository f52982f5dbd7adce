/**
 * The one-click page behind a session email's "Reschedule" and "Cancel" links: no sign-in, the signed token is
 * the authority. A token works while its session is requested or confirmed, has not ended (its current end, so a
 * moved session's links follow it) and its person is still a participant with an active account.
 *
 * Every change goes through the signed-in scheduling functions with the token's person as the actor, so the
 * rules, calendar locks, notifications, invites, reminders and live events are exactly those of the app.
 */
import { and, eq } from "drizzle-orm";
import { programs } from "../../../db/schema/programs";
import { liveSessionStatuses, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { hitRateLimit } from "../../auth/throttle";
import { AppError } from "../../errors";
import { cancelSession, type Deps, findSlots, rescheduleSession, sessionsOf } from "../scheduling/scheduling.service";
import { formatSlotForViewer } from "../scheduling/slot-display";
import {
  INVALID_LINK,
  type SessionLinkCancelInput,
  type SessionLinkRescheduleInput,
  type SessionLinkSlotsInput,
  type SessionLinkView,
  type SessionLinkViewInput,
} from "./session-link.schema";
import { readSessionLink } from "./session-link-token";

const HOUR_MS = 3_600_000;
/** Per address: enough for a person clicking around the page, little for anyone probing tokens. */
const LINK_CALLS_PER_IP = 100;
const LINK_WINDOW_MS = 10 * 60_000;

export type Requester = { ip: string };

const invalid = () => AppError.field("token", INVALID_LINK);

async function throttle(deps: Deps, req: Requester) {
  await hitRateLimit(deps.db, deps.clock, `session-link:ip:${req.ip}`, LINK_CALLS_PER_IP, LINK_WINDOW_MS);
}

/**
 * The token's person and session, or a refusal: an invalid token (tampered, unknown session, not a participant,
 * suspended account) is VALIDATION; a genuine link whose session is over or no longer live is a CONFLICT that
 * says why.
 */
async function resolve(deps: Deps, token: string) {
  const claim = await readSessionLink(deps.signer, token);
  if (!claim) throw invalid();
  const [row] = await deps.db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      userStatus: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
      timeZone: users.timezone,
      role: sessionParticipants.role,
      sessionId: sessions.id,
      kind: sessions.kind,
      matchId: sessions.matchId,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      programName: programs.name,
      noticeHours: programs.cancelNoticeHours,
    })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .innerJoin(programs, eq(programs.id, sessions.programId))
    .where(and(eq(sessionParticipants.sessionId, claim.sessionId), eq(sessionParticipants.userId, claim.userId)));
  // Only one-to-one sessions carry links; a group seat is managed from the office hours page.
  if (row?.userStatus !== "active" || row.kind !== "one_to_one" || !row.matchId) throw invalid();
  if (!(liveSessionStatuses as readonly string[]).includes(row.status)) {
    throw new AppError("CONFLICT", `This session is ${row.status.replace("_", " ")}, so this link no longer works.`);
  }
  if (row.end.getTime() <= deps.clock.now().getTime())
    throw new AppError("CONFLICT", "This session is over, so this link no longer works.");
  // The link carries a participant's powers only: never the person's platform-admin flag.
  const actor: SessionUser = {
    id: row.userId,
    email: row.email,
    name: row.name,
    isPlatformAdmin: false,
    status: "active",
    emailVerified: row.emailVerifiedAt !== null,
  };
  return { actor, session: { ...row, matchId: row.matchId } };
}

export async function viewSessionLink(deps: Deps, req: Requester, input: SessionLinkViewInput): Promise<SessionLinkView> {
  await throttle(deps, req);
  return viewOf(deps, input.token);
}

async function viewOf(deps: Deps, token: string): Promise<SessionLinkView> {
  const { actor, session } = await resolve(deps, token);
  const [own] = await sessionsOf(deps.db, actor.id, eq(sessions.id, session.sessionId));
  const otherZone = own?.other?.timeZone ?? "UTC";
  const shown = formatSlotForViewer({ start: session.start.toISOString(), end: session.end.toISOString() }, session.timeZone, otherZone);
  const now = deps.clock.now().getTime();
  return {
    sessionId: session.sessionId,
    programName: session.programName,
    personName: actor.name,
    role: session.role,
    otherName: own?.other?.name ?? "",
    status: session.status,
    start: session.start,
    end: session.end,
    timeZone: session.timeZone,
    localTime: shown.viewerLocal,
    otherLocalTime: shown.otherLocal,
    // Moving needs a session that has not started; cancelling one that has not ended (the service's own rules).
    canReschedule: session.start.getTime() > now,
    canCancel: true,
    noticeHours: session.noticeHours,
    isInsideNotice: session.start.getTime() - now < session.noticeHours * HOUR_MS,
  };
}

export async function sessionLinkSlots(deps: Deps, req: Requester, input: SessionLinkSlotsInput) {
  await throttle(deps, req);
  const { actor, session } = await resolve(deps, input.token);
  return findSlots(deps, actor, { matchId: session.matchId, from: input.from, to: input.to });
}

/** Moves the session as its person; answers with the page's fresh view (the same link now shows the new time). */
export async function rescheduleByLink(deps: Deps, req: Requester, input: SessionLinkRescheduleInput): Promise<SessionLinkView> {
  await throttle(deps, req);
  const { actor, session } = await resolve(deps, input.token);
  await rescheduleSession(deps, actor, { sessionId: session.sessionId, start: input.start, reason: input.reason });
  return viewOf(deps, input.token);
}

export async function cancelByLink(deps: Deps, req: Requester, input: SessionLinkCancelInput) {
  await throttle(deps, req);
  const { actor, session } = await resolve(deps, input.token);
  const result = await cancelSession(deps, actor, { sessionId: session.sessionId, reason: input.reason });
  return { status: result.status, lateCancellation: result.lateCancellation };
}
