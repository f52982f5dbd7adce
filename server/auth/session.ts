/**
 * Sessions written the way lucia-auth.com now teaches (the `lucia` package itself is deprecated):
 * the browser holds "<id>.<secret>", the database stores only sha256(secret), validation compares in
 * constant time, and expiry slides with activity up to an absolute lifetime.
 *
 * Timeouts: idle 14 days (sliding; the "last verified" stamp is refreshed at most hourly), absolute 30 days.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, lt, ne, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { authSessions, users } from "../../db/schema/users";
import type { Clock } from "../clock";
import { forgetEverywhereInProcess } from "./session-cache";

export const SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
const ACTIVITY_CHECK_MS = 60 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  status: "active" | "suspended";
  emailVerified: boolean;
};

export type ValidatedSession = {
  session: { id: string; createdAt: Date; lastVerifiedAt: Date };
  user: SessionUser;
  /** True when lastVerifiedAt was refreshed, so the cookie should be re-sent with a fresh Max-Age. */
  refreshed: boolean;
};

function randomToken(bytes = 20): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export async function createSession(db: DbOrTx, clock: Clock, userId: string, userAgent = ""): Promise<{ id: string; token: string }> {
  const id = randomToken();
  const secret = randomToken();
  const now = clock.now();
  await db.insert(authSessions).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    createdAt: now,
    lastVerifiedAt: now,
    userAgent: userAgent.slice(0, 200),
  });
  await db.update(users).set({ lastActiveAt: now }).where(eq(users.id, userId));
  return { id, token: `${id}.${secret}` };
}

/** What validation needs from a session and its user; also what the session cache keeps. */
export type SessionRow = {
  id: string;
  secretHash: Uint8Array;
  createdAt: Date;
  lastVerifiedAt: Date;
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  status: "active" | "suspended";
  emailVerifiedAt: Date | null;
};

/** A per-process cache of session rows (see session-cache.ts); validation works the same without one. */
export type SessionRowCache = {
  get(sessionId: string): SessionRow | undefined;
  set(row: SessionRow): void;
  forgetSession(sessionId: string): void;
};

async function loadSessionRow(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  const rows = await db
    .select({
      id: authSessions.id,
      secretHash: authSessions.secretHash,
      createdAt: authSessions.createdAt,
      lastVerifiedAt: authSessions.lastVerifiedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      status: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(eq(authSessions.id, id))
    .limit(1);
  return rows[0];
}

export async function validateSessionToken(
  db: DbOrTx,
  clock: Clock,
  token: string,
  cache?: SessionRowCache,
): Promise<ValidatedSession | null> {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z2-7]{20,64}$/.test(id) || !/^[a-z2-7]{20,64}$/.test(secret)) return null;
  let row = cache?.get(id);
  if (!row) {
    row = await loadSessionRow(db, id);
    if (!row) return null;
    cache?.set(row);
  }
  // The secret is checked on every request, cached or not: the cache holds only its hash.
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
  const now = clock.now().getTime();
  const expired = now - row.lastVerifiedAt.getTime() >= SESSION_IDLE_MS || now - row.createdAt.getTime() >= SESSION_ABSOLUTE_MS;
  if (expired || row.status !== "active") {
    cache?.forgetSession(id);
    await db.delete(authSessions).where(eq(authSessions.id, id));
    return null;
  }
  let lastVerifiedAt = row.lastVerifiedAt;
  let refreshed = false;
  if (now - row.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_MS) {
    lastVerifiedAt = new Date(now);
    refreshed = true;
    await db.update(authSessions).set({ lastVerifiedAt }).where(eq(authSessions.id, id));
    await db.update(users).set({ lastActiveAt: lastVerifiedAt }).where(eq(users.id, row.userId));
    cache?.set({ ...row, lastVerifiedAt });
  }
  return {
    session: { id: row.id, createdAt: row.createdAt, lastVerifiedAt },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      isPlatformAdmin: row.isPlatformAdmin,
      status: row.status,
      emailVerified: row.emailVerifiedAt !== null,
    },
    refreshed,
  };
}

/** Seconds the cookie should live: the smaller of the idle window and what is left of the absolute one. */
export function sessionCookieMaxAge(clock: Clock, s: { createdAt: Date }): number {
  const leftAbsolute = s.createdAt.getTime() + SESSION_ABSOLUTE_MS - clock.now().getTime();
  return Math.max(0, Math.floor(Math.min(SESSION_IDLE_MS, leftAbsolute) / 1000));
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
  forgetEverywhereInProcess({ sessionId });
}

export async function invalidateUserSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
  if (exceptSessionId) {
    await db.delete(authSessions).where(and(eq(authSessions.userId, userId), ne(authSessions.id, exceptSessionId)));
  } else {
    await db.delete(authSessions).where(eq(authSessions.userId, userId));
  }
  forgetEverywhereInProcess({ userId });
}

export async function deleteExpiredSessions(db: DbOrTx, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  await db
    .delete(authSessions)
    .where(
      or(lt(authSessions.lastVerifiedAt, new Date(now - SESSION_IDLE_MS)), lt(authSessions.createdAt, new Date(now - SESSION_ABSOLUTE_MS))),
    );
}

// ---- cookies ----

export type CookieSettings = { name: string; secure: boolean };

/** `__Host-` prefix and Secure when served over https; plain `session` on http://localhost in development. */
export function cookieSettings(publicUrl: string): CookieSettings {
  const secure = publicUrl.startsWith("https://");
  return { name: secure ? "__Host-session" : "session", secure };
}

export function serializeSessionCookie(settings: CookieSettings, token: string, maxAgeSeconds: number): string {
  return [
    `${settings.name}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Max-Age=${maxAgeSeconds}`,
    ...(settings.secure ? ["Secure"] : []),
  ].join("; ");
}

export function serializeBlankSessionCookie(settings: CookieSettings): string {
  return serializeSessionCookie(settings, "", 0);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eqAt + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
