import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menteeGoals, users } from "../db/schema/users";
import { makeUser, sessionTokenFor } from "./test-support/factories";
import { errorOf, startTestApp, type TestApp } from "./test-support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type ApiJson = { status?: string; photoUrl?: string; error: { code: string; message: string; fieldErrors: Record<string, string[]> } };
const json = async (res: Response): Promise<ApiJson> => (await res.json()) as ApiJson;

const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
]);

describe("HTTP surface", () => {
  it("answers health and readiness probes", async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await json(ready)).status).toBe("ready");
  });

  it("sends security headers and no-store on personal data", async () => {
    const res = await fetch(`${t.url}/trpc/auth.me`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a cross-site mutation, and accepts the same request from our own origin", async () => {
    const body = JSON.stringify({ json: { email: "x@example.test" } });
    const evil = await fetch(`${t.url}/trpc/auth.requestPasswordReset`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body,
    });
    expect(evil.status).toBe(403);
    expect((await json(evil)).error.message).toMatch(/Cross-site/);
    const own = await fetch(`${t.url}/trpc/auth.requestPasswordReset`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: t.url, "sec-fetch-site": "same-origin" },
      body,
    });
    expect(own.status).toBe(200);
  });

  it("refuses a mutation whose Origin is another site even without Sec-Fetch-Site", async () => {
    const res = await fetch(`${t.url}/trpc/auth.requestPasswordReset`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ json: { email: "x@example.test" } }),
    });
    expect(res.status).toBe(403);
  });

  it("a state change is never made by GET", async () => {
    const res = await fetch(`${t.url}/trpc/auth.signOut`);
    expect(res.status).toBe(405);
  });

  it("unknown routes get a 404 with a clear message", async () => {
    const res = await fetch(`${t.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("NOT_FOUND");
    const proc = await fetch(`${t.url}/trpc/auth.nothing`);
    expect(proc.status).toBe(404);
  });

  it("an oversized request body is refused with 413, not a crash", async () => {
    const res = await fetch(`${t.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email: "a@b.c", password: "x".repeat(400_000) } }),
    });
    expect(res.status).toBe(413);
  });

  it("malformed JSON is a validation error, not a 500", async () => {
    const res = await fetch(`${t.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(res.status).toBe(400);
  });
});

describe("profile photo upload", () => {
  it("stores a real image and serves it to signed-in people only", async () => {
    const u = await makeUser(t.deps.db);
    const cookie = `session=${await sessionTokenFor(t.deps.db, t.clock, u.id)}`;
    const res = await fetch(`${t.url}/uploads/photo`, { method: "POST", headers: { cookie, "content-type": "image/png" }, body: png });
    expect(res.status).toBe(200);
    const { photoUrl } = (await json(res)) as ApiJson & { photoUrl: string };
    expect(photoUrl).toMatch(/^\/files\//);
    const img = await fetch(`${t.url}${photoUrl}`, { headers: { cookie } });
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(png);
    expect((await fetch(`${t.url}${photoUrl}`)).status).toBe(401);
  });

  it("refuses a file that is not an image whatever its declared type, and one over 2 MB", async () => {
    const u = await makeUser(t.deps.db);
    const cookie = `session=${await sessionTokenFor(t.deps.db, t.clock, u.id)}`;
    const fake = await fetch(`${t.url}/uploads/photo`, {
      method: "POST",
      headers: { cookie, "content-type": "image/png" },
      body: "<svg onload=alert(1)>",
    });
    expect(fake.status).toBe(400);
    expect((await json(fake)).error.fieldErrors.photo?.[0]).toMatch(/PNG, JPEG or WebP/);
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(png);
    const tooBig = await fetch(`${t.url}/uploads/photo`, { method: "POST", headers: { cookie }, body: big });
    expect(tooBig.status).toBe(400);
    expect((await json(tooBig)).error.fieldErrors.photo?.[0]).toMatch(/larger than 2 MB/);
    const [row] = await t.deps.db.select({ photo: users.photoFileId }).from(users).where(eq(users.id, u.id));
    expect(row?.photo).toBeNull();
  });

  it("refuses an upload from someone signed out", async () => {
    const res = await fetch(`${t.url}/uploads/photo`, { method: "POST", body: png });
    expect(res.status).toBe(401);
  });
});

describe("first-sign-in wizard", () => {
  it("saves the whole profile at once and marks the member onboarded", async () => {
    const browser = t.client();
    await browser.auth.signUp.mutate({
      name: "Wiz Ard",
      email: "wizard@example.test",
      password: "complete my setup 42",
      timezone: "Asia/Kolkata",
    });
    expect((await browser.auth.me.query())?.onboarded).toBe(false);
    await browser.profile.completeWizard.mutate({
      common: {
        name: "Wiz Ard",
        bio: "I build accessible websites and want to grow.",
        timezone: "Asia/Kolkata",
        phone: "+91 98765 43210",
        languages: ["English", "Hindi", "english"],
      },
      mentor: null,
      mentee: {
        background: "Two years of frontend work",
        interests: ["Accessibility", " accessibility ", "JS!"],
        level: "early_career",
        goals: [{ text: "Lead an accessibility audit", priority: "high", targetDate: "2027-06-30" }],
      },
    });
    const me = await browser.auth.me.query();
    expect(me?.onboarded).toBe(true);
    const p = await browser.profile.mine.query();
    expect(p.phone).toBe("+919876543210");
    expect(p.languages).toEqual(["english", "hindi"]);
    expect(p.mentee?.interests).toEqual(["accessibility", "js"]);
    expect(p.mentee?.goals[0]?.targetDate).toBe("2027-06-30");
    expect(p.mentor).toBeNull();
  });

  it("rejects a bad phone and time zone naming the fields, and writes nothing", async () => {
    const browser = t.client();
    await browser.auth.signUp.mutate({ name: "Half Written", email: "half@example.test", password: "no partial writes 77" });
    const err = await errorOf(
      browser.profile.completeWizard.mutate({
        common: { name: "Changed Name", bio: "", timezone: "Mars/Olympus", phone: "12345", languages: [] },
        mentor: null,
        mentee: { background: "", interests: [], level: "student", goals: [{ text: "x", priority: "high", targetDate: null }] },
      }),
    );
    expect(err.appCode).toBe("VALIDATION");
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["common.phone", "common.timezone"]);
    const me = await browser.auth.me.query();
    expect(me?.name).toBe("Half Written");
    expect(me?.onboarded).toBe(false);
    const goals = await t.deps.db
      .select()
      .from(menteeGoals)
      .where(eq(menteeGoals.userId, me?.id ?? ""));
    expect(goals).toHaveLength(0);
  });

  it("asks for a role when neither mentor nor mentee details are given", async () => {
    const browser = t.client();
    await browser.auth.signUp.mutate({ name: "No Role", email: "norole@example.test", password: "pick a role please 3" });
    const err = await errorOf(
      browser.profile.completeWizard.mutate({
        common: { name: "No Role", bio: "", timezone: "UTC", phone: "", languages: [] },
        mentor: null,
        mentee: null,
      }),
    );
    expect(err.fieldErrors.role?.[0]).toMatch(/mentor, be mentored, or both/);
  });
});

describe("admin user list", () => {
  it("searches by name or email and paginates", async () => {
    const admin = await makeUser(t.deps.db, { admin: true });
    for (let i = 0; i < 7; i++) await makeUser(t.deps.db, { email: `zed-${i}@search.test`, name: `Zed Searchable ${i}` });
    const browser = t.client();
    const { jarOf } = await import("./test-support/test-app");
    jarOf(browser).cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, admin.id));
    const page1 = await browser.admin.users.query({ q: "searchable", pageSize: 5 });
    expect(page1.total).toBe(7);
    expect(page1.pages).toBe(2);
    expect(page1.items).toHaveLength(5);
    const page2 = await browser.admin.users.query({ q: "searchable", pageSize: 5, page: 2 });
    expect(page2.items).toHaveLength(2);
    const byEmail = await browser.admin.users.query({ q: "zed-3@search" });
    expect(byEmail.items.map((u) => u.name)).toEqual(["Zed Searchable 3"]);
    // LIKE wildcards typed by the admin are matched literally.
    expect((await browser.admin.users.query({ q: "%" })).total).toBe(0);
  });
});
