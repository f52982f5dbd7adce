/**
 * A short-lived, per-process cache of session rows so an authenticated read costs one database round trip
 * (the query) instead of two (session check + query).
 *
 * Correctness across instances: database triggers (migration 0003) send NOTIFY `mis_session` with the user id
 * whenever one of that user's sessions is deleted or their status, admin flag, email, name or verification
 * changes; every instance listens and drops that user's entries. In this process, invalidateSession and
 * invalidateUserSessions also drop entries at once (before the NOTIFY arrives), so sign-out, password change
 * and suspension take effect on the very next request here. The TTL bounds staleness if the LISTEN connection
 * is ever lost (postgres.js re-listens on reconnect, but notifications sent meanwhile are not replayed).
 */
import type { DbHandle } from "../../db/client";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { SessionRow, SessionRowCache } from "./session";

export const SESSION_CHANNEL = "mis_session";
export const SESSION_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

export type SessionCache = SessionRowCache & {
  forgetUser(userId: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly size: number;
};

const liveCaches = new Set<SessionCache>();

/** Drops entries in every cache of this process; used by the invalidation functions in session.ts. */
export function forgetEverywhereInProcess(what: { sessionId?: string; userId?: string }): void {
  for (const cache of liveCaches) {
    if (what.sessionId) cache.forgetSession(what.sessionId);
    if (what.userId) cache.forgetUser(what.userId);
  }
}

export function createSessionCache(handle: Pick<DbHandle, "listen">, clock: Clock, logger: Logger): SessionCache {
  const entries = new Map<string, { row: SessionRow; cachedAt: number }>();
  const byUser = new Map<string, Set<string>>();
  let unlisten: (() => Promise<void>) | undefined;

  const forgetSession = (sessionId: string) => {
    const entry = entries.get(sessionId);
    if (!entry) return;
    entries.delete(sessionId);
    byUser.get(entry.row.userId)?.delete(sessionId);
  };
  const forgetUser = (userId: string) => {
    for (const sessionId of byUser.get(userId) ?? []) entries.delete(sessionId);
    byUser.delete(userId);
  };

  const cache: SessionCache = {
    get(sessionId) {
      // Without a live LISTEN (not started, or stopped) nothing tells us about changes: do not serve from cache.
      if (!unlisten) return undefined;
      const entry = entries.get(sessionId);
      if (!entry) return undefined;
      if (clock.now().getTime() - entry.cachedAt >= SESSION_CACHE_TTL_MS) {
        forgetSession(sessionId);
        return undefined;
      }
      return entry.row;
    },
    set(row) {
      if (!unlisten) return;
      if (entries.size >= MAX_ENTRIES) {
        // Oldest first: Map keeps insertion order.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) forgetSession(oldest);
      }
      entries.delete(row.id);
      entries.set(row.id, { row, cachedAt: clock.now().getTime() });
      const set = byUser.get(row.userId) ?? new Set<string>();
      byUser.set(row.userId, set);
      set.add(row.id);
    },
    forgetSession,
    forgetUser,
    async start() {
      if (unlisten) return;
      unlisten = await handle.listen(SESSION_CHANNEL, (userId) => forgetUser(userId));
      liveCaches.add(cache);
    },
    async stop() {
      liveCaches.delete(cache);
      const u = unlisten;
      unlisten = undefined;
      entries.clear();
      byUser.clear();
      try {
        await u?.();
      } catch (err) {
        logger.warn({ err }, "session cache: unlisten failed");
      }
    },
    get size() {
      return entries.size;
    },
  };
  return cache;
}
