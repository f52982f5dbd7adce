import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { auditLog, emailTokens, users } from "../../../db/schema/users";
import { DEVICE_FAILURES, issueDeviceCookie, knownDeviceOf } from "../../auth/device";
import { assertAcceptablePassword, burnPasswordCheck, hashPassword, verifyPassword } from "../../auth/password";
import { createSession, invalidateSession, invalidateUserSessions } from "../../auth/session";
import {
  clearRateLimit,
  hitRateLimit,
  recordSignInFailure,
  SIGNIN_FREE_FAILURES,
  signInFailures,
  tooManyAttempts,
} from "../../auth/throttle";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import { type NotifyDeps, notify } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { isIanaTimezone } from "../profile/profile.schema";
import type { SignInInput, SignUpInput } from "./auth.schema";

export type AuthDeps = NotifyDeps & { db: Db };
export type Requester = { ip: string; userAgent: string; cookieHeader?: string | undefined };

const MINUTE = 60_000;
const VERIFY_TTL_MS = 24 * 60 * MINUTE;
const RESET_TTL_MS = 30 * MINUTE;
export const SIGNIN_ATTEMPTS_PER_IP = 30;
const SIGNIN_WINDOW_MS = 15 * MINUTE;
/** The owner hears about guessing at most once in this window. */
export const SIGNIN_ALERT_WINDOW_MS = 24 * 60 * MINUTE;
/** Someone signing up with your address tells you at most this often. */
const ACCOUNT_EXISTS_MAIL_WINDOW_MS = 60 * MINUTE;

export async function audit(
  db: DbOrTx,
  clock: Clock,
  entry: {
    actorId: string | null;
    action: string;
    targetType?: string;
    targetId?: string;
    detail?: string;
    ip?: string;
    programId?: string;
  },
) {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? "",
    ip: entry.ip ?? null,
    programId: entry.programId ?? null,
    createdAt: clock.now(),
  });
}

function newToken(): { token: string; hash: string } {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  return { token, hash: hashToken(token) };
}

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

async function issueEmailToken(
  tx: DbOrTx,
  clock: Clock,
  userId: string,
  purpose: "verify_email" | "reset_password",
  ttlMs: number,
): Promise<string> {
  // A new link replaces earlier unused ones of the same purpose.
  await tx
    .update(emailTokens)
    .set({ usedAt: clock.now() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  const { token, hash } = newToken();
  await tx.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hash,
    expiresAt: new Date(clock.now().getTime() + ttlMs),
    createdAt: clock.now(),
  });
  return token;
}

/** Marks the token used and returns its user, or throws a VALIDATION error on `token`. */
async function consumeEmailToken(tx: DbOrTx, clock: Clock, token: string, purpose: "verify_email" | "reset_password") {
  const now = clock.now();
  const used = await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId });
  const row = used[0];
  if (!row) {
    throw AppError.field(
      "token",
      purpose === "verify_email"
        ? "This verification link is invalid or has expired. Request a new one."
        : "This reset link is invalid, expired or already used. Request a new one.",
    );
  }
  return row.userId;
}

async function sendVerification(tx: DbOrTx, deps: AuthDeps, user: { id: string; email: string; name: string }) {
  const token = await issueEmailToken(tx, deps.clock, user.id, "verify_email", VERIFY_TTL_MS);
  const link = `/verify-email?token=${token}`;
  await notify(tx, deps, {
    type: "auth.verify_email",
    userId: user.id,
    data: { link: `${deps.publicUrl}${link}` },
    link,
    dedupeKey: `verify:${hashToken(token)}`,
  });
}

/**
 * Sign-up answers the same whether or not the address already has an account (no "already exists" to probe
 * for): a new address gets its account and the verification mail; a known one gets nothing changed and the
 * owner an "you already have an account" mail. `session` is null in the second case.
 */
