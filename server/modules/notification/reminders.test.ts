/**
 * Reminder schedules: which reminders an event gets and when, sending each at its time with the injected
 * clock and the real worker, moving and cancelling, program-specific offsets, and a DST change.
 * No provider is configured, so email and SMS land in the dev mailbox.
 */
import { eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";
import { notifyDepsOf } from "./outbox.service";
import { cancelReminders, moveReminders, type ReminderEvent, scheduleReminders } from "./reminder.service";

let t: TestApp;
const clock = createTestClock("2026-11-23T09:00:00Z");
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  clock.set("2026-11-23T09:00:00Z");
});

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, clock, userId));
  return client;
}

let admin: Awaited<ReturnType<typeof signedInAs>>;
beforeAll(async () => {
  admin = await signedInAs((await makeUser(t.deps.db, { admin: true })).id);
});

let phoneCounter = 0;
async function memberWithPhone(timezone = "UTC") {
  const u = await makeUser(t.deps.db, { name: "Rita Reminded", timezone });
  const phone = `+4477009${String(10000 + phoneCounter++)}`;
  await t.deps.db.update(users).set({ phone, phoneVerifiedAt: clock.now() }).where(eq(users.id, u.id));
  return { ...u, phone };
}

let eventCounter = 0;
function event(recipients: string[], startsAt: string, extra: Partial<ReminderEvent> = {}): ReminderEvent {
  return {
    eventKey: `session:${++eventCounter}`,
    title: "Session with Ana",
    startsAt: new Date(startsAt),
    link: `/sessions/${eventCounter}`,
    recipients,
    ...extra,
  };
}

const schedule = (e: ReminderEvent) => t.deps.db.transaction((tx) => scheduleReminders(tx, notifyDepsOf(t.deps), e));
const move = (e: ReminderEvent) => t.deps.db.transaction((tx) => moveReminders(tx, notifyDepsOf(t.deps), e));
const cancel = (e: ReminderEvent) => t.deps.db.transaction((tx) => cancelReminders(tx, notifyDepsOf(t.deps), e.eventKey));

function drain() {
  return createDeliveryWorker({
    db: t.deps.db,
    clock,
    mailer: t.deps.mailer,
    sms: t.deps.sms,
    publicUrl: t.deps.config.publicUrl,
    logger: silentLogger,
    realtime: t.deps.realtime,
    jitter: 0,
  }).drain();
}

/** The member's reminders as the delivery log shows them: [channel, due, status], in due order. */
async function plan(email: string) {
  const { items } = await admin.admin.deliveries.query({ person: email, pageSize: 100 });
  return items
    .map((d) => [d.channel, d.dueAt.toISOString(), d.status] as const)
    .sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
}

/** What reached the member, email subjects and SMS texts, oldest first. */
async function received(m: { email: string; phone: string }) {
  const list = async (to: string) => (await t.devMessagesTo(to)).reverse();
  return [...(await list(m.email)).map((x) => `email: ${x.subject}`), ...(await list(m.phone)).map((x) => `sms: ${x.text}`)];
}

function socketFor(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });
}

