/** Quiet hours never push a reminder past its event, and the daily SMS cap counts a local calendar day. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { createTestClock } from "../../clock";
import { makeUser } from "../../test-support/factories";
import { startTestApp, type TestApp } from "../../test-support/test-app";
import { notify, notifyDepsOf } from "./outbox.service";
import { localDayBounds } from "./quiet-hours";
import { scheduleReminders } from "./reminder.service";

let t: TestApp;
const clock = createTestClock("2026-11-23T09:00:00Z");
beforeAll(async () => {
  t = await startTestApp({ SMS_DAILY_CAP: "3" }, { clock });
});
afterAll(async () => {
  await t?.close();
});

async function member(timezone: string) {
  const u = await makeUser(t.deps.db, { timezone });
  await t.deps.db
    .update(users)
    .set({ phone: `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`, phoneVerifiedAt: clock.now() })
    .where(eq(users.id, u.id));
  return u;
}

async function smsRows(userId: string) {
  return t.deps.db
    .select({ status: deliveries.status, dueAt: deliveries.dueAt, lastError: deliveries.lastError })
    .from(deliveries)
    .where(and(eq(deliveries.userId, userId), eq(deliveries.channel, "sms")));
}

describe("SMS rules", () => {
  it("a 1-hour reminder that quiet hours would deliver after a 07:00 event is not sent at all", async () => {
    const u = await member("UTC");
    await t.deps.db.transaction((tx) =>
      scheduleReminders(tx, notifyDepsOf(t.deps), {
        eventKey: "early:1",
        title: "Early session",
        startsAt: new Date("2026-11-25T07:00:00Z"),
        link: "/",
        recipients: [u.id],
      }),
    );
    const rows = await smsRows(u.id);
    // 24 h before (07:00 the day before) is deferred to 08:00 and still arrives in time; 1 h before (06:00, inside
    // 21:00-08:00) would arrive at 08:00 on the day, an hour after the start.
    expect(rows.find((r) => r.dueAt.toISOString() === "2026-11-24T08:00:00.000Z")?.status).toBe("pending");
    const late = rows.find((r) => r.status === "cancelled");
    expect(late?.lastError).toMatch(/past the event/);
  });

  it("the daily cap counts the recipient's calendar day, whatever order the texts were queued in", async () => {
    const u = await member("America/New_York");
    const send = (at: string) =>
      t.deps.db.transaction((tx) =>
        notify(tx, notifyDepsOf(t.deps), {
          type: "reminder.event",
          userId: u.id,
          data: { eventTitle: "x", eventStart: "y", timeUntil: "soon" },
          only: ["sms"],
          at: new Date(at),
        }),
      );
    // Three at 18:00 New York time, then one at noon the same day: the fourth is over the cap of 3.
    await send("2026-11-26T23:00:00Z");
    await send("2026-11-26T23:01:00Z");
    await send("2026-11-26T23:02:00Z");
    await send("2026-11-26T17:00:00Z");
    const rows = await smsRows(u.id);
    expect(rows.filter((r) => r.status === "pending")).toHaveLength(3);
    expect(rows.filter((r) => r.status === "cancelled").map((r) => r.lastError)).toEqual(["Daily SMS limit of 3 reached; not sent."]);
    // The next local day starts fresh.
    await send("2026-11-27T14:00:00Z");
    expect((await smsRows(u.id)).filter((r) => r.status === "pending")).toHaveLength(4);
  });

  it("a local day is 23 or 25 hours long on DST change days", () => {
    const spring = localDayBounds(new Date("2026-03-08T12:00:00Z"), "America/New_York");
    expect(spring.dayEnd.getTime() - spring.dayStart.getTime()).toBe(23 * 3600_000);
    const autumn = localDayBounds(new Date("2026-11-01T12:00:00Z"), "America/New_York");
    expect(autumn.dayEnd.getTime() - autumn.dayStart.getTime()).toBe(25 * 3600_000);
    expect(autumn.dayStart.toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });
});
