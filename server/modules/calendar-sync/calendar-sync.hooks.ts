/**
 * The two places scheduling meets outside calendars, kept small so the scheduling service does not know Google:
 * - `queueCalendarSync`: called in the transaction of every session change; the worker later brings the host's
 *   connected calendar in line with the session (calendar-sync.service.ts).
 * - `externalBusyOf`: busy times from connected calendars, subtracted from slots.
 */
import type { DbOrTx } from "../../../db/client";
import type { Context } from "../../trpc";
import { connectedBusyTimes } from "./calendar-busy.service";
import { queueSessionSync } from "./calendar-sync-queue";

export type BusyInterval = { start: Date; end: Date };
/**
 * Busy intervals of these people's connected calendars in [from, to); people without one contribute nothing.
 * `on`: the open transaction when called inside one (PGlite has a single connection).
 */
export type ExternalBusy = (userIds: string[], range: { start: Date; end: Date }, on?: DbOrTx) => Promise<BusyInterval[]>;

/** Queues a calendar sync of `sessionId` for its host when the host connected a calendar. */
export async function queueCalendarSync(tx: DbOrTx, sessionId: string): Promise<void> {
  await queueSessionSync(tx, sessionId);
}

/** The busy-time reader for a request (the dev calendar when Google is not configured). */
export function externalBusyOf(ctx: Context): ExternalBusy | undefined {
  return (userIds, range, on) => connectedBusyTimes(ctx, userIds, range, on);
}
