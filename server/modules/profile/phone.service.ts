import { createHash, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { phoneVerifications, users } from "../../../db/schema/users";
import { hitRateLimit } from "../../auth/throttle";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { type NotifyDeps, notify } from "../notification/outbox.service";

const CODE_TTL_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 5;

const hashCode = (userId: string, code: string) => createHash("sha256").update(`${userId}:${code}`).digest("hex");

/** Texts a 6-digit code to the member's phone; SMS is enabled for them only once they type it back. */
export async function requestPhoneCode(deps: NotifyDeps & { db: Db }, userId: string) {
  await hitRateLimit(
    deps.db,
    deps.clock,
    `phone-code:${userId}`,
    5,
    60 * 60 * 1000,
    "We have sent several codes already. Try again in an hour.",
  );
  const [u] = await deps.db.select({ phone: users.phone, verified: users.phoneVerifiedAt }).from(users).where(eq(users.id, userId));
  if (!u?.phone) throw AppError.field("phone", "Add your phone number first.");
  if (u.verified) throw new AppError("CONFLICT", "This phone number is already verified.");
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const phone = u.phone;
  await deps.db.transaction(async (tx) => {
    const values = { phone, codeHash: hashCode(userId, code), expiresAt: new Date(deps.clock.now().getTime() + CODE_TTL_MS), attempts: 0 };
    await tx
      .insert(phoneVerifications)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: phoneVerifications.userId, set: values });
    await notify(tx, deps, {
      type: "phone.verification_code",
      userId,
      data: { code },
      link: "/profile",
      dedupeKey: `phone-code:${values.codeHash}`,
    });
  });
}

export async function verifyPhone(deps: NotifyDeps & { db: Db }, userId: string, code: string) {
  return deps.db.transaction(async (tx) => {
    const [v] = await tx.select().from(phoneVerifications).where(eq(phoneVerifications.userId, userId));
    const [u] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
    if (!v || !u || v.phone !== u.phone || v.expiresAt.getTime() < deps.clock.now().getTime()) {
      throw AppError.field("code", "This code has expired. Ask for a new one.");
    }
    if (v.attempts >= MAX_ATTEMPTS) throw AppError.field("code", "Too many wrong codes. Ask for a new one.");
    if (v.codeHash !== hashCode(userId, code)) {
      await tx
        .update(phoneVerifications)
        .set({ attempts: v.attempts + 1 })
        .where(eq(phoneVerifications.userId, userId));
      return { ok: false as const };
    }
    await tx.update(users).set({ phoneVerifiedAt: deps.clock.now(), smsOptedOutAt: null }).where(eq(users.id, userId));
    await tx.delete(phoneVerifications).where(eq(phoneVerifications.userId, userId));
    await audit(tx, deps.clock, { actorId: userId, action: "profile.phone_verified" });
    return { ok: true as const };
  });
}
