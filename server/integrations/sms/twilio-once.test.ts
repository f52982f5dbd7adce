/**
 * Each text and each Twilio webhook takes effect once. A validly signed webhook sent again (a replay: Twilio's
 * signature has no timestamp) changes nothing; a text whose send outcome we never recorded (the worker died after
 * Twilio took it, or the answer was lost) is looked up at Twilio before it is sent again. The app's real Twilio
 * sender talks to the local fake of Twilio's REST API, which also signs the webhooks.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema/notifications";
import { auditLog, users } from "../../../db/schema/users";
import { startTwilioFake, type TwilioFake } from "../../../e2e/support/twilio-fake";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import { notify, notifyDepsOf } from "../../modules/notification/outbox.service";
import { makeUser, sessionTokenFor } from "../../test-support/factories";
import { jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";

let fake: TwilioFake;
let t: TestApp;
// Midday UTC: outside the default quiet hours.
const clock = createTestClock("2026-11-23T12:00:00Z");
const LEASE_MS = 60_000;
const BACKOFF_MS = 1000;

beforeAll(async () => {
  fake = await startTwilioFake({ now: () => clock.now() });
  t = await startTestApp(fake.env(), { clock });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

let phoneCounter = 0;
const nextPhone = () => `+1415556${String(1000 + phoneCounter++).padStart(4, "0")}`;

async function memberWithVerifiedPhone(name = "Rita Replay") {
  const u = await makeUser(t.deps.db, { name });
  const phone = nextPhone();
  await t.deps.db.update(users).set({ phone, phoneVerifiedAt: clock.now() }).where(eq(users.id, u.id));
  return { ...u, phone };
}

async function isOptedOut(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, clock, userId));
  return (await client.profile.mine.query()).smsOptedOut;
}

const worker = (workerId: string) =>
  createDeliveryWorker({
    db: t.deps.db,
    clock,
    mailer: t.deps.mailer,
    sms: t.deps.sms,
    publicUrl: t.deps.config.publicUrl,
    logger: silentLogger,
    realtime: t.deps.realtime,
    workerId,
    leaseMs: LEASE_MS,
    backoffMs: BACKOFF_MS,
    jitter: 0,
  });

function remind(userId: string, eventTitle: string) {
  return t.deps.db.transaction((tx) =>
    notify(tx, notifyDepsOf(t.deps), {
      type: "reminder.event",
      userId,
      data: { eventTitle, eventStart: "Mon 23 Nov 2026, 13:00 UTC", timeUntil: "in 1 hour" },
      link: "/sessions/7",
      only: ["sms"],
    }),
  );
}

const textFor = (title: string) => `Reminder: ${title} starts in 1 hour (Mon 23 Nov 2026, 13:00 UTC). ${t.url}/sessions/7`;

async function deliveryOf(userId: string) {
  const rows = await t.deps.db
    .select({
      status: deliveries.status,
      attempts: deliveries.attempts,
      providerMessageId: deliveries.providerMessageId,
      providerStatus: deliveries.providerStatus,
      sendAttemptedAt: deliveries.sendAttemptedAt,
      leasedBy: deliveries.leasedBy,
      lastError: deliveries.lastError,
    })
    .from(deliveries)
    .where(and(eq(deliveries.userId, userId), eq(deliveries.channel, "sms")));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const messagesTo = (phone: string) => fake.messages.filter((m) => m.to === phone);
const listsFor = (phone: string) => fake.requests.filter((r) => r.method === "GET" && r.query.To === phone);

describe("a replayed Twilio webhook", () => {
  const inbound = () => `${t.url}/webhooks/twilio/inbound`;
  const inboundParams = (from: string, body: string, sid: string) => ({
    AccountSid: fake.accountSid,
    ApiVersion: "2010-04-01",
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    From: from,
    To: fake.fromNumber,
    Body: body,
    NumMedia: "0",
    SmsStatus: "received",
  });

  it("an old STOP sent again after the member texted START leaves them opted in, and answers 200 with an empty TwiML", async () => {
    const member = await memberWithVerifiedPhone();
    const stop = inboundParams(member.phone, "STOP", `SM${"a".repeat(31)}1`);
    const start = inboundParams(member.phone, "START", `SM${"a".repeat(31)}2`);
    expect((await fake.postSigned(inbound(), stop)).status).toBe(200);
    expect(await isOptedOut(member.id)).toBe(true);
    expect((await fake.postSigned(inbound(), start)).status).toBe(200);
    expect(await isOptedOut(member.id)).toBe(false);

    const replay = await fake.postSigned(inbound(), stop);
    expect(replay).toEqual({
      status: 200,
      contentType: "text/xml; charset=utf-8",
      body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
    });
    expect(await isOptedOut(member.id)).toBe(false);
    const optOuts = await t.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, member.id), eq(auditLog.action, "sms.opt_out")));
    expect(optOuts).toHaveLength(1);
  });

  it("two copies of one signed text arriving at the same moment take effect once", async () => {
    const member = await memberWithVerifiedPhone();
    const help = inboundParams(member.phone, "HELP", `SM${"b".repeat(32)}`);
    const answers = await Promise.all([fake.postSigned(inbound(), help), fake.postSigned(inbound(), help)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // The help text is sent back once; the copy gets the empty answer.
    expect(answers.filter((a) => a.body.includes("<Message>"))).toHaveLength(1);

    const stop = inboundParams(member.phone, "STOP", `SM${"c".repeat(32)}`);
    await Promise.all([fake.postSigned(inbound(), stop), fake.postSigned(inbound(), stop)]);
    const optOuts = await t.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, member.id), eq(auditLog.action, "sms.opt_out")));
    expect(optOuts).toHaveLength(1);
  });

  it("a replayed status callback cannot put back an older status; each status of a message still counts once", async () => {
    const member = await memberWithVerifiedPhone();
    await remind(member.id, "Status replay");
    await worker("w-status").drain();
    const [message] = messagesTo(member.phone);
    if (!message) throw new Error("no text reached the fake");

    expect((await fake.sendStatus(message.sid, "sent")).status).toBe(204);
    expect((await fake.sendStatus(message.sid, "delivered")).status).toBe(204);
    expect((await deliveryOf(member.id)).providerStatus).toBe("delivered");

    const replay = await fake.sendStatus(message.sid, "sent");
    expect(replay.status).toBe(200);
    expect(replay.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sent", providerStatus: "delivered" });
  });
});

describe("a text whose send outcome was never recorded", () => {
  it("Twilio took it but its answer was lost: the retry finds it at Twilio, marks it sent with that SID and sends nothing new", async () => {
    const member = await memberWithVerifiedPhone("Lena Lost");
    fake.failNext({ noAnswer: "drop", accepted: true });
    await remind(member.id, "Lost answer");
    const w = worker("w-lost");

    expect(await w.runOnce()).toBe(1);
    const afterCrash = await deliveryOf(member.id);
    expect(afterCrash).toMatchObject({ status: "failed", attempts: 1, providerMessageId: null });
    expect(afterCrash.sendAttemptedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(messagesTo(member.phone)).toHaveLength(1);

    clock.advance(BACKOFF_MS);
    await w.drain();
    const [taken] = messagesTo(member.phone);
    expect(messagesTo(member.phone)).toHaveLength(1);
    expect(await deliveryOf(member.id)).toMatchObject({
      status: "sent",
      attempts: 2,
      providerMessageId: taken?.sid,
      sendAttemptedAt: null,
      lastError: null,
    });
    // It asked with Twilio's own list filters: to that number, from ours, sent on or after the attempt's day.
    const [lookup] = listsFor(member.phone);
    expect(lookup?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(lookup?.query).toMatchObject({ To: member.phone, From: fake.fromNumber, "DateSent>": "2026-11-23T00:00:00Z" });
  });

  it("the worker died waiting for Twilio's answer: after its lease another worker finds the text at Twilio and does not resend it", async () => {
    const member = await memberWithVerifiedPhone("Kai Killed");
    fake.failNext({ noAnswer: "hang", accepted: true });
    await remind(member.id, "Dead worker");

    const victim = worker("w-victim");
    const stuck = victim.runOnce();
    const [taken] = await fake.waitForMessages(1, { filter: (m) => m.to === member.phone });
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sending", leasedBy: "w-victim", providerMessageId: null });

    const survivor = worker("w-survivor");
    expect(await survivor.runOnce()).toBe(0); // the lease still holds
    clock.advance(LEASE_MS + 1);
    expect(await survivor.drain()).toBe(1);
    expect(messagesTo(member.phone)).toHaveLength(1);
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sent", leasedBy: "w-survivor", providerMessageId: taken?.sid });

    // The victim's late failure no longer touches a row another worker holds.
    fake.dropHungRequests();
    await stuck;
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sent", providerMessageId: taken?.sid, lastError: null });
  });

  it("when Twilio has no such text (the request never reached it), the retry sends exactly one", async () => {
    const member = await memberWithVerifiedPhone("Nora Never");
    fake.failNext({ noAnswer: "drop", accepted: false });
    await remind(member.id, "Never arrived");
    const w = worker("w-never");

    await w.runOnce();
    expect(messagesTo(member.phone)).toHaveLength(0);
    expect((await deliveryOf(member.id)).sendAttemptedAt).not.toBeNull();

    clock.advance(BACKOFF_MS);
    await w.drain();
    const sent = messagesTo(member.phone);
    expect(sent.map((m) => m.body)).toEqual([textFor("Never arrived")]);
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sent", attempts: 2, providerMessageId: sent[0]?.sid });
    expect(listsFor(member.phone).length).toBeGreaterThan(0);
  });

  it("a text Twilio still holds queued (no DateSent yet) is found too", async () => {
    const member = await memberWithVerifiedPhone("Quinn Queued");
    fake.failNext({ noAnswer: "drop", accepted: true });
    await remind(member.id, "Still queued");
    const w = worker("w-queued");
    await w.runOnce();
    const [taken] = messagesTo(member.phone);
    if (!taken) throw new Error("the fake did not take the text");
    taken.dateSent = null;

    clock.advance(BACKOFF_MS);
    await w.drain();
    expect(messagesTo(member.phone)).toHaveLength(1);
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sent", providerMessageId: taken.sid });
  });

  it("when Twilio cannot be asked, nothing is sent and the question is asked again on the next retry", async () => {
    const member = await memberWithVerifiedPhone("Ola Outage");
    fake.failNext({ noAnswer: "drop", accepted: true });
    await remind(member.id, "Lookup outage");
    const w = worker("w-outage");
    await w.runOnce();

    fake.failNext({ status: 503 });
    clock.advance(BACKOFF_MS);
    await w.runOnce();
    const afterFailedLookup = await deliveryOf(member.id);
    expect(afterFailedLookup.status).toBe("failed");
    expect(afterFailedLookup.lastError).toContain("Could not ask Twilio whether an earlier attempt went out");
    expect(afterFailedLookup.sendAttemptedAt).not.toBeNull();
    expect(messagesTo(member.phone)).toHaveLength(1);

    clock.advance(4 * BACKOFF_MS);
    await w.drain();
    expect(messagesTo(member.phone)).toHaveLength(1);
    expect(await deliveryOf(member.id)).toMatchObject({ status: "sent", attempts: 3, providerMessageId: messagesTo(member.phone)[0]?.sid });
  });

  it("Twilio's clear refusal (429) needs no question: the retry sends at once", async () => {
    const member = await memberWithVerifiedPhone("Rafa Refused");
    fake.failNext({ status: 429 });
    await remind(member.id, "Refused once");
    const w = worker("w-429");
    await w.runOnce();
    expect((await deliveryOf(member.id)).sendAttemptedAt).toBeNull();
    clock.advance(BACKOFF_MS);
    await w.drain();
    expect(messagesTo(member.phone)).toHaveLength(1);
    expect(listsFor(member.phone)).toHaveLength(0);
  });
});
