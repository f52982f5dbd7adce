/**
 * Test data for the scheduling tests: a program with settings, a mentor with booking rules, a mentee with intake
 * windows, their match (through createMatch) and signed-in clients. Only imported by tests.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { notifications } from "../../db/schema/notifications";
import { programIntakes, programMemberships, programs } from "../../db/schema/programs";
import { mentorAvailability } from "../../db/schema/scheduling";
import { createTestClock } from "../clock";
import { createMatch } from "../modules/match/match-core.service";
import type { WeeklyWindow } from "../modules/matching/availability";
import { notifyDepsOf } from "../modules/notification/outbox.service";
import { type AvailabilityRules, openRules } from "../modules/scheduling/availability-rules";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "./factories";
import { jarOf, startTestApp, type TestApp } from "./test-app";

export type SchedulingTestData = ReturnType<typeof schedulingTestData>;

/**
 * The test app for a file's tests, on a clock fixed at `now`: started before them (handed to `started`, which
 * keeps it) and closed after them.
 */
export function useSchedulingApp(now: string, started: (app: { t: TestApp; data: SchedulingTestData }) => void) {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp({}, { clock: createTestClock(now) });
    started({ t: app, data: schedulingTestData(app) });
  });
  afterAll(async () => {
    await app?.close();
  });
}

export function schedulingTestData(t: TestApp) {
  const db = t.deps.db;

  async function program(settings: Partial<typeof programs.$inferInsert> = {}) {
    const p = await makeProgram(db);
    await db
      .update(programs)
      .set({ sessionMinutes: 60, ...settings })
      .where(eq(programs.id, p.id));
    return p;
  }

  async function mentor(programId: string, opts: { name?: string; timezone?: string; rules?: Partial<AvailabilityRules> } = {}) {
    const u = await makeUser(db, { name: opts.name ?? "Mentor", timezone: opts.timezone ?? "UTC" });
    await db.insert(programMemberships).values({ programId, userId: u.id, role: "mentor", readyAt: new Date() });
    const rules = { ...openRules, ...opts.rules };
    await db.insert(mentorAvailability).values({ userId: u.id, ...rules, weekly: [...rules.weekly], overrides: [...rules.overrides] });
    return u;
  }

  /** A mentee in the program; `windows` are the intake's weekly windows (empty: the intake did not restrict). */
  async function mentee(programId: string, opts: { name?: string; timezone?: string; windows?: WeeklyWindow[] } = {}) {
    const u = await makeUser(db, { name: opts.name ?? "Mentee", timezone: opts.timezone ?? "UTC" });
    const m = await enrol(db, programId, u.id, "mentee");
    await db.insert(programIntakes).values({ membershipId: m.id, availability: opts.windows ?? [] });
    return u;
  }

  async function match(programId: string, mentorId: string, menteeId: string) {
    const { matchId } = await db.transaction((tx) =>
      createMatch(tx, notifyDepsOf(t.deps), {
        programId,
        programName: "Scheduling",
        mentorId,
        menteeId,
        source: "manual",
        score: null,
        actorId: null,
        capacityOverrideReason: "Test pairs",
      }),
    );
    return matchId;
  }

  async function clientFor(userId: string) {
    const client = t.client();
    jarOf(client).cookies.set("session", await sessionTokenFor(db, t.clock, userId));
    return client;
  }

  /** The pair most scheduling tests use: Mia, a mentor in Berlin taking 08:00-18:00 on `weekdays` (Thursday unless told), and Ned, a mentee in New York. */
  async function berlinNewYorkPair(bookingConfirmation: "instant" | "mentor_confirms", weekdays: number[] = [4]) {
    const p = await program({ bookingConfirmation });
    const mentorUser = await mentor(p.id, {
      name: "Mia Mentor",
      timezone: "Europe/Berlin",
      rules: { weekly: weekdays.map((weekday) => ({ weekday, start: "08:00", end: "18:00" })) },
    });
    const menteeUser = await mentee(p.id, { name: "Ned Mentee", timezone: "America/New_York" });
    const matchId = await match(p.id, mentorUser.id, menteeUser.id);
    return {
      p,
      mentor: mentorUser,
      mentee: menteeUser,
      matchId,
      mentorClient: await clientFor(mentorUser.id),
      menteeClient: await clientFor(menteeUser.id),
    };
  }

  async function notificationsOf(userId: string, type: string) {
    return db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.type, type)));
  }

  return { program, mentor, mentee, match, clientFor, berlinNewYorkPair, notificationsOf };
}
