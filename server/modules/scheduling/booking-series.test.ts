/**
 * Recurring series: occurrences keep the mentor's wall-clock time across DST, monthly keeps the day of the month,
 * conflicts are reported with their rule while the rest is booked, all in one transaction.
 * The clock is fixed at Monday 2 March 2026, 08:00 UTC; New York moves to summer time on Sunday 8 March 2026.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessionSeries, sessions } from "../../../db/schema/scheduling";
import { type SchedulingTestData, useSchedulingApp } from "../../test-support/scheduling-test-data";
import { errorOf, type TestApp } from "../../test-support/test-app";
import { seriesStarts } from "./booking-series.service";

const MONDAY = "2026-03-02T08:00:00Z";
/** Thursday 5 March, 10:00 in New York (EST, UTC-5). */
const THURSDAY_10_NY = "2026-03-05T15:00:00.000Z";

let t: TestApp;
let data: SchedulingTestData;
useSchedulingApp(MONDAY, (app) => ({ t, data } = app));

async function pair(opts: { bookingConfirmation?: "instant" | "mentor_confirms"; overrides?: { date: string; kind: "blocked" }[] } = {}) {
  const p = await data.program({ bookingConfirmation: opts.bookingConfirmation ?? "instant" });
  const mentor = await data.mentor(p.id, {
    name: "Mo Mentor",
    timezone: "America/New_York",
    rules: { weekly: [{ weekday: 4, start: "08:00", end: "18:00" }], overrides: opts.overrides ?? [] },
  });
  const mentee = await data.mentee(p.id, { name: "Lea Mentee", timezone: "Europe/London" });
  const matchId = await data.match(p.id, mentor.id, mentee.id);
  return { p, mentor, mentee, matchId, mentorClient: await data.clientFor(mentor.id), menteeClient: await data.clientFor(mentee.id) };
}

