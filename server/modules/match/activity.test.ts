/**
 * The board's Activity reads as sentences for the viewer, in the viewer's time zone, with no codes or ISO times:
 * the seeded demo's log, then a session moved and cancelled through the API, read by the coordinator
 * (America/Chicago) and by the platform admin (Europe/London).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword, seedDemo } from "../../../db/seed/seed";
import { hashPassword } from "../../auth/password";
import { createTestClock } from "../../clock";
import { startTestApp, type TestApp } from "../../test-support/test-app";
import { type ActivityEntry, type ActivityTargets, activityLine, formatActivityTime } from "./activity-wording";

// A Monday afternoon in UTC; Amara (Africa/Lagos) meets Omar on Mondays at 17:00, the next time on 14 Dec at 16:00 UTC.
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

async function activity(email: string) {
  const c = await signedIn(email);
  const program = (await c.program.list.query()).find((p) => p.name === "Women in Tech 2027");
  const log = await c.match.audit.query({ programId: program?.id ?? "", page: 1, pageSize: 100 });
  return log.items;
}

describe("the board's activity as sentences", () => {
  it("words the seeded log for the coordinator, in her zone, naming herself as You", async () => {
    const items = await activity("coordinator@demo.mentoring.local");
    const sentences = items.map((i) => i.sentence);
    expect(sentences).toContain("You matched Omar with Amara");
    // 16:00 UTC is 10:00 in Chicago.
    expect(sentences).toContain("Omar booked a session with Amara on Mon 14 Dec, 10:00");
    expect(sentences).toContain("Amara marked the session with Omar on Mon 30 Nov, 10:00 as completed");
    for (const s of sentences) {
      expect(s).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(s).not.toMatch(/\b(session|match|request)\.[a-z_]+/);
    }
  });

  it("words a move and a cancellation for each viewer in their own zone, with the reason as a note", async () => {
    const omar = await signedIn("omar.mentee@demo.mentoring.local");
    const [match] = await omar.scheduling.myMatches.query();
    const mine = await omar.scheduling.mySessions.query({ from: SEEDED_AT, to: "2026-12-31T00:00:00Z" });
    const next = mine.find((s) => s.start.toISOString() === "2026-12-14T16:00:00.000Z");
    expect(next, "the seeded upcoming session").toBeDefined();
    const free = await omar.scheduling.slots.query({
      matchId: match?.matchId ?? "",
      from: "2026-12-15T00:00:00Z",
      to: "2026-12-29T00:00:00Z",
    });
    const to = free.slots[0];
    if (!to) throw new Error(`no free time: ${free.whyNone.join(" ")}`);
    await omar.scheduling.reschedule.mutate({ sessionId: next?.id ?? "", start: to.start, reason: "Exam week" });
    await omar.scheduling.cancel.mutate({ sessionId: next?.id ?? "", reason: "Travelling after all" });

    const chicago = (await activity("coordinator@demo.mentoring.local")).map((i) => i.sentence);
    expect(chicago).toContain(`Omar moved the session with Amara to ${formatActivityTime(new Date(to.start), "America/Chicago")}`);
    expect(chicago).toContain(`Omar cancelled the session with Amara on ${formatActivityTime(new Date(to.start), "America/Chicago")}`);
    const london = (await activity("admin@demo.mentoring.local")).map((i) => i.sentence);
    expect(london).toContain(`Omar moved the session with Amara to ${formatActivityTime(new Date(to.start), "Europe/London")}`);
    expect(london).toContain("Cora matched Omar with Amara");
  });
});

describe("the Activity filter", () => {
  it("offers kinds of change in words and keeps only that kind", async () => {
    const c = await signedIn("coordinator@demo.mentoring.local");
    const program = (await c.program.list.query()).find((p) => p.name === "Women in Tech 2027");
    const all = await c.match.audit.query({ programId: program?.id ?? "", page: 1, pageSize: 100 });
    const labels = all.kinds.map((k) => k.label);
    expect(labels).toEqual(expect.arrayContaining(["Matches", "Sessions"]));
    for (const label of labels) expect(label).not.toMatch(/[._]/);
    const sessions = all.kinds.find((k) => k.label === "Sessions");
    const only = await c.match.audit.query({ programId: program?.id ?? "", kind: sessions?.kind, page: 1, pageSize: 100 });
    expect(only.items.length).toBeGreaterThan(0);
    expect(only.items.length).toBeLessThan(all.items.length);
    for (const item of only.items) expect(item.action.startsWith("session.")).toBe(true);
  });

  it("names the field when the kind is not one from the list", async () => {
    const c = await signedIn("coordinator@demo.mentoring.local");
    const program = (await c.program.list.query()).find((p) => p.name === "Women in Tech 2027");
    await expect(c.match.audit.query({ programId: program?.id ?? "", kind: "session.book'; --", page: 1 })).rejects.toThrow(
      /Choose a kind of change from the list/,
    );
  });
});

describe("activity wording", () => {
  const targets: ActivityTargets = {
    viewerId: "cora",
    viewerZone: "Europe/Berlin",
    sessions: new Map([
      [
        "s1",
        {
          start: new Date("2026-12-08T11:30:00Z"),
          kind: "one_to_one" as const,
          title: "",
          hostName: "Amara Okafor",
          pair: { mentorId: "amara", mentorName: "Amara Okafor", menteeId: "grace", menteeName: "Grace Kim" },
        },
      ],
      [
        "g1",
        { start: new Date("2026-12-09T09:00:00Z"), kind: "group" as const, title: "CV reviews", hostName: "Amara Okafor", pair: null },
      ],
    ]),
    pairs: new Map([
      ["m1", { mentorId: "amara", mentorName: "Amara Okafor", menteeId: "grace", menteeName: "Grace Kim" }],
      ["r1", { mentorId: "amara", mentorName: "Amara Okafor", menteeId: "grace", menteeName: "Grace Kim" }],
    ]),
    members: new Map([["ms1", { userId: "grace", name: "Grace Kim", role: "mentee" }]]),
  };
  const line = (e: Partial<ActivityEntry>) =>
    activityLine({ action: "", actorId: null, actorName: null, targetType: null, targetId: null, detail: "", ...e }, targets);

  it("writes the issue's example in the viewer's zone", () => {
    expect(
      line({
        action: "session.reschedule",
        actorId: "amara",
        actorName: "Amara Okafor",
        targetType: "session",
        targetId: "s1",
        detail: "2026-12-07T11:30:00.000Z -> 2026-12-08T11:30:00.000Z",
      }),
    ).toEqual({ sentence: "Amara moved the session with Grace to Tue 8 Dec, 12:30", note: "" });
  });

  it("names both people when staff act on a pair, and the viewer as You", () => {
    expect(
      line({ action: "session.cancel", actorId: "cora", actorName: "Cora", targetType: "session", targetId: "s1", detail: "late" })
        .sentence,
    ).toBe("You cancelled Amara and Grace's session on Tue 8 Dec, 12:30 at short notice");
    expect(
      line({ action: "match.paused", actorId: "dan", actorName: "Dan Staff", targetType: "match", targetId: "m1", detail: "Travelling" }),
    ).toEqual({
      sentence: "Dan paused the match of Grace with Amara",
      note: "Travelling",
    });
  });

  it("words requests, office hours, memberships and cohort runs", () => {
    expect(
      line({ action: "request.created", actorId: "grace", actorName: "Grace Kim", targetType: "request", targetId: "r1", detail: "Hello" }),
    ).toEqual({
      sentence: "Grace asked Amara to be their mentor",
      note: "Hello",
    });
    expect(
      line({ action: "request.accepted", actorId: "amara", actorName: "Amara Okafor", targetType: "request", targetId: "r1" }).sentence,
    ).toBe("Amara accepted Grace's request");
    expect(line({ action: "request.expired", targetType: "request", targetId: "r1" }).sentence).toBe(
      "Grace's request to Amara expired unanswered",
    );
    expect(
      line({
        action: "office_hours.host",
        actorId: "amara",
        actorName: "Amara Okafor",
        targetType: "session",
        targetId: "g1",
        detail: "2026-12-09T09:00:00.000Z seats 2",
      }).sentence,
    ).toBe('Amara opened office hours "CV reviews" on Wed 9 Dec, 10:00 for 2 people');
    expect(
      line({
        action: "program.membership_approved",
        actorId: "cora",
        actorName: "Cora",
        targetType: "membership",
        targetId: "ms1",
        detail: "mentee: Welcome",
      }),
    ).toEqual({ sentence: "You approved Grace's request to join as a mentee", note: "Welcome" });
    expect(line({ action: "cohort.published", actorId: "cora", actorName: "Cora", detail: "6 matches" }).sentence).toBe(
      "You published a cohort matching run: 6 matches",
    );
    expect(
      line({ action: "match.created", actorId: "cora", actorName: "Cora", targetType: "match", targetId: "m1", detail: "Cohort matching" }),
    ).toEqual({
      sentence: "You matched Grace with Amara",
      note: "",
    });
  });

  it("never shows a code, even for an action it does not know", () => {
    expect(line({ action: "calendar.feed_created", actorId: "amara", actorName: "Amara Okafor" }).sentence).toBe("Amara: feed created");
  });

  it("keeps the wall time across a DST change and falls back to UTC for an unknown zone", () => {
    expect(formatActivityTime(new Date("2027-03-28T00:30:00Z"), "Europe/Berlin")).toBe("Sun 28 Mar, 01:30");
    expect(formatActivityTime(new Date("2027-03-28T01:30:00Z"), "Europe/Berlin")).toBe("Sun 28 Mar, 03:30");
    expect(formatActivityTime(new Date("2027-03-28T01:30:00Z"), "Not/AZone")).toBe("Sun 28 Mar, 01:30");
  });
});
