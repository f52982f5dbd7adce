/**
 * Sync work is queued in the transaction of the change that needs it (a session change, a new connection), so
 * nothing is queued for a change that rolls back.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import type { Clock } from "../../clock";

/** "Due at once" whatever the clock says (tests move the clock; the change's transaction has no clock). */
export const DUE_NOW = new Date(0);

/** Queues a sync of the session for its host, when the host has a connected (not broken) calendar. */
export async function queueSessionSync(tx: DbOrTx, sessionId: string): Promise<void> {
  await tx.execute(sql`
    insert into calendar_sync_jobs (session_id, user_id, run_after)
    select sp.session_id, sp.user_id, ${DUE_NOW.toISOString()}::timestamptz
    from session_participants sp
    join calendar_connections c on c.user_id = sp.user_id
    where sp.session_id = ${sessionId} and sp.role = 'mentor' and c.status = 'connected'
    on conflict (session_id, user_id) where done_at is null
    do update set run_after = excluded.run_after, attempts = 0`);
}

/** After connecting: the person's upcoming confirmed sessions they host are brought into their calendar. */
export async function queueUpcomingSessions(tx: DbOrTx, clock: Clock, userId: string): Promise<void> {
  const upcoming = await tx
    .select({ id: sessions.id })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .where(
      and(
        eq(sessionParticipants.userId, userId),
        eq(sessionParticipants.role, "mentor"),
        eq(sessions.status, "confirmed"),
        sql`${sessions.end} > ${clock.now().toISOString()}::timestamptz`,
      ),
    );
  for (const s of upcoming) await queueSessionSync(tx, s.id);
}
