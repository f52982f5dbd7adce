/**
 * Test data for the scheduling tests: a program with settings, a mentor with booking rules, a mentee with intake
 * windows, their match (through createMatch) and signed-in clients. Only imported by tests.
 */
import { eq } from "drizzle-orm";
import { programIntakes, programMemberships, programs } from "../../../db/schema/programs";
import { mentorAvailability } from "../../../db/schema/scheduling";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { jarOf, type TestApp } from "../../test-support/test-app";
import { createMatch } from "../match/match-core.service";
import type { WeeklyWindow } from "../matching/availability";
import { notifyDepsOf } from "../notification/outbox.service";
import { type AvailabilityRules, openRules } from "./availability-rules";

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

  return { program, mentor, mentee, match, clientFor };
}
