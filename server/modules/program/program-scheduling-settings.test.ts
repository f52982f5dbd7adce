/**
 * A program's scheduling settings (time zone, blackout dates, how bookings are confirmed, cancellation notice,
 * no-show threshold) through the real app: saved and read back, refused on the field that is wrong, copied by
 * duplicate, and obeyed by the slot engine. The clock is fixed at Monday 2 March 2026, 08:00 UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClock } from "../../clock";
import { enrol, makeUser } from "../../test-support/factories";
import { schedulingTestData } from "../../test-support/scheduling-test-data";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let data: ReturnType<typeof schedulingTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock("2026-03-02T08:00:00Z") });
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
});

async function coordinatedProgram() {
  const p = await data.program();
  const coordinator = await makeUser(t.deps.db, { name: "Cora Coordinator" });
  await enrol(t.deps.db, p.id, coordinator.id, "coordinator");
  return { p, coord: await data.clientFor(coordinator.id) };
}

const scheduling = {
  timezone: "Pacific/Auckland",
  blackoutDates: ["2026-12-25", "2026-03-04", "2026-12-26"],
  bookingConfirmation: "mentor_confirms" as const,
  cancelNoticeHours: 24,
  noShowThreshold: 3,
};

describe("program scheduling settings", () => {
  it("a coordinator saves the scheduling settings and every member reads them back, dates in order", async () => {
    const { p, coord } = await coordinatedProgram();
    const before = await coord.program.get.query({ programId: p.id });
    expect(before).toMatchObject({
      timezone: "UTC",
      blackoutDates: [],
      bookingConfirmation: "instant",
      cancelNoticeHours: 4,
      noShowThreshold: 2,
    });

    await coord.program.update.mutate({ programId: p.id, ...scheduling });

    const mentee = await data.mentee(p.id);
    const read = await (await data.clientFor(mentee.id)).program.get.query({ programId: p.id });
    expect(read).toMatchObject({ ...scheduling, blackoutDates: ["2026-03-04", "2026-12-25", "2026-12-26"] });
  });

  it("each wrong value is refused on its own field and nothing is saved", async () => {
    const { p, coord } = await coordinatedProgram();
    const refused = async (change: Record<string, unknown>) =>
      (await errorOf(coord.program.update.mutate({ programId: p.id, ...change }))).fieldErrors;

    expect(Object.keys(await refused({ timezone: "Mars/Olympus_Mons" }))).toEqual(["timezone"]);
    expect(Object.keys(await refused({ blackoutDates: ["2026-03-04", "4 March"] }))).toEqual(["blackoutDates.1"]);
    expect(Object.keys(await refused({ blackoutDates: ["2026-13-01"] }))).toEqual(["blackoutDates.0"]);
    expect(await refused({ blackoutDates: ["2026-03-04", "2026-03-04"] })).toEqual({
      blackoutDates: ["Each blackout date can be listed once."],
    });
    const tooMany = Array.from({ length: 201 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    expect(await refused({ blackoutDates: tooMany })).toEqual({ blackoutDates: ["Use at most 200 blackout dates."] });
    expect(Object.keys(await refused({ bookingConfirmation: "whenever" }))).toEqual(["bookingConfirmation"]);
    expect(await refused({ cancelNoticeHours: 169 })).toEqual({ cancelNoticeHours: ["Use 0 to 168."] });
    expect(await refused({ cancelNoticeHours: -1 })).toEqual({ cancelNoticeHours: ["Use 0 to 168."] });
    expect(await refused({ noShowThreshold: 0 })).toEqual({ noShowThreshold: ["Use 1 to 10."] });
    expect(await refused({ noShowThreshold: 11 })).toEqual({ noShowThreshold: ["Use 1 to 10."] });

    expect(await coord.program.get.query({ programId: p.id })).toMatchObject({
      timezone: "UTC",
      blackoutDates: [],
      bookingConfirmation: "instant",
      cancelNoticeHours: 4,
      noShowThreshold: 2,
    });
  });

  it("a duplicated program keeps the scheduling settings", async () => {
    const { p, coord } = await coordinatedProgram();
    await coord.program.update.mutate({ programId: p.id, ...scheduling });
    const admin = await data.clientFor((await makeUser(t.deps.db, { admin: true })).id);
    const { id } = await admin.program.duplicate.mutate({ programId: p.id, name: "Next year", slug: `next-${p.id.slice(0, 8)}` });
    expect(await admin.program.get.query({ programId: id })).toMatchObject({
      ...scheduling,
      blackoutDates: ["2026-03-04", "2026-12-25", "2026-12-26"],
    });
  });

  it("a blackout date takes that day, in the program's time zone, out of the pair's slots", async () => {
    const { p, coord } = await coordinatedProgram();
    // A UTC mentor free on Tuesdays 08:00-17:00; the mentee's intake does not restrict.
    const mentor = await data.mentor(p.id, { rules: { weekly: [{ weekday: 2, start: "08:00", end: "17:00" }] } });
    const mentee = await data.mentee(p.id);
    const matchId = await data.match(p.id, mentor.id, mentee.id);
    const menteeClient = await data.clientFor(mentee.id);
    const tuesday = { matchId, from: "2026-03-03T00:00:00Z", to: "2026-03-04T00:00:00Z" };
    const startsOf = async () => (await menteeClient.scheduling.slots.query(tuesday)).slots.map((s) => s.start.slice(11, 16));

    expect(await startsOf()).toHaveLength(17);

    await coord.program.update.mutate({ programId: p.id, blackoutDates: ["2026-03-03"] });
    const closed = await menteeClient.scheduling.slots.query(tuesday);
    expect(closed.slots).toEqual([]);
    expect(closed.whyNone.join(" ")).toMatch(/blackout/);

    // Auckland is UTC+13 in March: its Wednesday 4 March starts on Tuesday at 11:00 UTC.
    await coord.program.update.mutate({ programId: p.id, timezone: "Pacific/Auckland", blackoutDates: ["2026-03-04"] });
    expect(await startsOf()).toEqual(["08:00", "08:30", "09:00", "09:30", "10:00"]);
  });
});
