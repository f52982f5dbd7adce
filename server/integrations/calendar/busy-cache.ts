import type { Clock } from "../../clock";
import type { BusyInterval } from "./calendar-provider";

/**
 * Busy times per user and range for a short while: the slot picker asks for the same week several times a minute,
 * and Google's free/busy quota is per user. Our own changes (create, update, delete) drop the user's entries;
 * changes made in Google directly show after the TTL. Concurrent callers share one request.
 */
export function createBusyCache(clock: Clock, ttlMs = 60_000, maxEntries = 2_000) {
  const entries = new Map<string, { userId: string; expiresAt: number; value: Promise<BusyInterval[]> }>();
  const keyOf = (userId: string, start: Date, end: Date) => `${userId}|${start.toISOString()}|${end.toISOString()}`;

  return {
    async get(userId: string, range: { start: Date; end: Date }, load: () => Promise<BusyInterval[]>): Promise<BusyInterval[]> {
      const key = keyOf(userId, range.start, range.end);
      const now = clock.now().getTime();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) return hit.value;
      if (hit) entries.delete(key);
      const value = load();
      const entry = { userId, expiresAt: now + ttlMs, value };
      entries.set(key, entry);
      // A failed read is not cached: the next caller tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      // Map keeps insertion order, so the first keys are the oldest.
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
    invalidateUser(userId: string) {
      for (const [key, entry] of entries) if (entry.userId === userId) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}

export type BusyCache = ReturnType<typeof createBusyCache>;