export async function signUp(deps: AuthDeps, input: SignUpInput, req: Requester) {
  await hitRateLimit(deps.db, deps.clock, `signup:ip:${req.ip}`, 20, 60 * MINUTE, "Too many sign-ups from here. Try again later.");
  await assertAcceptablePassword(input.password, [input.email, input.name]);
  if (input.timezone !== undefined && !isIanaTimezone(input.timezone)) {
    throw AppError.field("timezone", "Unknown time zone.");
  }
  // Hashed in both cases, so the answer takes as long for a known address as for a new one.
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing) {
      const n = await hitRateLimit(tx, deps.clock, `signup:exists:${existing.id}`, Number.MAX_SAFE_INTEGER, ACCOUNT_EXISTS_MAIL_WINDOW_MS);
      if (n === 1) {
        await notify(tx, deps, {
          type: "auth.account_exists",
          userId: existing.id,
          data: { signInLink: `${deps.publicUrl}/sign-in` },
          link: "/forgot-password",
        });
      }
      await audit(tx, deps.clock, {
        actorId: null,
        action: "auth.sign_up_existing",
        targetType: "user",
        targetId: existing.id,
        ip: req.ip,
      });
      return { userId: null, session: null };
    }
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        timezone: input.timezone ?? "UTC",
        createdAt: deps.clock.now(),
        updatedAt: deps.clock.now(),
      })
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!user) throw new Error("insert returned no row");
    await sendVerification(tx, deps, user);
    const session = await createSession(tx, deps.clock, user.id, req.userAgent);
    await audit(tx, deps.clock, { actorId: user.id, action: "auth.sign_up", targetType: "user", targetId: user.id, ip: req.ip });
    return { userId: user.id, session };
  });
}

/**
 * Password sign-in, throttled as OWASP suggests instead of locked: every attempt counts against the IP
 * (SIGNIN_ATTEMPTS_PER_IP per 15 minutes, whatever the account), and failures against the account bring growing
 * delays (signInDelaySeconds) before its next attempt is even checked. A request carrying this account's
 * known-device cookie skips the account's delay, so guessing cannot keep the owner out; that device's own
 * failures are counted, and after DEVICE_FAILURES it is treated as unknown. When guessing starts, the owner is
 * told by email, at most once per SIGNIN_ALERT_WINDOW_MS. Unknown emails are throttled the same way, so the
 * answers reveal nothing about which accounts exist.
 */
export async function signIn(deps: AuthDeps, input: SignInInput, req: Requester, previousSessionId: string | null) {
  const accountKey = `signin:acct:${input.email.toLowerCase()}`;
  await hitRateLimit(deps.db, deps.clock, `signin:ip:${req.ip}`, SIGNIN_ATTEMPTS_PER_IP, SIGNIN_WINDOW_MS);
  const [user] = await deps.db
    .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, timezone: users.timezone })
    .from(users)
    .where(eq(users.email, input.email))
    .limit(1);
  const deviceId = user ? await knownDeviceOf(deps.signer, deps.clock, deps.publicUrl, req.cookieHeader, user.id) : null;
  const deviceKey = deviceId ? `signin:device:${deviceId}` : null;
  const trusted = deviceKey !== null && (await signInFailures(deps.db, deps.clock, deviceKey)).failures < DEVICE_FAILURES;
  if (!trusted) {
    const { waitSeconds } = await signInFailures(deps.db, deps.clock, accountKey);
    if (waitSeconds > 0) throw tooManyAttempts(waitSeconds);
  }
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user || !ok) {
    await deps.db.transaction(async (tx) => {
      // A known device's typos count against that device only, never against the owner's account elsewhere.
      const failures = await recordSignInFailure(tx, deps.clock, trusted && deviceKey ? deviceKey : accountKey);
      await audit(tx, deps.clock, { actorId: user?.id ?? null, action: "auth.sign_in_failed", detail: input.email, ip: req.ip });
      if (user && !trusted && failures >= SIGNIN_FREE_FAILURES) await alertOwner(tx, deps, user, failures);
    });
    throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  if (user.status !== "active") throw new AppError("FORBIDDEN", "This account is suspended. Contact your program administrator.");
  if (!trusted) await clearRateLimit(deps.db, accountKey);
  const result = await deps.db.transaction(async (tx) => {
    // Rotation: a sign-in always gets a fresh token and retires the one the browser had.
    if (previousSessionId) await invalidateSession(tx, previousSessionId);
    const session = await createSession(tx, deps.clock, user.id, req.userAgent);
    if (deviceKey) await clearRateLimit(tx, deviceKey);
    await audit(tx, deps.clock, { actorId: user.id, action: "auth.sign_in", targetType: "user", targetId: user.id, ip: req.ip });
    return { userId: user.id, session };
  });
  // A fresh device cookie on every success (a new device id, so an old copy of the cookie stops mattering).
  const deviceCookie = await issueDeviceCookie(deps.signer, deps.clock, deps.publicUrl, user.id);
  return { ...result, deviceCookie };
}

