/**
 * The admin's view of deliveries: the filtered, paged log, retrying dead messages, hidden secrets, failure
 * counts live on the admin socket, and the integrations health page. Email goes to a real SMTP server.
 */
import { eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { type SmtpSink, startSmtpSink } from "../../../e2e/support/smtp-sink";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";
import { queueEmail } from "./outbox.service";

let sink: SmtpSink;
let t: TestApp;
const clock = createTestClock("2026-11-23T12:00:00Z");

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp(sink.env(), { clock });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});
beforeEach(() => {
  sink.recover();
});

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, clock, userId));
  return client;
}

let adminUser: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof signedInAs>>;
beforeAll(async () => {
  adminUser = await makeUser(t.deps.db, { admin: true, name: "Ada Admin" });
  admin = await signedInAs(adminUser.id);
});

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
    backoffMs: 1000,
  }).drain();
}

let mailCounter = 0;
/** One email to the member, queued like any notification's. */
async function queueMailTo(member: { id: string; email: string }, subject = "Your mentoring update") {
  const key = `log-test-${++mailCounter}`;
  await t.deps.db.transaction((tx) =>
    queueEmail(tx, { clock }, { userId: member.id, to: member.email, subject, text: "Hello.", idempotencyKey: key, type: "system.test" }),
  );
  const [row] = await t.deps.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.idempotencyKey, key));
  if (!row) throw new Error("not queued");
  return row.id;
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

