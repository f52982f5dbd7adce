/**
 * Busy times from people's connected calendars, for the slot engine (it explains them as "a busy time in a
 * connected calendar"). The provider caches them briefly per person and range. A broken grant is marked so the
 * person sees "Reconnect", and an outage at Google leaves that person's outside busy times out rather than
 * failing the booking page.
 */
import type { DbOrTx } from "../../../db/client";
import { CalendarReconnectError } from "../../integrations/calendar/calendar-provider";
import { type ConnectionDeps, liveConnections, markBroken } from "./calendar-connection.service";
import type { BusyInterval } from "./calendar-sync.hooks";

export async function connectedBusyTimes(
  deps: ConnectionDeps,
  userIds: string[],
  range: { start: Date; end: Date },
  on: DbOrTx = deps.db,
): Promise<BusyInterval[]> {
  const connections = await liveConnections(deps, userIds, on);
  const busy: BusyInterval[] = [];
  for (const conn of connections) {
    try {
      busy.push(...(await deps.calendar.busyTimes(conn, range)));
    } catch (err) {
      if (err instanceof CalendarReconnectError) {
        await markBroken(deps, conn.userId, on);
        continue;
      }
      deps.logger.warn({ err: String(err), userId: conn.userId }, "google busy times unavailable; slots shown without them");
    }
  }
  return busy;
}
