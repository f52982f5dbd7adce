/**
 * Row writes every kind of session shares (one-to-one, series, proposals, office hours), inside the caller's
 * transaction. The caller has locked what it changes; `during` and `active` on session_participants are copies of
 * the session's time and status and are written here together with the session.
 */
import { eq, sql } from "drizzle-orm";
import { type DbOrTx, pgErrorCode } from "../../../db/client";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { AppError } from "../../errors";

export function rangeLiteral(start: Date, end: Date) {
  return sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
}

/**
 * One participant's row write, one at a time so that when the EXCLUDE constraint fires (23P01) the CONFLICT can
 * say whose calendar the overlap is in.
 */
export async function refusingOverlap(actorId: string, p: { userId: string; name: string }, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (err) {
    if (pgErrorCode(err) === "23P01") {
      const who = p.userId === actorId ? "yours" : p.name;
      throw new AppError("CONFLICT", `This time overlaps another session of ${who}.`);
    }
    throw err;
  }
}

/**
 * Cancels a locked session (a cancel, a mentor's decline, a host cancelling office hours): the new sequence tells
 * calendars the invite changed, and every participant row goes inactive so the time is free again.
 * Answers the participants' user ids.
 */
export async function markSessionCancelled(
  tx: DbOrTx,
  change: { sessionId: string; actorId: string; reason: string; now: Date; late: boolean },
): Promise<string[]> {
  await tx
    .update(sessions)
    .set({
      status: "cancelled",
      cancelReason: change.reason,
      cancelledBy: change.actorId,
      cancelledAt: change.now,
      lateCancellation: change.late,
      sequence: sql`${sessions.sequence} + 1`,
      updatedAt: change.now,
    })
    .where(eq(sessions.id, change.sessionId));
  const parties = await tx
    .update(sessionParticipants)
    .set({ active: false })
    .where(eq(sessionParticipants.sessionId, change.sessionId))
    .returning({ userId: sessionParticipants.userId });
  return parties.map((p) => p.userId);
}