/** "Someone is trying to sign in": once per alert window per account, in the owner's time zone. */
async function alertOwner(tx: DbOrTx, deps: AuthDeps, user: { id: string; timezone: string }, failures: number) {
  const n = await hitRateLimit(tx, deps.clock, `signin:alerted:${user.id}`, Number.MAX_SAFE_INTEGER, SIGNIN_ALERT_WINDOW_MS);
  if (n !== 1) return;
  await notify(tx, deps, {
    type: "auth.sign_in_attempts",
    userId: user.id,
    data: { attempts: String(failures), latest: formatInstant(deps.clock.now(), user.timezone) },
    link: "/forgot-password",
  });
  await audit(tx, deps.clock, { actorId: null, action: "auth.sign_in_guessing", targetType: "user", targetId: user.id });
}

export async function signOut(deps: AuthDeps, userId: string, sessionId: string, req: Requester) {
  await deps.db.transaction(async (tx) => {
    await invalidateSession(tx, sessionId);
    await audit(tx, deps.clock, { actorId: userId, action: "auth.sign_out", ip: req.ip });
  });
}

export async function signOutEverywhere(deps: AuthDeps, userId: string, req: Requester) {
  await deps.db.transaction(async (tx) => {
    await invalidateUserSessions(tx, userId);
    await deps.realtime.disconnectUser(tx, userId);
    await audit(tx, deps.clock, { actorId: userId, action: "auth.sign_out_everywhere", ip: req.ip });
  });
}

export async function resendVerification(deps: AuthDeps, userId: string) {
  await hitRateLimit(
    deps.db,
    deps.clock,
    `verify:acct:${userId}`,
    5,
    60 * MINUTE,
    "We have sent several links already. Check your inbox or try again in an hour.",
  );
  await deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, verified: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) throw new AppError("NOT_FOUND", "Account not found.");
    if (user.verified) throw new AppError("CONFLICT", "Your email address is already verified.");
    await sendVerification(tx, deps, user);
  });
}

export async function verifyEmail(deps: AuthDeps, token: string) {
  return deps.db.transaction(async (tx) => {
    const userId = await consumeEmailToken(tx, deps.clock, token, "verify_email");
    await tx
      .update(users)
      .set({ emailVerifiedAt: deps.clock.now() })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    await audit(tx, deps.clock, { actorId: userId, action: "auth.email_verified", targetType: "user", targetId: userId });
    await deps.realtime.toUser(tx, userId, "account:changed", {});
    return { userId };
  });
}

/**
 * The least time a reset request takes to answer, known address or not. The known-address work (a token, the
 * mail in the outbox, an audit row) took about 13 ms against 5 ms for an unknown address, which told anyone
 * timing the form who has an account; both now answer after the same floor. The floor follows the measured work
 * (twice its moving average, at least RESET_ANSWER_MIN_MS), so a slow database does not reopen the gap.
 * Wall-clock time on purpose: this is about response time, not business time, so the injected Clock is not used.
 */
