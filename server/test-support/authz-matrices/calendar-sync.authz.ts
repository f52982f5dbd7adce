import { type Entry, signedIn } from "../authz";

/** Everything here acts on the caller's own feed and connection: any signed-in person, nobody else's. */
export const calendarSyncAuthz: Record<string, Entry> = {
  "calendarSync.feed": { expect: signedIn() },
  "calendarSync.createFeed": { expect: signedIn() },
  "calendarSync.regenerateFeed": { expect: signedIn() },
  "calendarSync.deleteFeed": { expect: signedIn() },
  "calendarSync.status": { expect: signedIn() },
  "calendarSync.disconnect": { expect: signedIn() },
};
