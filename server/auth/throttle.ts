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
