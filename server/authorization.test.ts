/**
 * The authorization walk: every procedure of the router, called as each actor of the quality bar.
 * A procedure without an entry below fails the first test, so every new procedure must state who may call it.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../db/schema/notifications";
import { users } from "../db/schema/users";
import { createSession } from "./auth/session";
import { AppError } from "./errors";
import { appRouter } from "./router";
import {
  type Actor,
  actors,
  adminOnly,
  all,
  type Entry,
  type Fixtures,
  type Outcome,
  programAMembers,
  programAStaff,
  signedIn,
} from "./test-support/authz";
import { calendarSyncAuthz } from "./test-support/authz-matrices/calendar-sync.authz";
import { cohortAuthz } from "./test-support/authz-matrices/cohort.authz";
import { matchAuthz } from "./test-support/authz-matrices/match.authz";
import { nextStepAuthz } from "./test-support/authz-matrices/next-step.authz";
import { officeHoursAuthz } from "./test-support/authz-matrices/office-hours.authz";
import { onboardingAuthz } from "./test-support/authz-matrices/onboarding.authz";
import { programAuthz } from "./test-support/authz-matrices/program.authz";
import { programSessionsAuthz } from "./test-support/authz-matrices/program-sessions.authz";
import { requestAuthz } from "./test-support/authz-matrices/request.authz";
import { schedulingAuthz } from "./test-support/authz-matrices/scheduling.authz";
import { sessionLinkAuthz } from "./test-support/authz-matrices/session-link.authz";
import { sessionRecordAuthz } from "./test-support/authz-matrices/session-record.authz";
import { enrol, makeProgram, makeUser, sessionUser, TEST_PASSWORD } from "./test-support/factories";
import { startTestApp, type TestApp } from "./test-support/test-app";
import { type Context, createCallerFactory } from "./trpc";

const common = { name: "Walk Tester", bio: "", timezone: "Europe/Berlin", phone: "", languages: ["english"] };
const mentor = { headline: "Engineer", expertise: ["TypeScript"], yearsExperience: 5, mentoringStyles: ["technical"], defaultCapacity: 2 };
const mentee = { background: "", interests: ["design"], level: "student", goals: [] };

const expectations: Record<string, Entry> = {
  ...programAuthz,
  ...onboardingAuthz,
  ...requestAuthz,
  ...matchAuthz,
  ...cohortAuthz,
  ...schedulingAuthz,
  ...sessionRecordAuthz,
  ...sessionLinkAuthz,
  ...officeHoursAuthz,
  ...calendarSyncAuthz,
  ...programSessionsAuthz,
  ...nextStepAuthz,
  "auth.me": { expect: all("ok") },
  "auth.providers": { expect: all("ok") },
  "auth.signUp": {
    input: () => ({ name: "New Person", email: `new-${randomUUID().slice(0, 8)}@example.test`, password: "walk the whole router 1" }),
    expect: all("ok"),
  },
  "auth.signIn": {
    input: async (f) => ({ email: (await f.freshUser()).email, password: TEST_PASSWORD }),
    expect: all("ok"),
  },
  "auth.signOut": { expect: signedIn() },
  "auth.signOutEverywhere": { expect: signedIn() },
  // Every actor here is verified already, so a signed-in caller reaches the rule "already verified".
  "auth.resendVerification": { expect: signedIn("CONFLICT") },
  "auth.verifyEmail": { input: () => ({ token: "not-a-real-token-000" }), expect: all("VALIDATION") },
  "auth.requestPasswordReset": { input: () => ({ email: `someone-${randomUUID().slice(0, 8)}@example.test` }), expect: all("ok") },
  "auth.resetPassword": { input: () => ({ token: "not-a-real-token-000", password: "a brand new phrase 5" }), expect: all("VALIDATION") },
  "auth.changePassword": { input: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }), expect: signedIn() },

  "profile.mine": { expect: signedIn() },
  "profile.get": {
    input: (f) => ({ userId: f.users.mentee.id }),
    // Self, someone in the same program, and platform admins; other programs' people do not see it.
    expect: programAMembers,
  },
  "profile.updateCommon": { input: () => common, expect: signedIn() },
  "profile.setTimeZone": { input: () => ({ timezone: "Europe/Berlin" }), expect: signedIn() },
  "profile.updateMentor": { input: () => mentor, expect: signedIn() },
  "profile.updateMentee": { input: () => mentee, expect: signedIn() },
  "profile.completeWizard": { input: () => ({ common, mentor, mentee }), expect: signedIn() },
  // The walk's profile saves leave no phone number, so every signed-in caller reaches "add your phone first".
  "profile.requestPhoneCode": { expect: signedIn("VALIDATION") },
  "profile.verifyPhone": { input: () => ({ code: "123456" }), expect: signedIn("VALIDATION") },

  "notification.list": { input: () => ({}), expect: signedIn() },
  "notification.unreadCount": { expect: signedIn() },
  // Ownership is in the WHERE clause: someone else's id is accepted but changes nothing (asserted below).
  "notification.markRead": { input: (f) => ({ id: f.menteeNotificationId }), expect: signedIn() },
  "notification.markAllRead": { expect: signedIn() },
  "notification.preferences": { expect: signedIn() },
  "notification.setPreference": { input: () => ({ type: "program.enrolled", channel: "email", enabled: true }), expect: signedIn() },
  "notification.setQuietHours": { input: () => ({ start: "21:00", end: "07:30" }), expect: signedIn() },
  // The unsubscribe link works without signing in; a forged token is refused the same way for everyone.
  "notification.unsubscribe": { input: () => ({ token: "forged.token-value" }), expect: all("VALIDATION") },

  // Platform templates are for platform admins; a program's templates for its coordinators (program A's
  // coordinator may, the other program's coordinator is refused).

  "template.list": { input: (f) => ({ scope: f.programA }), expect: programAStaff },
  "template.save": {
    input: (f) => ({ scope: f.programA, type: "program.enrolled", channel: "email", subject: "Hi {{programName}}", body: "Welcome" }),
    expect: programAStaff,
  },
  "template.reset": { input: (f) => ({ scope: f.programA, type: "program.enrolled", channel: "email" }), expect: programAStaff },
  "template.preview": {
    input: () => ({ scope: "platform", type: "reminder.event", channel: "sms", body: "Soon: {{eventTitle}}" }),
    expect: adminOnly,
  },
  "template.sendTest": {
    input: () => ({ scope: "platform", type: "reminder.event", channel: "email", subject: "Test", body: "Soon: {{eventTitle}}" }),
    expect: adminOnly,
  },

  "integrations.status": { expect: adminOnly },
  "integrations.sendTest": { input: () => ({ channel: "email" }), expect: adminOnly },

  "admin.users": { input: () => ({}), expect: adminOnly },
  "admin.setUserStatus": { input: async (f) => ({ userId: (await f.freshUser()).id, status: "suspended" }), expect: adminOnly },
  "admin.setPlatformAdmin": { input: async (f) => ({ userId: (await f.freshUser()).id, isPlatformAdmin: false }), expect: adminOnly },
  "admin.overview": { expect: adminOnly },
  "admin.deliveries": { input: () => ({ status: "dead" }), expect: adminOnly },
  // Nothing to retry under a made-up id: the admin reaches the rule, everyone else is refused first.
  "admin.retryDelivery": { input: () => ({ id: randomUUID() }), expect: { ...all("denied"), admin: "CONFLICT" } },

  // Anyone signed in reads their own captured messages (a newcomer's verification mail); admins read all.
  "devMailbox.list": { input: () => ({}), expect: signedIn() },
};

let t: TestApp;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.db;
  const programA = (await makeProgram(db, { name: "Program A" })).id;
  const programB = (await makeProgram(db, { name: "Program B" })).id;
  const mk = async (role: string) =>
    sessionUser(await makeUser(db, { email: `${role}-${randomUUID().slice(0, 6)}@example.test`, admin: role === "admin" }));
  const u = {
    mentee: await mk("mentee"),
    mentor: await mk("mentor"),
    coordinator: await mk("coordinator"),
    otherMentee: await mk("other-mentee"),
    otherCoordinator: await mk("other-coordinator"),
    admin: await mk("admin"),
  };
  const membershipInA = (await enrol(db, programA, u.mentee.id, "mentee")).id;
  const mentorMembershipInA = (await enrol(db, programA, u.mentor.id, "mentor")).id;
  await enrol(db, programA, u.coordinator.id, "coordinator");
  await enrol(db, programB, u.otherMentee.id, "mentee");
  await enrol(db, programB, u.otherCoordinator.id, "coordinator");
  const [n] = await db
    .insert(notifications)
    .values({ userId: u.mentee.id, type: "test", title: "For the mentee only" })
    .returning({ id: notifications.id });
  f = {
    programA,
    programB,
    users: u,
    menteeNotificationId: n?.id ?? "",
    membershipInA,
    mentorMembershipInA,
    deps: t.deps,
    freshUser: async () => makeUser(db, { email: `fresh-${randomUUID().slice(0, 8)}@example.test` }),
  };
});
afterAll(async () => {
  await t?.close();
});

const createCaller = createCallerFactory(appRouter);

async function contextFor(actor: Actor): Promise<Context> {
  const user = actor === "anonymous" ? null : f.users[actor];
  const sessionId = user ? (await createSession(t.deps.db, t.clock, user.id)).id : null;
  return {
    ...t.deps,
    request: { ip: `10.9.${actors.indexOf(actor)}.${Math.floor(Math.random() * 250)}`, userAgent: "authorization-walk" },
    user,
    sessionId,
    setCookie: () => {},
  };
}

function procedurePaths(): string[] {
  return Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();
}

async function call(actor: Actor, path: string): Promise<Outcome | string> {
  const entry = expectations[path];
  if (!entry) throw new Error(`no expectation for ${path}`);
  const caller = createCaller(await contextFor(actor)) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [ns, name] = path.split(".") as [string, string];
  const fn = caller[ns]?.[name];
  if (!fn) throw new Error(`procedure ${path} not found on the caller`);
  try {
    await fn(entry.input ? await entry.input(f, actor) : undefined);
    return "ok";
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    const code = cause instanceof AppError ? cause.code : (err as { code?: string }).code;
    if (code === "UNAUTHENTICATED" || code === "FORBIDDEN" || code === "NOT_FOUND" || code === "UNAUTHORIZED") return "denied";
    if (code === "VALIDATION" || code === "CONFLICT") return code;
    return `unexpected ${code}: ${(err as Error).message}`;
  }
}

describe("authorization walk over the whole router", () => {
  it("every procedure has an expectation entry, and no entry names a missing procedure", () => {
    expect(procedurePaths()).toEqual(Object.keys(expectations).sort());
  });

  // One test per router namespace: each gets its own time budget, and a failure names the namespace.
  const namespaces = [...new Set(procedurePaths().map((p) => p.split(".")[0]!))];
  it.each(namespaces)("every %s procedure answers each actor as expected", async (ns) => {
    const mismatches: string[] = [];
    for (const path of procedurePaths().filter((p) => p.startsWith(`${ns}.`))) {
      for (const actor of actors) {
        const expected = expectations[path]?.expect[actor];
        const got = await call(actor, path);
        if (got !== expected) mismatches.push(`${path} as ${actor}: expected ${expected}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("marking someone else's notification as read leaves it unread", async () => {
    const [n] = await t.deps.db
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.id, f.menteeNotificationId));
    // The mentee's own call in the walk may have read it; reset and try as the mentor only.
    await t.deps.db.update(notifications).set({ readAt: null }).where(eq(notifications.id, f.menteeNotificationId));
    expect(n).toBeDefined();
    const caller = createCaller(await contextFor("mentor"));
    await caller.notification.markRead({ id: f.menteeNotificationId });
    const [after] = await t.deps.db
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.id, f.menteeNotificationId));
    expect(after?.readAt).toBeNull();
  });

  it("another person's phone number and email never leave through a profile read", async () => {
    await t.deps.db.update(users).set({ phone: "+14155550123" }).where(eq(users.id, f.users.mentee.id));
    const asMentor = await createCaller(await contextFor("mentor")).profile.get({ userId: f.users.mentee.id });
    expect(asMentor.phone).toBeNull();
    expect(asMentor.email).toBeNull();
    const asSelf = await createCaller(await contextFor("mentee")).profile.get({ userId: f.users.mentee.id });
    expect(asSelf.phone).toBe("+14155550123");
  });
});
