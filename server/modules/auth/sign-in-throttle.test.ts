import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { and, eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { devMessages, notifications } from "../../../db/schema/notifications";
import { issueDeviceCookie } from "../../auth/device";
import { silentLogger } from "../../logger";
import type { AppRouter } from "../../router";
import { makeUser, TEST_PASSWORD } from "../../test-support/factories";
import { CookieJar, errorOf, jarFetch, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";

/**
 * Sign-in is throttled with growing delays by account and by IP instead of a lockout: the owner's known device
 * (the signed device cookie from an earlier sign-in) still gets in while a stranger guesses, and the owner is
 * told once per window. The per-IP limit stays, and a client writing its own X-Forwarded-For does not get round it
 * (the header is only read with TRUST_PROXY, behind a proxy that overwrites it).
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A browser-like client that sends `headers` on every request (for X-Forwarded-For). */
function clientWith(headers: () => Record<string, string>) {
  const jar = new CookieJar();
  const f: typeof fetch = (input, init) => jarFetch(jar, headers())(input, init);
  return { jar, api: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${t.url}/trpc`, transformer: superjson, fetch: f })] }) };
}

/** Every test signs in from 127.0.0.1: start each one past the per-IP window so they do not share a budget. */
beforeEach(() => {
  t.clock.advance(16 * MINUTE);
});

/** The value of the device cookie a successful sign-in to `userId` sets. */
async function deviceTokenFor(userId: string) {
  const cookie = await issueDeviceCookie(t.deps.signer, t.clock, t.deps.config.publicUrl, userId);
  return /^device=([^;]+)/.exec(cookie)?.[1] ?? "";
}

async function deliverMail() {
  const worker = createDeliveryWorker({
    db: t.deps.db,
    clock: t.clock,
    mailer: t.deps.mailer,
    logger: silentLogger,
    realtime: t.deps.realtime,
  });
  return worker.drain();
}

describe("sign-in throttling by account", () => {
  it("an unknown device waits a growing delay after five wrong passwords, and the right password works once it has waited", async () => {
    const u = await makeUser(t.deps.db);
    const stranger = clientWith(() => ({}));
    for (let i = 0; i < 5; i++) {
      const e = await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: `wrong guess ${i}` }));
      expect(e.appCode).toBe("UNAUTHENTICATED");
    }
    // The sixth attempt is not even checked before 5 seconds have passed, right password or not.
    const early = await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }));
    expect(early.appCode).toBe("RATE_LIMITED");
    expect(early.message).toBe("Too many attempts. Try again in 5 seconds.");

    // After the wait, one more wrong guess doubles it.
    t.clock.advance(5 * SECOND);
    expect((await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: "wrong guess 5" }))).appCode).toBe("UNAUTHENTICATED");
    t.clock.advance(9 * SECOND);
    expect((await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }))).message).toBe(
      "Too many attempts. Try again in 1 second.",
    );
    t.clock.advance(1 * SECOND);
    // Not a lockout: with the wait over, the right password signs in.
    await stranger.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    expect((await stranger.api.auth.me.query())?.email).toBe(u.email);
  });

  it("the owner signs in from a device that signed in before while a stranger is guessing at the account", async () => {
    const u = await makeUser(t.deps.db);
    const owner = clientWith(() => ({}));
    await owner.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    expect(owner.jar.get("device")).toBeTruthy();
    await owner.api.auth.signOut.mutate();
    expect(owner.jar.get("device")).toBeTruthy(); // signing out keeps the device known

    const stranger = clientWith(() => ({}));
    for (let i = 0; i < 8; i++) {
      t.clock.advance(20 * MINUTE); // the stranger waits each delay out, so the account's delay keeps growing
      await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: `wrong guess ${i}` }));
    }
    const refused = await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }));
    expect(refused.appCode).toBe("RATE_LIMITED");

    // The owner's known device goes straight through with the right password.
    await owner.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    expect((await owner.api.auth.me.query())?.email).toBe(u.email);

    // A copy of some other account's device cookie does not help the stranger.
    const other = await makeUser(t.deps.db);
    const otherDevice = clientWith(() => ({}));
    await otherDevice.api.auth.signIn.mutate({ email: other.email, password: TEST_PASSWORD });
    stranger.jar.cookies.set("device", otherDevice.jar.get("device") ?? "");
    expect((await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }))).appCode).toBe("RATE_LIMITED");
    // Nor does a forged one.
    stranger.jar.cookies.set("device", "forged.value");
    expect((await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }))).appCode).toBe("RATE_LIMITED");
  });

  it("the owner is told once by email and in the app, with the time in their profile's zone", async () => {
    const u = await makeUser(t.deps.db, { name: "Ola Guessed", timezone: "Asia/Tokyo" });
    const stranger = clientWith(() => ({}));
    t.clock.set(new Date("2026-12-08T02:00:00Z"));
    for (let i = 0; i < 9; i++) {
      t.clock.advance(20 * MINUTE);
      await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: `wrong guess ${i}` }));
    }
    await deliverMail();
    const mails = await t.deps.db.select().from(devMessages).where(eq(devMessages.to, u.email));
    const alerts = mails.filter((m) => m.subject === "Someone is trying to sign in to your account");
    expect(alerts).toHaveLength(1);
    // The fifth failure (02:00 + 5 × 20 min = 03:40 UTC) is 12:40 in Tokyo.
    expect(alerts[0]?.text).toContain("5 wrong passwords were tried");
    expect(alerts[0]?.text).toMatch(/12:40/);
    expect(alerts[0]?.text).not.toMatch(/03:40/);
    const inApp = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, u.id), eq(notifications.type, "auth.sign_in_attempts")));
    expect(inApp).toHaveLength(1);
    expect(inApp[0]?.inApp).toBe(true);

    // A day later, guessing again brings a new notice.
    t.clock.advance(25 * 60 * MINUTE);
    for (let i = 0; i < 6; i++) {
      t.clock.advance(20 * MINUTE);
      await errorOf(stranger.api.auth.signIn.mutate({ email: u.email, password: `later guess ${i}` }));
    }
    await deliverMail();
    const later = (await t.deps.db.select().from(devMessages).where(eq(devMessages.to, u.email))).filter(
      (m) => m.subject === "Someone is trying to sign in to your account",
    );
    expect(later).toHaveLength(2);
  });
});

describe("sign-in throttling by IP", () => {
  it("one address trying many accounts is refused after 30 attempts, even when it rotates X-Forwarded-For", async () => {
    // Without TRUST_PROXY the socket address counts, whatever X-Forwarded-For claims.
    let n = 0;
    const rotating = clientWith(() => {
      n += 1;
      return { "x-forwarded-for": `203.0.113.${n % 250}` };
    });
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      codes.push(
        (await errorOf(rotating.api.auth.signIn.mutate({ email: `nobody-${i}@example.test`, password: "whatever password" }))).appCode,
      );
    }
    expect(codes.slice(0, 30).every((c) => c === "UNAUTHENTICATED")).toBe(true);
    expect(codes[30]).toBe("RATE_LIMITED");
    // A known device is no way round the per-IP limit either.
    const u = await makeUser(t.deps.db);
    const fromLimitedIp = clientWith(() => ({}));
    // A device cookie for u, as an earlier sign-in from this device would have left it.
    fromLimitedIp.jar.cookies.set("device", await deviceTokenFor(u.id));
    expect((await errorOf(fromLimitedIp.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }))).appCode).toBe("RATE_LIMITED");
    t.clock.advance(16 * MINUTE);
    await fromLimitedIp.api.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    expect((await fromLimitedIp.api.auth.me.query())?.email).toBe(u.email);
  });
});
