import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "../../db/client";
import { authSessions, users } from "../../db/schema/users";
import { makeUser, TEST_PASSWORD } from "../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../test-support/test-app";
import { openTestDb } from "../test-support/test-db";
import { SESSION_CACHE_TTL_MS } from "./session-cache";

// Two instances on one database, each with its own session cache (on PostgreSQL, its own pool as well).
let first: TestApp;
let second: TestApp;
let shared: DbHandle & { url: string | undefined };
let secondHandle: DbHandle | undefined;

beforeAll(async () => {
  shared = await openTestDb();
  first = await startTestApp({}, { handle: shared });
  secondHandle = shared.url ? await openDb({ url: shared.url, migrate: false }) : undefined;
  second = await startTestApp({}, { handle: secondHandle ?? shared, clock: first.clock });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await secondHandle?.close();
  await shared?.close();
});

/** The same browser cookie used against both instances. */
async function signedInOnBoth(opts: { admin?: boolean } = {}) {
  const u = await makeUser(first.deps.db, { admin: opts.admin });
  const a = first.client();
  await a.auth.signIn.mutate({ email: u.email, password: TEST_PASSWORD });
  const token = jarOf(a).get("session") ?? "";
  const b = second.client();
  jarOf(b).cookies.set("session", token);
  // Warm both caches.
  expect((await a.auth.me.query())?.id).toBe(u.id);
  expect((await b.auth.me.query())?.id).toBe(u.id);
  return { u, a, b };
}

async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

describe("session cache across instances", () => {
  it("signing out on one instance ends the session on the other", async () => {
    const { a, b } = await signedInOnBoth();
    await a.auth.signOut.mutate();
    await eventually(async () => (await b.auth.me.query()) === null, "instance B refuses the signed-out cookie");
  });

  it("a suspension made through instance B is enforced on instance A", async () => {
    const admin = await makeUser(first.deps.db, { admin: true });
    const adminBrowser = second.client();
    await adminBrowser.auth.signIn.mutate({ email: admin.email, password: TEST_PASSWORD });
    const { u, a } = await signedInOnBoth();
    await adminBrowser.admin.setUserStatus.mutate({ userId: u.id, status: "suspended", reason: "Test" });
    await eventually(async () => (await a.auth.me.query()) === null, "instance A refuses the suspended member");
  });

  it("revoking admin rights on one instance takes them away on the other", async () => {
    const { u, a, b } = await signedInOnBoth({ admin: true });
    expect((await b.admin.overview.query()).users).toBeGreaterThan(0);
    const other = await makeUser(first.deps.db, { admin: true });
    const otherBrowser = first.client();
    await otherBrowser.auth.signIn.mutate({ email: other.email, password: TEST_PASSWORD });
    await otherBrowser.admin.setPlatformAdmin.mutate({ userId: u.id, isPlatformAdmin: false });
    await eventually(async () => (await errorOf(b.admin.overview.query()).catch(() => null))?.appCode === "FORBIDDEN", "B denies");
    expect((await errorOf(a.admin.overview.query())).appCode).toBe("FORBIDDEN");
  });

  it("a session deleted straight in the database (by an operator) stops working on both instances", async () => {
    const { u, a, b } = await signedInOnBoth();
    await shared.db.delete(authSessions).where(eq(authSessions.userId, u.id));
    await eventually(async () => (await a.auth.me.query()) === null && (await b.auth.me.query()) === null, "both refuse");
  });

  it("a renamed member shows the new name on the other instance without signing in again", async () => {
    const { u, b } = await signedInOnBoth();
    await shared.db.update(users).set({ name: "Renamed Person" }).where(eq(users.id, u.id));
    await eventually(async () => (await b.auth.me.query())?.name === "Renamed Person", "the new name");
  });

  it("an idle session still expires on time when served from the cache", async () => {
    const { a } = await signedInOnBoth();
    expect(first.deps.sessions.size).toBeGreaterThan(0);
    first.clock.advance(15 * 24 * 60 * 60 * 1000);
    expect(await a.auth.me.query()).toBeNull();
    expect(SESSION_CACHE_TTL_MS).toBeLessThanOrEqual(60_000);
  });
});