describe("the default reminder schedule", () => {
  it("an event three days ahead gets email 48 h, email and SMS 24 h, SMS 1 h and in-app 15 min before", async () => {
    const m = await memberWithPhone();
    expect(await schedule(event([m.id], "2026-11-26T15:00:00Z"))).toEqual({ scheduled: 4 });
    expect(await plan(m.email)).toEqual([
      ["email", "2026-11-24T15:00:00.000Z", "pending"],
      ["email", "2026-11-25T15:00:00.000Z", "pending"],
      ["sms", "2026-11-25T15:00:00.000Z", "pending"],
      ["sms", "2026-11-26T14:00:00.000Z", "pending"],
      ["in_app", "2026-11-26T14:45:00.000Z", "pending"],
    ]);
  });

  it("advancing the clock sends each reminder at its time and not a moment before; the 15-minute one appears live in the bell", async () => {
    const m = await memberWithPhone();
    const client = await signedInAs(m.id);
    const e = event([m.id], "2026-11-26T15:00:00Z");
    await schedule(e);
    const link = `${t.url}${e.link}`;
    const start = "Thu, 26 Nov 2026, 15:00 UTC";

    const steps: [string, string[]][] = [
      ["2026-11-24T15:00:00Z", ["email: Reminder: Session with Ana in 2 days"]],
      [
        "2026-11-25T15:00:00Z",
        ["email: Reminder: Session with Ana in 1 day", `sms: Reminder: Session with Ana starts in 1 day (${start}). ${link}`],
      ],
      ["2026-11-26T14:00:00Z", [`sms: Reminder: Session with Ana starts in 1 hour (${start}). ${link}`]],
    ];
    let expected: string[] = [];
    for (const [due, arriving] of steps) {
      clock.set(new Date(new Date(due).getTime() - 1000));
      await drain();
      expect((await received(m)).sort()).toEqual([...expected].sort());
      clock.set(due);
      await drain();
      expected = [...expected, ...arriving];
      expect((await received(m)).sort()).toEqual([...expected].sort());
    }

    clock.set("2026-11-26T14:44:59Z");
    await drain();
    expect((await client.notification.list.query({})).items).toEqual([]);
    const socket = await socketFor(jarOf(client).header());
    try {
      const live = new Promise<{ title: string; unread: number }>((resolve) => socket.once("notification:new", resolve));
      clock.set("2026-11-26T14:45:00Z");
      await drain();
      expect(await live).toMatchObject({ title: "Session with Ana starts in 15 minutes", unread: 1 });
      const items = (await client.notification.list.query({})).items;
      expect(items.map((n) => [n.title, n.body, n.link])).toEqual([["Session with Ana starts in 15 minutes", start, e.link]]);
    } finally {
      socket.close();
    }
    expect(await received(m)).toHaveLength(4);
  });
});

describe("moving and cancelling", () => {
  it("moving the event cancels the old reminders and schedules new ones; scheduling twice adds nothing, cancelling twice cancels nothing more", async () => {
    const m = await memberWithPhone();
    const e = event([m.id], "2026-11-26T15:00:00Z");
    expect(await schedule(e)).toEqual({ scheduled: 4 });
    expect(await schedule(e)).toEqual({ scheduled: 0 });
    expect(await plan(m.email)).toHaveLength(5);

    const moved = { ...e, startsAt: new Date("2026-11-27T10:00:00Z") };
    expect(await move(moved)).toEqual({ scheduled: 4 });
    const afterMove = await plan(m.email);
    expect(afterMove.filter(([, , status]) => status === "cancelled").map(([ch, due]) => [ch, due])).toEqual([
      ["email", "2026-11-24T15:00:00.000Z"],
      ["email", "2026-11-25T15:00:00.000Z"],
      ["sms", "2026-11-25T15:00:00.000Z"],
      ["sms", "2026-11-26T14:00:00.000Z"],
      ["in_app", "2026-11-26T14:45:00.000Z"],
    ]);
    expect(afterMove.filter(([, , status]) => status === "pending").map(([ch, due]) => [ch, due])).toEqual([
      ["email", "2026-11-25T10:00:00.000Z"],
      ["email", "2026-11-26T10:00:00.000Z"],
      ["sms", "2026-11-26T10:00:00.000Z"],
      ["sms", "2026-11-27T09:00:00.000Z"],
      ["in_app", "2026-11-27T09:45:00.000Z"],
    ]);
    const { items } = await admin.admin.deliveries.query({ person: m.email, status: "cancelled" });
    expect(new Set(items.map((d) => d.lastError))).toEqual(new Set(["The event was moved or cancelled."]));

    // Moving back to the first time works: the cancelled reminders do not block their own time slot.
    expect(await move(e)).toEqual({ scheduled: 4 });
    expect((await plan(m.email)).filter(([, , status]) => status === "pending")).toHaveLength(5);

    expect(await cancel(e)).toEqual({ cancelled: 5 });
    expect(await cancel(e)).toEqual({ cancelled: 0 });
    expect((await plan(m.email)).filter(([, , status]) => status !== "cancelled")).toEqual([]);
  });

  it("cancelling stops everything not yet sent; what was sent stays sent", async () => {
    const m = await memberWithPhone();
    const client = await signedInAs(m.id);
    const e = event([m.id], "2026-11-26T15:00:00Z");
    await schedule(e);
    clock.set("2026-11-24T15:00:00Z");
    await drain();
    expect(await received(m)).toEqual(["email: Reminder: Session with Ana in 2 days"]);

    expect(await cancel(e)).toEqual({ cancelled: 4 });
    expect((await plan(m.email)).map(([ch, , status]) => [ch, status])).toEqual([
      ["email", "sent"],
      ["email", "cancelled"],
      ["sms", "cancelled"],
      ["sms", "cancelled"],
      ["in_app", "cancelled"],
    ]);
    clock.set("2026-11-27T00:00:00Z");
    await drain();
    expect(await received(m)).toHaveLength(1);
    expect((await client.notification.list.query({})).items).toEqual([]);
  });
});