describe("the delivery log", () => {
  it("filters by status, channel, type, person (name or email) and date range, and pages newest first", async () => {
    const priya = await makeUser(t.deps.db, { name: "Priya Patel", email: "priya.patel@example.test" });
    const quinn = await makeUser(t.deps.db, { name: "Quinn Quist", email: "q.quist@example.test" });
    const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000);
    const row = (
      u: { id: string; email: string },
      channel: "email" | "sms",
      type: string,
      status: "pending" | "sent" | "failed" | "dead" | "cancelled",
      createdAt: Date,
      i: number,
    ) => ({
      userId: u.id,
      channel,
      type,
      status,
      payload:
        channel === "email" ? { to: u.email, subject: `${type} #${i}`, text: "..." } : { to: "+4915112000000", body: `${type} #${i}` },
      idempotencyKey: `filter-${u.id}-${channel}-${i}-${status}`,
      // Due long after this file's clock: the worker in the other tests leaves these rows alone.
      dueAt: new Date("2030-01-01T00:00:00Z"),
      createdAt,
    });
    await t.deps.db
      .insert(deliveries)
      .values([
        ...Array.from({ length: 12 }, (_, i) => row(priya, "email", "program.enrolled", "sent", at("2026-06-01T10:00:00Z", i), i)),
        ...Array.from({ length: 3 }, (_, i) => row(priya, "sms", "reminder.event", "dead", at("2026-06-02T10:00:00Z", i), i)),
        ...Array.from({ length: 2 }, (_, i) => row(priya, "email", "reminder.event", "failed", at("2026-06-03T10:00:00Z", i), i)),
        ...Array.from({ length: 4 }, (_, i) => row(quinn, "sms", "reminder.event", "pending", at("2026-06-02T12:00:00Z", i), i)),
        row(quinn, "email", "system.test", "cancelled", at("2026-06-04T10:00:00Z"), 0),
      ]);
    const june = { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") };
    const total = async (filter: Parameters<typeof admin.admin.deliveries.query>[0]) => (await admin.admin.deliveries.query(filter)).total;

    expect(await total({ person: "Priya" })).toBe(17);
    expect(await total({ person: "priya patel" })).toBe(17);
    expect(await total({ person: "q.quist@" })).toBe(5);
    expect(await total({ person: "%" })).toBe(0); // a wildcard is a character, not "everyone"
    expect(await total({ person: "Priya", status: "dead" })).toBe(3);
    expect(await total({ ...june, channel: "sms" })).toBe(7);
    expect(await total({ ...june, type: "reminder.event" })).toBe(9);
    expect(await total({ ...june, type: "reminder.event", channel: "email", status: "failed" })).toBe(2);
    expect(await total({ from: new Date("2026-06-02T00:00:00Z"), to: new Date("2026-06-03T00:00:00Z") })).toBe(7);

    const dead = await admin.admin.deliveries.query({ person: "Priya", status: "dead" });
    expect(dead.items.map((d) => [d.channel, d.recipientName, d.recipientEmail])).toEqual([
      ["sms", "Priya Patel", "priya.patel@example.test"],
      ["sms", "Priya Patel", "priya.patel@example.test"],
      ["sms", "Priya Patel", "priya.patel@example.test"],
    ]);

    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(await admin.admin.deliveries.query({ person: "Priya", pageSize: 5, page }));
    expect(pages.map((p) => [p.total, p.pages, p.items.length])).toEqual([
      [17, 4, 5],
      [17, 4, 5],
      [17, 4, 5],
      [17, 4, 2],
    ]);
    const all = pages.flatMap((p) => p.items);
    expect(new Set(all.map((d) => d.id)).size).toBe(17);
    const created = all.map((d) => d.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(all[0]?.summary).toBe("reminder.event #1"); // the newest: the second failed reminder email on 3 June
  });

  it("a dead delivery can be retried: back to pending, then sent by the worker; a sent one cannot be retried (CONFLICT)", async () => {
    const member = await makeUser(t.deps.db, { name: "Rhea Retry" });
    const id = await queueMailTo(member, "Your session notes");
    sink.failWith(550, "Mailbox unavailable");
    await drain();
    const log = async () => (await admin.admin.deliveries.query({ person: member.email })).items;
    expect((await log())[0]).toMatchObject({ id, status: "dead", attempts: 1 });
    expect((await log())[0]?.lastError).toMatch(/550/);

    sink.recover();
    await admin.admin.retryDelivery.mutate({ id });
    expect((await log())[0]).toMatchObject({ id, status: "pending", attempts: 0 });
    await drain();
    expect((await log())[0]).toMatchObject({ id, status: "sent", attempts: 1, lastError: null });
    expect(sink.messages.filter((m) => m.envelopeTo.includes(member.email)).map((m) => m.subject)).toEqual(["Your session notes"]);

    const again = await errorOf(admin.admin.retryDelivery.mutate({ id }));
    expect(again.appCode).toBe("CONFLICT");
    expect(again.message).toBe("Only failed, dead or cancelled deliveries can be retried.");
    const asMember = await errorOf((await signedInAs(member.id)).admin.retryDelivery.mutate({ id }));
    expect(asMember.appCode).toBe("FORBIDDEN");
  });

  it("verification codes are hidden from admins in the summary", async () => {
    const member = await makeUser(t.deps.db, { name: "Vic Verify" });
    await t.deps.db.update(users).set({ phone: "+4915112777777" }).where(eq(users.id, member.id));
    await (await signedInAs(member.id)).profile.requestPhoneCode.mutate();
    await drain();
    const [text] = await t.devMessagesTo("+4915112777777");
    const code = /^(\d{6}) is your/.exec(text?.text ?? "")?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const [row] = (await admin.admin.deliveries.query({ person: member.email, type: "phone.verification_code" })).items;
    expect(row?.status).toBe("sent");
    expect(row?.summary).toBe("(verification code hidden)");
    expect(JSON.stringify(row)).not.toContain(code);
  });
});

describe("failure counts", () => {
  it("admin.overview counts failed and dead deliveries", async () => {
    const before = (await admin.admin.overview.query()).deliveries;
    const member = await makeUser(t.deps.db);
    await queueMailTo(member, "Will fail for now");
    sink.failWith(451, "Try again later");
    await drain();
    await queueMailTo(member, "Will never arrive");
    sink.failWith(550, "No such user");
    await drain();
    const after = (await admin.admin.overview.query()).deliveries;
    expect([after.failed - before.failed, after.dead - before.dead]).toEqual([1, 1]);

    sink.recover();
    clock.advance(1000);
    await drain();
    const recovered = (await admin.admin.overview.query()).deliveries;
    expect([recovered.failed - before.failed, recovered.dead - before.dead, recovered.sent - after.sent]).toEqual([0, 1, 1]);
  });

  it("an admin's socket receives delivery:changed when a delivery dies and when it is retried; a member's does not", async () => {
    const adminSocket = await socketFor(jarOf(admin).header());
    const member = await makeUser(t.deps.db);
    const memberSocket = await socketFor(`session=${await sessionTokenFor(t.deps.db, clock, member.id)}`);
    const memberEvents: unknown[] = [];
    memberSocket.on("delivery:changed", (e) => memberEvents.push(e));
    try {
      const next = () => new Promise<{ failed: number; dead: number }>((resolve) => adminSocket.once("delivery:changed", resolve));
      const id = await queueMailTo(member, "Bounces");
      sink.failWith(550, "Mailbox unavailable");
      const died = next();
      await drain();
      const now = (await admin.admin.overview.query()).deliveries;
      expect(await died).toEqual({ failed: now.failed, dead: now.dead });

      const retried = next();
      await admin.admin.retryDelivery.mutate({ id });
      expect(await retried).toEqual({ failed: now.failed, dead: now.dead - 1 });
      expect(memberEvents).toEqual([]);
    } finally {
      adminSocket.close();
      memberSocket.close();
      sink.recover();
      await drain();
    }
  });
});

describe("the integrations page", () => {
  it("reports email as real SMTP, SMS as the dev outbox and Google sign-in as off, with the last success and the last failure message", async () => {
    const member = await makeUser(t.deps.db);
    clock.set("2026-11-24T08:00:00Z");
    await queueMailTo(member, "Refused");
    sink.failWith(550, "Relay access denied");
    await drain();
    sink.recover();
    clock.set("2026-11-24T08:05:00Z");
    await queueMailTo(member, "Accepted");
    await drain();

    const rows = await admin.integrations.status.query();
    expect(rows.map((r) => [r.name, r.mode])).toEqual([
      ["email", "real"],
      ["sms", "dev"],
      ["google-sign-in", "off"],
      ["google-calendar", "dev"],
    ]);
    const email = rows.find((r) => r.name === "email");
    expect(email?.description).toBe(`SMTP 127.0.0.1:${sink.port} (password)`);
    expect(email?.lastFailureAt?.toISOString()).toBe("2026-11-24T08:00:00.000Z");
    expect(email?.lastError).toMatch(/550.*Relay access denied/);
    expect(email?.lastSuccessAt?.toISOString()).toBe("2026-11-24T08:05:00.000Z");
    expect(rows.find((r) => r.name === "google-sign-in")?.description).toMatch(/GOOGLE_CLIENT_ID/);
  });

  it("integrations.sendTest to email delivers a test message to the admin; SMS needs a verified phone first", async () => {
    await admin.integrations.sendTest.mutate({ channel: "email" });
    await drain();
    const mail = sink.messages.find((m) => m.envelopeTo.includes(adminUser.email));
    expect(mail?.subject).toBe("Test message from Mentoring");
    expect(mail?.text).toContain(`Sent from the integrations page at ${clock.now().toISOString()}.`);

    const sms = await errorOf(admin.integrations.sendTest.mutate({ channel: "sms" }));
    expect(sms.appCode).toBe("VALIDATION");
    expect(sms.fieldErrors.channel).toEqual(["Add and verify your phone number in your profile first."]);
  });
});
