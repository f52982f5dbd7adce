import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "../realtime/events";
import { makeUser, TEST_PASSWORD } from "../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../test-support/test-app";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./session";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 60 * 60 * 1000;

function openSocket(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("connect", () => resolve(s));
    s.once("connect_error", (err) => {
      s.close();
      reject(err);
    });
  });
}

describe("sessions", () => {
  it("a sign-in always issues a new token and retires the one the browser had", async () => {
    const u = await makeUser(t.deps.db);
    const browser = t.client();
    await browser.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    const first = jarOf(browser).get("session");
    await browser.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    const second = jarOf(browser).get("session");
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(first?.length).toBeGreaterThanOrEqual(49);
    // The first token no longer works.
    const replay = t.client();
    jarOf(replay).cookies.set("session", first ?? "");
    expect(await replay.auth.me.query()).toBeNull();
  });

  it("the token is stored hashed: the database never holds the secret half", async () => {
    const u = await makeUser(t.deps.db);
    const browser = t.client();
    await browser.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    const [id, secret] = (jarOf(browser).get("session") ?? "").split(".");
    const rows = await t.handle.db.query.authSessions.findMany();
    const row = rows.find((r) => r.id === id);
    expect(row).toBeDefined();
    expect(Buffer.from(row?.secretHash ?? []).toString("utf8")).not.toContain(secret);
    expect(row?.secretHash.length).toBe(32);
  });

  it("signing out ends only this session; signing out everywhere ends them all", async () => {
    const u = await makeUser(t.deps.db);
    const laptop = t.client();
    const phone = t.client();
    await laptop.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    await phone.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    await laptop.auth.signOut.mutate();
    expect(await laptop.auth.me.query()).toBeNull();
    expect((await phone.auth.me.query())?.email).toBe(u.email);
    const tablet = t.client();
    await tablet.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    await tablet.auth.signOutEverywhere.mutate();
    expect(await phone.auth.me.query()).toBeNull();
    expect(await tablet.auth.me.query()).toBeNull();
  });

  it("changing the password ends every other session and keeps this one signed in with a new token", async () => {
    const u = await makeUser(t.deps.db);
    const here = t.client();
    const elsewhere = t.client();
    await here.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    await elsewhere.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    const before = jarOf(here).get("session");
    await here.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: "an entirely new phrase 8" });
    expect(jarOf(here).get("session")).not.toBe(before);
    expect((await here.auth.me.query())?.email).toBe(u.email);
    expect(await elsewhere.auth.me.query()).toBeNull();
    const wrong = await errorOf(here.auth.changePassword.mutate({ currentPassword: "nope", newPassword: "yet another phrase 99" }));
    expect(wrong.fieldErrors.currentPassword?.[0]).toMatch(/incorrect/);
  });

  it("an idle session expires after 14 days, an active one lives at most 30 days", async () => {
    const u = await makeUser(t.deps.db);
    const idle = t.client();
    await idle.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    const active = t.client();
    await active.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    const start = t.clock.now().getTime();
    // The active browser comes back every 2 days; each visit slides the idle window.
    for (let day = 2; day <= 28; day += 2) {
      t.clock.set(new Date(start + day * 24 * HOUR));
      expect((await active.auth.me.query())?.email).toBe(u.email);
    }
    expect(await idle.auth.me.query()).toBeNull();
    t.clock.set(new Date(start + SESSION_ABSOLUTE_MS + HOUR));
    expect(await active.auth.me.query()).toBeNull();
    expect(SESSION_IDLE_MS).toBe(14 * 24 * HOUR);
    t.clock.set(new Date(start));
  });

  it("suspending a member signs them out at once and closes their open socket", async () => {
    const admin = t.client();
    const adminUser = await makeUser(t.deps.db, { admin: true });
    await admin.auth.signIn.mutate({ email: adminUser.email, password: TEST_PASSWORD });
    const member = await makeUser(t.deps.db);
    const browser = t.client();
    await browser.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD });
    const socket = await openSocket(jarOf(browser).header());
    const closed = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    await admin.admin.setUserStatus.mutate({ userId: member.id, status: "suspended", reason: "test" });
    expect(await closed).toBe("io server disconnect");
    expect(await browser.auth.me.query()).toBeNull();
    // Reconnecting with the old cookie is refused, and so is signing in again.
    await expect(openSocket(jarOf(browser).header())).rejects.toThrow(/unauthorized/);
    const again = await errorOf(browser.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD }));
    expect(again.appCode).toBe("FORBIDDEN");
    socket.close();
  });

  it("a socket without a valid session cookie is refused", async () => {
    await expect(openSocket("session=abc.def")).rejects.toThrow(/unauthorized/);
  });
});

describe("sign-in throttling", () => {
  it("five wrong passwords make the next attempt wait a few seconds, right password or not, rather than lock the account", async () => {
    const u = await makeUser(t.deps.db);
    const attacker = t.client();
    for (let i = 0; i < 5; i++) {
      const e = await errorOf(attacker.auth.signIn.mutate({ email: u.email, password: `wrong-${i}` }));
      expect(e.appCode).toBe("UNAUTHENTICATED");
    }
    const waiting = await errorOf(attacker.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }));
    expect(waiting.appCode).toBe("RATE_LIMITED");
    expect(waiting.message).toBe("Too many attempts. Try again in 5 seconds.");
    t.clock.advance(4 * 1000);
    expect((await errorOf(attacker.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD }))).appCode).toBe("RATE_LIMITED");
    t.clock.advance(1000);
    await attacker.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
    expect((await attacker.auth.me.query())?.email).toBe(u.email);
  });

  it("one address trying many accounts is slowed down too", async () => {
    const client = t.client();
    let limited = false;
    for (let i = 0; i < 32 && !limited; i++) {
      const e = await errorOf(client.auth.signIn.mutate({ email: `nobody-${i}@example.test`, password: "whatever-password" }));
      limited = e.appCode === "RATE_LIMITED";
    }
    expect(limited).toBe(true);
    t.clock.advance(16 * 60 * 1000);
  });
});
