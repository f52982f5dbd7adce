import { sql } from "drizzle-orm";
import { type DbOrTx, execRows } from "../../db/client";
import { rateLimits } from "../../db/schema/users";
import type { Clock } from "../clock";
import { AppError } from "../errors";

/**
 * Fixed-window counter in the database, so every server instance shares it.
 * Returns the count after this hit; throws RATE_LIMITED once it passes `limit`.
 */
export async function hitRateLimit(
  db: DbOrTx,
  clock: Clock,
  key: string,
  limit: number,
  windowMs: number,
  message = "Too many attempts. Please wait a few minutes and try again.",
): Promise<number> {
  const now = clock.now();
  const resetAt = new Date(now.getTime() + windowMs);
  const rows = await execRows<{ count: number }>(
    db,
    sql`insert into ${rateLimits} (key, count, reset_at) values (${key}, 1, ${resetAt.toISOString()}::timestamptz)
        on conflict (key) do update set
          count = case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end,
          reset_at = case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then excluded.reset_at else ${rateLimits.resetAt} end
        returning count`,
  );
  const n = Number(rows[0]?.count ?? 1);
  if (n > limit) throw new AppError("RATE_LIMITED", message);
  return n;
}

/** True when the key is already over its limit (without counting a hit). */
export async function isRateLimited(db: DbOrTx, clock: Clock, key: string, limit: number): Promise<boolean> {
  const rows = await execRows<{ count: number; reset_at: string | Date }>(
    db,
    sql`select count, reset_at from ${rateLimits} where key = ${key}`,
  );
  const r = rows[0];
  if (!r) return false;
  return new Date(r.reset_at).getTime() > clock.now().getTime() && Number(r.count) >= limit;
}

export async function clearRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`delete from ${rateLimits} where key = ${key}`);
}

// ---- sign-in: growing delays instead of a lockout ----

/** Failed sign-ins are remembered for this long after the last one (a sliding window). */
export const SIGNIN_FAILURE_MEMORY_MS = 60 * 60_000;
/** Failures allowed before any delay: enough for a few typos. */
export const SIGNIN_FREE_FAILURES = 5;
const SIGNIN_FIRST_DELAY_S = 5;
const SIGNIN_MAX_DELAY_S = 15 * 60;

/**
 * The wait before the next attempt is even checked, after `failures` failures: none for the first few, then
 * 5 s, 10 s, 20 s ... doubling up to 15 minutes. A guesser gets a handful of tries an hour; the owner is never
 * locked out, only asked to wait (and a known device skips the account's delay altogether).
 */
export function signInDelaySeconds(failures: number): number {
  if (failures < SIGNIN_FREE_FAILURES) return 0;
  return Math.min(SIGNIN_FIRST_DELAY_S * 2 ** (failures - SIGNIN_FREE_FAILURES), SIGNIN_MAX_DELAY_S);
}

/** Counts one failure under `key` in a sliding window (reset_at is always last failure + window); returns the count. */
export async function recordSignInFailure(db: DbOrTx, clock: Clock, key: string): Promise<number> {
  const now = clock.now();
  const resetAt = new Date(now.getTime() + SIGNIN_FAILURE_MEMORY_MS);
  const rows = await execRows<{ count: number }>(
    db,
    sql`insert into ${rateLimits} (key, count, reset_at) values (${key}, 1, ${resetAt.toISOString()}::timestamptz)
        on conflict (key) do update set
          count = case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end,
          reset_at = excluded.reset_at
        returning count`,
  );
  return Number(rows[0]?.count ?? 1);
}

/** Failures still remembered under `key`, and the seconds left before the next attempt may be checked. */
export async function signInFailures(db: DbOrTx, clock: Clock, key: string): Promise<{ failures: number; waitSeconds: number }> {
  const rows = await execRows<{ count: number; reset_at: string | Date }>(
    db,
    sql`select count, reset_at from ${rateLimits} where key = ${key}`,
  );
  const r = rows[0];
  const now = clock.now().getTime();
  if (!r || new Date(r.reset_at).getTime() <= now) return { failures: 0, waitSeconds: 0 };
  const failures = Number(r.count);
  const lastFailure = new Date(r.reset_at).getTime() - SIGNIN_FAILURE_MEMORY_MS;
  const waitUntil = lastFailure + signInDelaySeconds(failures) * 1000;
  return { failures, waitSeconds: Math.max(0, Math.ceil((waitUntil - now) / 1000)) };
}

/** "Too many attempts. Try again in 20 seconds." */
export function tooManyAttempts(waitSeconds: number): AppError {
  const wait = waitSeconds < 120 ? `${waitSeconds} second${waitSeconds === 1 ? "" : "s"}` : `${Math.ceil(waitSeconds / 60)} minutes`;
  return new AppError("RATE_LIMITED", `Too many attempts. Try again in ${wait}.`);
}