export const RESET_ANSWER_MIN_MS = 40;
let resetWorkAverageMs = RESET_ANSWER_MIN_MS / 2;

export async function requestPasswordReset(deps: AuthDeps, email: string, req: Requester) {
  const started = performance.now();
  try {
    await hitRateLimit(deps.db, deps.clock, `reset:ip:${req.ip}`, 20, 60 * MINUTE);
    await hitRateLimit(deps.db, deps.clock, `reset:acct:${email.toLowerCase()}`, 5, 60 * MINUTE);
    const known = await queuePasswordReset(deps, email, req);
    if (known) resetWorkAverageMs = 0.8 * resetWorkAverageMs + 0.2 * (performance.now() - started);
  } finally {
    const floor = Math.max(RESET_ANSWER_MIN_MS, 2 * resetWorkAverageMs);
    const left = floor - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

/** Issues the link and queues the mail when the address has an active account; true when it did. */
async function queuePasswordReset(deps: AuthDeps, email: string, req: Requester): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, status: users.status })
      .from(users)
      .where(eq(users.email, email));
    // Same answer whether or not the account exists, so the form cannot be used to probe for members.
    if (user?.status !== "active") return false;
    const token = await issueEmailToken(tx, deps.clock, user.id, "reset_password", RESET_TTL_MS);
    const link = `/reset-password?token=${token}`;
    await notify(tx, deps, {
      type: "auth.password_reset",
      userId: user.id,
      data: { link: `${deps.publicUrl}${link}` },
      link,
      dedupeKey: `reset:${hashToken(token)}`,
    });
    await audit(tx, deps.clock, { actorId: user.id, action: "auth.reset_requested", ip: req.ip });
    return true;
  });
}

export async function resetPassword(deps: AuthDeps, token: string, password: string, req: Requester) {
  const [pending] = await deps.db
    .select({ email: users.email, name: users.name })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(eq(emailTokens.tokenHash, hashToken(token)));
  await assertAcceptablePassword(password, pending ? [pending.email, pending.name] : []);
  const passwordHash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    const userId = await consumeEmailToken(tx, deps.clock, token, "reset_password");
    // Following the mailed link proves control of the mailbox, so the address counts as verified.
    const now = deps.clock.now();
    const [u] = await tx.select({ verified: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, ...(u?.verified ? {} : { emailVerifiedAt: now }) })
      .where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId);
    await deps.realtime.disconnectUser(tx, userId);
    if (pending) await clearRateLimit(tx, `signin:acct:${pending.email.toLowerCase()}`);
    await audit(tx, deps.clock, { actorId: userId, action: "auth.password_reset", ip: req.ip });
    return { userId };
  });
}

export async function changePassword(
  deps: AuthDeps,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  req: Requester,
) {
  const [user] = await deps.db
    .select({ email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  // Accounts created with Google have no password yet: they may set one without a current password.
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await hitRateLimit(deps.db, deps.clock, `chpw:acct:${userId}`, 5, 15 * MINUTE);
    throw AppError.field("currentPassword", "Your current password is incorrect.");
  }
  await assertAcceptablePassword(input.newPassword, [user.email, user.name], "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: deps.clock.now() }).where(eq(users.id, userId));
    // Every session dies, this one included; the caller gets a fresh one so it stays signed in here only.
    await invalidateUserSessions(tx, userId);
    await deps.realtime.disconnectUser(tx, userId);
    const session = await createSession(tx, deps.clock, userId, req.userAgent);
    await notify(tx, deps, {
      type: "auth.password_changed",
      userId,
      data: { when: formatInstant(deps.clock.now(), "UTC") },
      link: "/forgot-password",
    });
    await audit(tx, deps.clock, { actorId: userId, action: "auth.password_changed", ip: req.ip });
    return { session };
  });
}
