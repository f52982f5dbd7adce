/**
 * The demo a newcomer starts with: every mentor has bookable hours, each has a mentee with two completed sessions
 * and two upcoming ones placed from the seed clock, a matched mentee finds free times on the booking page without
 * any setup, and seeding again adds nothing.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches } from "../db/schema/matching";
import { mentorAvailability, sessions } from "../db/schema/scheduling";
import { users } from "../db/schema/users";
import { demoPairs, meetingTimes } from "../db/seed/demo-schedule";
import { demoAccounts, demoPassword, seedDemo } from "../db/seed/seed";
import { hashPassword } from "./auth/password";
import { createTestClock } from "./clock";
import { startTestApp, type TestApp } from "./test-support/test-app";

// A Monday afternoon in UTC.
const SEEDED_AT = "2026-12-07T15:00:00Z";
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock(SEEDED_AT) });
  await seedDemo(t.handle.db, { clock: t.clock, hashPassword });
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(email: string) {
  const client = t.client();
  await client.auth.signIn.mutate({ email, password: demoPassword });
  return client;
}

describe("the demo seed", () => {
  it("gives every demo mentor weekly bookable hours", async () => {
    const rows = await t.handle.db
      .select({ email: users.email, weekly: mentorAvailability.weekly })
      .from(mentorAvailability)
      .innerJoin(users, eq(users.id, mentorAvailability.userId));
    const mentors = rows.filter((r) => r.email.endsWith(".mentor@demo.mentoring.local"));
    expect(mentors).toHaveLength(6);
    for (const m of mentors) expect(m.weekly.length, m.email).toBeGreaterThan(0);
  });

  it("matches each mentor with one mentee, with two completed sessions before the seed time and two confirmed after it", async () => {
    const now = new Date(SEEDED_AT).getTime();
    const live = await t.handle.db.select({ id: matches.id, mentorId: matches.mentorId }).from(matches).where(eq(matches.status, "active"));
    expect(live).toHaveLength(6);
    expect(new Set(live.map((m) => m.mentorId)).size).toBe(6);
    for (const m of live) {
      const rows = await t.handle.db
        .select({ start: sessions.start, status: sessions.status })
        .from(sessions)
        .where(eq(sessions.matchId, m.id));
      const past = rows.filter((r) => r.start.getTime() < now);
      const upcoming = rows.filter((r) => r.start.getTime() > now);
      expect(past.map((r) => r.status)).toEqual(["completed", "completed"]);
      expect(upcoming.map((r) => r.status)).toEqual(["confirmed", "confirmed"]);
    }
  });

  it("places a pair's sessions at its meeting time in the mentor's zone, a week apart", async () => {
    // Amara (Africa/Lagos, UTC+1) meets Omar on Mondays at 17:00; the seed time is Monday 15:00 UTC, so the first
    // upcoming session is a week ahead (at least a day's notice), and the latest past one is today a week ago.
    const times = meetingTimes(new Date(SEEDED_AT), "Africa/Lagos", 1, "17:00");
    expect(times.past.map((d) => d.toISOString())).toEqual(["2026-11-23T16:00:00.000Z", "2026-11-30T16:00:00.000Z"]);
    expect(times.upcoming.map((d) => d.toISOString())).toEqual(["2026-12-14T16:00:00.000Z", "2026-12-21T16:00:00.000Z"]);
    // Across a DST change the wall time holds: 09:00 in New York is 14:00 UTC in winter, 13:00 in summer.
    const spring = meetingTimes(new Date("2027-03-08T12:00:00Z"), "America/New_York", 1, "09:00");
    expect(spring.past.map((d) => d.toISOString())).toEqual(["2027-02-22T14:00:00.000Z", "2027-03-01T14:00:00.000Z"]);
    expect(spring.upcoming.map((d) => d.toISOString())).toEqual(["2027-03-15T13:00:00.000Z", "2027-03-22T13:00:00.000Z"]);
  });

  it("a seeded mentee signs in and finds free times with their mentor, and sees their next session", async () => {
    const omar = await signedIn("omar.mentee@demo.mentoring.local");
    const [match] = await omar.scheduling.myMatches.query();
    expect(match?.partner.name).toBe("Amara Okafor");
    const from = new Date(SEEDED_AT);
    const page = await omar.scheduling.slots.query({
      matchId: match?.matchId ?? "",
      from: from.toISOString(),
      to: new Date(from.getTime() + 14 * 86_400_000).toISOString(),
    });
    expect(page.slots.length).toBeGreaterThan(0);
    expect(page.whyNone).toEqual([]);
  });

  it("the first demo mentee, matched with the first demo mentor by request, finds free times at once", async () => {
    const { mentor, mentee } = demoAccounts;
    const grace = await signedIn(mentee);
    const amara = await signedIn(mentor);
    const program = (await grace.program.list.query()).find((p) => p.name === "Women in Tech 2027");
    const amaraMe = await amara.auth.me.query();
    const request = await grace.request.create.mutate({ programId: program?.id ?? "", mentorId: amaraMe?.id ?? "", message: "Hello" });
    const { matchId } = await amara.request.accept.mutate({ requestId: request.id });
    const from = new Date(SEEDED_AT);
    const page = await grace.scheduling.slots.query({
      matchId: matchId ?? "",
      from: from.toISOString(),
      to: new Date(from.getTime() + 7 * 86_400_000).toISOString(),
    });
    expect(page.slots.length).toBeGreaterThan(0);
  });

  it("tells a signed-in newcomer the demo invite code, until a coordinator regenerates it", async () => {
    const newcomer = t.client();
    await newcomer.auth.signUp.mutate({ email: "newcomer@example.org", password: "a long unusual passphrase 42", name: "New Comer" });
    expect(await newcomer.program.demoInvite.query()).toEqual({ programName: "Women in Tech 2027", code: "DEMO-2027" });
    // The code they read works on the join page as printed.
    const preview = await newcomer.program.joinPreview.query({ code: "DEMO-2027" });
    expect(preview.name).toBe("Women in Tech 2027");

    const coordinator = await signedIn(demoAccounts.coordinator);
    await coordinator.program.regenerateInvite.mutate({ programId: preview.id, kind: "code" });
    expect(await newcomer.program.demoInvite.query()).toBeNull();
  });

  it("seeding again adds no account, match or session", async () => {
    const before = await t.handle.db.select({ id: sessions.id }).from(sessions);
    const { created } = await seedDemo(t.handle.db, { clock: t.clock, hashPassword });
    expect(created).toBe(0);
    expect(await t.handle.db.select({ id: sessions.id }).from(sessions)).toHaveLength(before.length);
    const omar = demoPairs.find((p) => p.mentor === demoAccounts.mentor)?.mentee ?? "";
    const [omarRow] = await t.handle.db.select({ id: users.id }).from(users).where(eq(users.email, omar));
    expect(
      await t.handle.db
        .select({ id: matches.id })
        .from(matches)
        .where(and(eq(matches.menteeId, omarRow?.id ?? ""))),
    ).toHaveLength(1);
  });
});