describe("series start times", () => {
  it("a weekly series keeps 10:00 in New York across the March change, so its UTC time moves by an hour", () => {
    const occurrences = seriesStarts(new Date(THURSDAY_10_NY), "weekly", 3, "America/New_York");
    expect(occurrences.map((o) => o.start.toISOString())).toEqual([THURSDAY_10_NY, "2026-03-12T14:00:00.000Z", "2026-03-19T14:00:00.000Z"]);
    // Nothing moved off the asked day or clock time, so there is nothing to explain.
    expect(occurrences.map((o) => o.note)).toEqual(["", "", ""]);
  });

  it("a fortnightly series keeps 10:00 in New York across the November change", () => {
    const starts = seriesStarts(new Date("2026-10-22T14:00:00Z"), "fortnightly", 3, "America/New_York").map((o) => o.start.toISOString());
    expect(starts).toEqual(["2026-10-22T14:00:00.000Z", "2026-11-05T15:00:00.000Z", "2026-11-19T15:00:00.000Z"]);
  });

  it("a monthly series on the 31st takes the last day of shorter months and says so, then returns to the 31st", () => {
    const occurrences = seriesStarts(new Date("2027-01-31T15:00:00Z"), "monthly", 3, "America/New_York");
    expect(occurrences.map((o) => o.start.toISOString())).toEqual([
      "2027-01-31T15:00:00.000Z",
      "2027-02-28T15:00:00.000Z",
      "2027-03-31T14:00:00.000Z",
    ]);
    expect(occurrences.map((o) => o.note)).toEqual(["", "February has no 31st, so the session is on its last day.", ""]);
  });

  it("a time the spring-forward gap skips moves forward by the gap and says so", () => {
    // 02:30 on Sunday 1 March (EST) is 07:30 UTC; on 8 March 02:30 does not exist in New York.
    const [, second] = seriesStarts(new Date("2026-03-01T07:30:00Z"), "weekly", 2, "America/New_York");
    expect(second!.start.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(second!.note).toContain("starts at 03:30");
  });
});

describe("booking a series", () => {
  it("books a weekly series across the DST change at 10:00 New York time each week, as one series", async () => {
    const w = await pair();
    const result = await w.menteeClient.scheduling.bookSeries.mutate({
      matchId: w.matchId,
      start: THURSDAY_10_NY,
      frequency: "weekly",
      occurrences: 3,
    });
    expect(result.status).toBe("confirmed");
    expect(result.conflicts).toEqual([]);
    expect(result.booked.map((b) => b.start)).toEqual([THURSDAY_10_NY, "2026-03-12T14:00:00.000Z", "2026-03-19T14:00:00.000Z"]);
    // The mentor reads 10:00 every week; the mentee in London reads 15:00, then 14:00 while only New York has changed.
    const mentorView = await w.mentorClient.scheduling.previewSeries.query({
      matchId: w.matchId,
      start: "2026-03-26T14:00:00Z",
      frequency: "weekly",
      occurrences: 2,
    });
    expect(mentorView.occurrences.map((o) => o.viewerLocal)).toEqual(["Thu 26 Mar, 10:00-11:00", "Thu 2 Apr, 10:00-11:00"]);
    expect(result.booked.map((b) => b.viewerLocal)).toEqual([
      "Thu 5 Mar, 15:00-16:00",
      "Thu 12 Mar, 14:00-15:00",
      "Thu 19 Mar, 14:00-15:00",
    ]);

    const rows = await t.deps.db.select({ seriesId: sessions.seriesId }).from(sessions).where(eq(sessions.matchId, w.matchId));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.seriesId))).toEqual(new Set([result.seriesId]));
    const [series] = await t.deps.db.select().from(sessionSeries).where(eq(sessionSeries.id, result.seriesId));
    expect(series).toMatchObject({ matchId: w.matchId, frequency: "weekly", occurrences: 3 });
  });

  it("reports a blocked occurrence with its rule in the preview and when booking, and books the others", async () => {
    const w = await pair({ overrides: [{ date: "2026-03-12", kind: "blocked" }] });
    const input = { matchId: w.matchId, start: THURSDAY_10_NY, frequency: "weekly" as const, occurrences: 3 };
    const preview = await w.menteeClient.scheduling.previewSeries.query(input);
    expect(preview.occurrences.map((o) => o.conflict?.rule ?? "ok")).toEqual(["ok", "blocked-by-override", "ok"]);

    const result = await w.menteeClient.scheduling.bookSeries.mutate(input);
    expect(result.booked.map((b) => b.start)).toEqual([THURSDAY_10_NY, "2026-03-19T14:00:00.000Z"]);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ start: "2026-03-12T14:00:00.000Z", rule: "blocked-by-override" });
    expect(result.conflicts[0]!.message).toContain("12 March");
  });

  it("an occurrence overlapping a session already booked is a busy-session conflict", async () => {
    const w = await pair();
    await w.mentorClient.scheduling.book.mutate({ matchId: w.matchId, start: "2026-03-12T14:30:00Z" });
    const result = await w.menteeClient.scheduling.bookSeries.mutate({
      matchId: w.matchId,
      start: THURSDAY_10_NY,
      frequency: "weekly",
      occurrences: 2,
    });
    expect(result.booked).toHaveLength(1);
    expect(result.conflicts.map((c) => c.rule)).toEqual(["busy-session"]);
  });

  it("when no occurrence can be booked nothing is written and the answer is a CONFLICT naming the rule", async () => {
    const w = await pair();
    const err = await errorOf(
      w.menteeClient.scheduling.bookSeries.mutate({
        matchId: w.matchId,
        start: "2026-03-05T23:00:00Z",
        frequency: "weekly",
        occurrences: 2,
      }),
    );
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toContain("outside the mentor's availability");
    expect(await t.deps.db.select().from(sessionSeries).where(eq(sessionSeries.matchId, w.matchId))).toEqual([]);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.matchId, w.matchId))).toEqual([]);
  });

  it("a mentee's series waits for the mentor when the program says so", async () => {
    const w = await pair({ bookingConfirmation: "mentor_confirms" });
    const result = await w.menteeClient.scheduling.bookSeries.mutate({
      matchId: w.matchId,
      start: THURSDAY_10_NY,
      frequency: "fortnightly",
      occurrences: 2,
    });
    expect(result.status).toBe("requested");
    expect(result.booked.map((b) => b.start)).toEqual([THURSDAY_10_NY, "2026-03-19T14:00:00.000Z"]);
    const pending = await w.mentorClient.scheduling.pending.query({ matchId: w.matchId });
    expect(pending.requested).toHaveLength(2);
  });

  it("two series for the same times at once: one is booked, the other finds every time taken", async () => {
    const w = await pair();
    const input = { matchId: w.matchId, start: THURSDAY_10_NY, frequency: "weekly" as const, occurrences: 3 };
    const outcomes = await Promise.allSettled([
      w.menteeClient.scheduling.bookSeries.mutate(input),
      w.mentorClient.scheduling.bookSeries.mutate(input),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected");
    expect(refused).toBeDefined();
    expect((await errorOf(Promise.reject((refused as PromiseRejectedResult).reason))).appCode).toBe("CONFLICT");
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.matchId, w.matchId))).toHaveLength(3);
  });

  it("people outside the match are told it does not exist, and a series has at most 12 sessions", async () => {
    const w = await pair();
    const input = { matchId: w.matchId, start: THURSDAY_10_NY, frequency: "weekly" as const, occurrences: 2 };
    const outsider = await data.clientFor((await data.mentee(w.p.id, { name: "Other Mentee" })).id);
    expect((await errorOf(outsider.scheduling.bookSeries.mutate(input))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(outsider.scheduling.previewSeries.query(input))).appCode).toBe("NOT_FOUND");
    const tooMany = await errorOf(w.menteeClient.scheduling.bookSeries.mutate({ ...input, occurrences: 13 }));
    expect(tooMany.appCode).toBe("VALIDATION");
    expect(Object.keys(tooMany.fieldErrors)).toEqual(["occurrences"]);
  });
});
