import type { BusyInterval, CalendarConnection, CalendarProvider, CalendarSession } from "./calendar-provider";

export type DevCalendarCall =
  | { op: "createEvent"; userId: string; session: CalendarSession; eventId: string }
  | { op: "updateEvent"; userId: string; eventId: string; session: CalendarSession }
  | { op: "deleteEvent"; userId: string; eventId: string }
  | { op: "busyTimes"; userId: string; start: Date; end: Date }
  | { op: "disconnect"; userId: string };

export type DevCalendarProvider = CalendarProvider & {
  /** Every call, in order. */
  readonly calls: DevCalendarCall[];
  /** Events as they would be in each user's calendar (deleted ones removed). */
  readonly events: Map<string, { userId: string; session: CalendarSession }>;
  /** Busy intervals busyTimes answers for a user (our own events are added on top). */
  setBusy(userId: string, busy: BusyInterval[]): void;
};

/**
 * With Google not configured: records what would have been sent, gives no Meet link (a made-up one would look real
 * and lead nowhere), and treats the user's own recorded events plus setBusy() intervals as busy.
 */
export function createDevCalendarProvider(): DevCalendarProvider {
  const calls: DevCalendarCall[] = [];
  const events = new Map<string, { userId: string; session: CalendarSession }>();
  const busy = new Map<string, BusyInterval[]>();
  const overlaps = (a: BusyInterval, start: Date, end: Date) => a.start < end && a.end > start;

  return {
    mode: "dev",
    description: "dev calendar (nothing is sent to Google; no Meet links)",
    calls,
    events,
    setBusy(userId, intervals) {
      busy.set(userId, intervals);
    },
    async createEvent(conn: CalendarConnection, session) {
      const eventId = `dev-${session.sessionId}`;
      events.set(eventId, { userId: conn.userId, session });
      calls.push({ op: "createEvent", userId: conn.userId, session, eventId });
      return { eventId, meetUrl: null };
    },
    async updateEvent(conn, eventId, session) {
      events.set(eventId, { userId: conn.userId, session });
      calls.push({ op: "updateEvent", userId: conn.userId, eventId, session });
    },
    async deleteEvent(conn, eventId) {
      events.delete(eventId);
      calls.push({ op: "deleteEvent", userId: conn.userId, eventId });
    },
    async busyTimes(conn, { start, end }) {
      calls.push({ op: "busyTimes", userId: conn.userId, start, end });
      const own = [...events.values()].filter((e) => e.userId === conn.userId).map((e) => ({ start: e.session.start, end: e.session.end }));
      return [...(busy.get(conn.userId) ?? []), ...own]
        .filter((b) => overlaps(b, start, end))
        .sort((a, b) => a.start.getTime() - b.start.getTime());
    },
    async disconnect(conn) {
      calls.push({ op: "disconnect", userId: conn.userId });
    },
  };
}
