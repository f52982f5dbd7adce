import { type RouterOutputs, trpc } from "../../lib/trpc";

export type CalendarStatus = RouterOutputs["calendarSync"]["status"];
export type NewFeed = RouterOutputs["calendarSync"]["createFeed"];

export const calendarSyncKeys = {
  root: ["calendarSync"] as const,
  feed: ["calendarSync", "feed"] as const,
  status: ["calendarSync", "status"] as const,
};

export const calendarSyncQueries = {
  feed: () => ({ queryKey: calendarSyncKeys.feed, queryFn: () => trpc.calendarSync.feed.query() }),
  status: () => ({ queryKey: calendarSyncKeys.status, queryFn: () => trpc.calendarSync.status.query() }),
};

/** A full-page visit: Google's consent screen (or, with the dev calendar, straight back here connected). */
export const CONNECT_URL = "/auth/google/calendar/start";

/** What the consent callback's `?error=` means, in words. */
export const connectErrors: Record<string, string> = {
  google_cancelled: "Connecting was cancelled on Google's page. Nothing was changed.",
  google_state: "That sign-in to Google took too long or came from another tab. Please try again.",
  google_scopes:
    "Google did not give access to both your events and your free/busy times. Connect again and leave both calendar permissions ticked.",
  google_failed: "Google did not accept the connection. Please try again in a moment.",
  google_unavailable: "Google Calendar is not set up on this server.",
};