describe("program reminder offsets", () => {
  it("an event of a program uses that program's own reminder offsets", async () => {
    const m = await memberWithPhone();
    const program = await makeProgram(t.deps.db, { name: "Short Notice Program" });
    await t.deps.db
      .update(programs)
      .set({
        reminderOffsets: [
          { minutesBefore: 120, channels: ["email", "sms"] },
          { minutesBefore: 10, channels: ["in_app"] },
        ],
      })
      .where(eq(programs.id, program.id));
    expect(await schedule(event([m.id], "2026-11-25T18:00:00Z", { programId: program.id }))).toEqual({ scheduled: 2 });
    expect(await plan(m.email)).toEqual([
      ["email", "2026-11-25T16:00:00.000Z", "pending"],
      ["sms", "2026-11-25T16:00:00.000Z", "pending"],
      ["in_app", "2026-11-25T17:50:00.000Z", "pending"],
    ]);
    clock.set("2026-11-25T16:00:00Z");
    await drain();
    expect(await received(m)).toContain("email: Reminder: Session with Ana in 2 hours");
  });

  it("offsets already in the past are skipped", async () => {
    const m = await memberWithPhone();
    // Starts in 30 hours: the 48 h reminder would be in the past.
    expect(await schedule(event([m.id], "2026-11-24T15:00:00Z"))).toEqual({ scheduled: 3 });
    expect((await plan(m.email)).map(([ch, due]) => [ch, due])).toEqual([
      ["email", "2026-11-23T15:00:00.000Z"],
      ["sms", "2026-11-23T15:00:00.000Z"],
      ["sms", "2026-11-24T14:00:00.000Z"],
      ["in_app", "2026-11-24T14:45:00.000Z"],
    ]);
  });
});

describe("across a daylight-saving change", () => {
  it("offsets are absolute time: the 24 h reminder of a 09:00 New York event after the clocks go back is exactly 24 h before", async () => {
    clock.set("2026-10-30T12:00:00Z");
    const m = await memberWithPhone("America/New_York");
    const startsAt = new Date("2026-11-02T14:00:00Z"); // Mon 2 Nov 2026, 09:00 EST
    await schedule(event([m.id], startsAt.toISOString()));
    const rows = await plan(m.email);
    const aheadOf = (ch: string, due: string) =>
      startsAt.getTime() - new Date(rows.find((r) => r[0] === ch && r[1] === due)?.[1] ?? 0).getTime();

    expect(rows.map(([ch, due]) => [ch, due])).toEqual([
      ["email", "2026-10-31T14:00:00.000Z"], // 10:00 EDT on the local clock: 48 real hours, not "09:00 two days before"
      ["email", "2026-11-01T14:00:00.000Z"],
      ["sms", "2026-11-01T14:00:00.000Z"],
      ["sms", "2026-11-02T13:00:00.000Z"], // 08:00 EST, the end of quiet hours: not deferred
      ["in_app", "2026-11-02T13:45:00.000Z"],
    ]);
    expect(aheadOf("email", "2026-11-01T14:00:00.000Z")).toBe(24 * HOUR);
    expect(aheadOf("email", "2026-10-31T14:00:00.000Z")).toBe(48 * HOUR);

    clock.set("2026-11-01T14:00:00Z");
    await drain();
    const [sms] = await t.devMessagesTo(m.phone);
    // The member reads the start in their own zone, standard time now.
    expect(sms?.text).toContain("starts in 1 day (Mon, 2 Nov 2026, 09:00 GMT-5)");
  });
});
