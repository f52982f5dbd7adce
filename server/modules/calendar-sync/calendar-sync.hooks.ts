/**
 * The two places scheduling meets outside calendars, kept small so the scheduling service does not know Google:
 * - `queueCalendarSync`: called in the transaction of every session change; the worker later brings each
 *   participant's connected calendar in line with the session.
 * - `externalBusyOf`: busy times from connected calendars, subtracted from slots.
 */
import type { DbOrTx } from "../../../db/client";
import type { Context } from "../../trpc";

export type BusyInterval = { start: Date; end: Date };
/** Busy intervals of these people's connected calendars in [from, to); people without one contribute nothing. */
export type ExternalBusy = (userIds: string[], range: { start: Date; end: Date }) => Promise<BusyInterval[]>;

/** Queues a calendar sync of `sessionId` for each participant who connected a calendar. */
export async function queueCalendarSync(_tx: DbOrTx, _sessionId: string): Promise<void> {
  // Filled in by the Google Calendar wiring (calendar-sync.service.ts).
}

/** The busy-time reader for a request, or undefined when no calendar provider is configured. */
export function externalBusyOf(_ctx: Context): ExternalBusy | undefined {
  return undefined;
}
