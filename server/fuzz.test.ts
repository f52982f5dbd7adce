/**
 * Hostile input for every procedure: random JSON values must give a clean VALIDATION (or another domain)
 * error, never an internal error (transactions keep failed writes whole: see the wizard tests).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "./auth/session";
import { AppError } from "./errors";
import { appRouter } from "./router";
import { makeUser, sessionUser } from "./test-support/factories";
import { startTestApp, type TestApp } from "./test-support/test-app";
import { type Context, createCallerFactory } from "./trpc";

let t: TestApp;
let admin: SessionUser;
beforeAll(async () => {
  t = await startTestApp();
  admin = sessionUser(await makeUser(t.deps.db, { admin: true }));
});
afterAll(async () => {
  await t?.close();
});

const createCaller = createCallerFactory(appRouter);
const paths = Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "../../etc/passwd",
    "%",
    "_",
    "\\",
    "😀".repeat(50),
    "a".repeat(5000),
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.uuid(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom(
        "email",
        "password",
        "name",
        "programId",
        "userId",
        "id",
        "token",
        "common",
        "mentor",
        "mentee",
        "q",
        "page",
        "limit",
        "status",
        "role",
      ),
      tie("value"),
      { maxKeys: 5 },
    ),
  ),
})).value;

async function ctxFor(user: SessionUser | null): Promise<Context> {
  return {
    ...t.deps,
    request: { ip: `172.16.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`, userAgent: "fuzz" },
    user,
    sessionId: user ? (await createSession(t.deps.db, t.clock, user.id)).id : null,
    setCookie: () => {},
  };
}

/** Well-formed inputs whose string leaves get replaced with hostile strings, so the input reaches the services. */
const uuid = "00000000-0000-4000-8000-000000000000";
const templates: Record<string, unknown> = {
  "auth.signUp": { name: "n", email: "a@b.co", password: "long enough password 1", timezone: "UTC" },
  "auth.signIn": { email: "a@b.co", password: "x" },
  "auth.verifyEmail": { token: "abcdefghijklmnop" },
  "auth.requestPasswordReset": { email: "a@b.co" },
  "auth.resetPassword": { token: "abcdefghijklmnop", password: "long enough password 1" },
  "auth.changePassword": { currentPassword: "x", newPassword: "long enough password 1" },
  "profile.get": { userId: uuid },
  "profile.updateCommon": { name: "n", bio: "b", timezone: "UTC", phone: "+14155550123", languages: ["en"] },
  "profile.setTimeZone": { timezone: "UTC" },
  "profile.updateMentor": { headline: "h", expertise: ["x"], yearsExperience: 1, mentoringStyles: ["career"], defaultCapacity: 1 },
  "profile.updateMentee": {
    background: "b",
    interests: ["x"],
    level: "student",
    goals: [{ text: "t", priority: "low", targetDate: "2027-01-01" }],
  },
  "profile.completeWizard": {
    common: { name: "n", bio: "b", timezone: "UTC", phone: "", languages: [] },
    mentor: { headline: "h", expertise: ["x"], yearsExperience: 1, mentoringStyles: [], defaultCapacity: 1 },
    mentee: null,
  },
  "program.get": { programId: uuid },
  "program.members": { programId: uuid },
  "program.create": { name: "Program", slug: "program-x", description: "d" },
  "program.update": { programId: uuid, name: "Program" },
  "program.addMember": { programId: uuid, email: "a@b.co", role: "mentee" },
  "program.setMemberStatus": { programId: uuid, membershipId: uuid, status: "active" },
  "notification.list": { limit: 5 },
  "notification.markRead": { id: uuid },
  "admin.users": { q: "x", page: 1, pageSize: 10 },
  "admin.setUserStatus": { userId: uuid, status: "suspended", reason: "r" },
  "admin.setPlatformAdmin": { userId: uuid, isPlatformAdmin: true },
  "devMailbox.list": { to: "a@b.co" },
};

function mutateStrings(value: unknown, strings: string[], i = { n: 0 }): unknown {
  if (typeof value === "string") return strings[i.n++ % strings.length];
  if (Array.isArray(value)) return value.map((v) => mutateStrings(v, strings, i));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutateStrings(v, strings, i)]));
  return value;
}

describe("hostile input never produces an internal error", () => {
  it("well-formed inputs with hostile strings reach the services and still fail cleanly", async () => {
    const internal: string[] = [];
    const caller = createCaller(await ctxFor(admin)) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(templates)),
        fc.array(hostileString, { minLength: 1, maxLength: 6 }),
        async (path, strings) => {
          const [ns, name] = path.split(".") as [string, string];
          const input = mutateStrings(templates[path], strings);
          try {
            await caller[ns]?.[name]?.(input);
          } catch (err) {
            const cause = (err as { cause?: unknown }).cause;
            const code = cause instanceof AppError ? cause.code : (err as { code?: string }).code;
            if (code === "INTERNAL_SERVER_ERROR" || code === undefined)
              internal.push(`${path} <- ${JSON.stringify(input).slice(0, 200)}: ${(err as Error).message}`);
          }
        },
      ),
      { numRuns: 400, seed: 7 },
    );
    expect(internal).toEqual([]);
  });

  it("random values sent to every procedure, signed in as an admin and signed out", async () => {
    const internal: string[] = [];
    const adminCaller = createCaller(await ctxFor(admin)) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    const anonCaller = createCaller(await ctxFor(null)) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), hostileValue, fc.boolean(), async (path, input, asAdmin) => {
        const [ns, name] = path.split(".") as [string, string];
        // Sign-out style procedures would end the shared session; they take no input anyway.
        if (/signOut|signOutEverywhere/.test(name)) return;
        const fn = (asAdmin ? adminCaller : anonCaller)[ns]?.[name];
        try {
          await fn?.(input);
        } catch (err) {
          const cause = (err as { cause?: unknown }).cause;
          const code = cause instanceof AppError ? cause.code : (err as { code?: string }).code;
          if (code === "INTERNAL_SERVER_ERROR" || code === undefined) {
            internal.push(`${path} <- ${JSON.stringify(input)?.slice(0, 200)}: ${(err as Error).message}`);
          }
        }
      }),
      { numRuns: 600, seed: 20261123 },
    );
    expect(internal).toEqual([]);
  });
});
