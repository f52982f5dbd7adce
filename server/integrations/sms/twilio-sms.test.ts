/**
 * SMS through Twilio: the app's real sender (the official twilio SDK) talks to a local HTTP server speaking
 * Twilio's Messages API, and the fake plays Twilio's side of the webhooks with real signatures.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema/users";
import { startTwilioFake, type TwilioFake } from "../../../e2e/support/twilio-fake";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import { notify, notifyDepsOf } from "../../modules/notification/outbox.service";
import { makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";

let fake: TwilioFake;
let t: TestApp;
// Midday UTC: outside every member's default quiet hours (21:00-08:00 in their zone, UTC here).
const clock = createTestClock("2026-11-23T12:00:00Z");

beforeAll(async () => {
  fake = await startTwilioFake();
  t = await startTestApp(fake.env(), { clock });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

let phoneCounter = 0;
const nextPhone = () => `+1415555${String(1000 + phoneCounter++).padStart(4, "0")}`;

async function memberWithVerifiedPhone(name = "Sam Member") {
  const u = await makeUser(t.deps.db, { name });
  const phone = nextPhone();
  await t.deps.db.update(users).set({ phone, phoneVerifiedAt: clock.now() }).where(eq(users.id, u.id));
  return { ...u, phone };
}

async function signedInAs(app: TestApp, userId: string) {
  const client = app.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(app.deps.db, app.clock, userId));
  return client;
}

let admin: Awaited<ReturnType<typeof signedInAs>>;
beforeAll(async () => {
  const a = await makeUser(t.deps.db, { admin: true, name: "Ada Admin" });
  admin = await signedInAs(t, a.id);
});

function worker(app: TestApp = t) {
  return createDeliveryWorker({
    db: app.deps.db,
    clock,
    mailer: app.deps.mailer,
    sms: app.deps.sms,
    publicUrl: app.deps.config.publicUrl,
    logger: silentLogger,
    realtime: app.deps.realtime,
    jitter: 0,
    backoffMs: 1000,
  });
}

function remind(app: TestApp, userId: string, eventTitle: string, at?: Date) {
  return app.deps.db.transaction((tx) =>
    notify(tx, notifyDepsOf(app.deps), {
      type: "reminder.event",
      userId,
      data: { eventTitle, eventStart: "Mon 23 Nov 2026, 13:00 UTC", timeUntil: "in 1 hour" },
      link: "/sessions/42",
      only: ["sms"],
      ...(at ? { at } : {}),
    }),
  );
}

async function smsLog(email: string) {
  return (await admin.admin.deliveries.query({ person: email, channel: "sms" })).items;
}

describe("SMS through Twilio's Messages API", () => {
  it("a member with a verified phone gets the reminder text from our number, with a status callback, using the account's credentials", async () => {
    const member = await memberWithVerifiedPhone();
    const result = await remind(t, member.id, "Mentoring with Ana");
    expect(result?.channels).toEqual(["sms"]);

    expect(await worker().drain()).toBe(1);
    const requests = fake.requests.filter((r) => r.params.To === member.phone);
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(req?.authUser).toBe(fake.accountSid);
    expect(req?.authorized).toBe(true);
    expect(req?.status).toBe(201);
    expect(req?.params.From).toBe("+15005550006");
    expect(req?.params.Body).toBe(`Reminder: Mentoring with Ana starts in 1 hour (Mon 23 Nov 2026, 13:00 UTC). ${t.url}/sessions/42`);
    expect(req?.params.StatusCallback).toBe(`${t.url}/webhooks/twilio/status`);

    const [row] = await smsLog(member.email);
    const accepted = fake.messages.find((m) => m.to === member.phone);
    expect(row).toMatchObject({ status: "sent", attempts: 1, providerStatus: "queued", lastError: null });
    expect(accepted?.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it("a 429 from Twilio is retried after the backoff: delivered once, on the second attempt", async () => {
    const member = await memberWithVerifiedPhone();
    fake.failNext({ status: 429 });
    await remind(t, member.id, "Goal review");
    const w = worker();

    expect(await w.runOnce()).toBe(1);
    const [failed] = await smsLog(member.email);
    expect(failed?.status).toBe("failed");
    expect(failed?.lastError).toMatch(/429/);
    expect(await w.runOnce()).toBe(0); // nothing before the backoff ends

    clock.advance(1000);
    await w.drain();
    const [row] = await smsLog(member.email);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(fake.requests.filter((r) => r.params.To === member.phone).map((r) => r.status)).toEqual([429, 201]);
    expect(fake.messages.filter((m) => m.to === member.phone)).toHaveLength(1);
  });

  it("a 500 from Twilio is recorded as failed with the error, retried, and the delivery log keeps one row for the text", async () => {
    const member = await memberWithVerifiedPhone();
    fake.failNext({ status: 500 });
    await remind(t, member.id, "Career chat");
    const w = worker();

    await w.runOnce();
    const afterFailure = await smsLog(member.email);
    expect(afterFailure).toHaveLength(1);
    expect(afterFailure[0]?.status).toBe("failed");
    expect(afterFailure[0]?.lastError).toMatch(/Twilio 500 error 20500: Internal Server Error/);

    clock.advance(1000);
    await w.drain();
    const afterRetry = await smsLog(member.email);
    expect(afterRetry).toHaveLength(1);
    expect(afterRetry[0]).toMatchObject({ id: afterFailure[0]?.id, status: "sent", attempts: 2 });
    expect(fake.messages.filter((m) => m.to === member.phone)).toHaveLength(1);
  });

  it("a permanent Twilio error (400, code 21211) makes the text dead after one attempt, with the provider's error shown to admins", async () => {
    const member = await memberWithVerifiedPhone();
    fake.failNext({ status: 400, code: 21211, message: "The 'To' number +1415555 is not a valid phone number." });
    await remind(t, member.id, "Portfolio review");
    const w = worker();

    await w.runOnce();
    clock.advance(60 * 60 * 1000);
    expect(await w.drain()).toBe(0); // never retried
    const [row] = await smsLog(member.email);
    expect(row?.status).toBe("dead");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toContain("21211");
    expect(row?.lastError).toContain("is not a valid phone number");
    expect(fake.requests.filter((r) => r.params.To === member.phone)).toHaveLength(1);

    const sms = (await admin.integrations.status.query()).find((i) => i.name === "sms");
    expect(sms?.mode).toBe("real");
    expect(sms?.description).toBe("Twilio number +15005550006");
    expect(sms?.lastError).toContain("21211");
    expect(sms?.lastFailureAt?.getTime()).toBe(clock.now().getTime() - 60 * 60 * 1000);
  });
});

describe("Twilio webhooks, signed with the account's auth token", () => {
  async function sentText(title: string) {
    const member = await memberWithVerifiedPhone();
    await remind(t, member.id, title);
    await worker().drain();
    const message = fake.messages.find((m) => m.to === member.phone);
    if (!message) throw new Error("no text reached the fake");
    return { member, message };
  }

  it("a 'delivered' status callback records the carrier's answer on the delivery", async () => {
    const { member, message } = await sentText("Weekly check-in");
    const res = await fake.sendStatus(message.sid, "delivered");
    expect(res.status).toBe(204);
    const [row] = await smsLog(member.email);
    expect(row).toMatchObject({ status: "sent", providerStatus: "delivered", lastError: null });
  });

  it("an 'undelivered' status callback marks the text dead with Twilio's error code", async () => {
    const { member, message } = await sentText("Mock interview");
    expect((await fake.sendStatus(message.sid, "sent")).status).toBe(204);
    expect((await fake.sendStatus(message.sid, "undelivered", { errorCode: 30003 })).status).toBe(204);
    const [row] = await smsLog(member.email);
    expect(row?.status).toBe("dead");
    expect(row?.providerStatus).toBe("undelivered");
    expect(row?.lastError).toBe("Twilio reported undelivered (error 30003)");
    expect((await admin.admin.overview.query()).deliveries.dead).toBeGreaterThanOrEqual(1);
  });

  it("a member texting STOP is opted out, their queued texts are cancelled, and later notifications send no SMS", async () => {
    const member = await memberWithVerifiedPhone();
    const client = await signedInAs(t, member.id);
    await remind(t, member.id, "Tomorrow's session", new Date(clock.now().getTime() + 2 * 60 * 60 * 1000));
    expect((await smsLog(member.email))[0]?.status).toBe("pending");

    const res = await fake.sendInbound(`${t.url}/webhooks/twilio/inbound`, { from: member.phone, body: "Stop" });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/text\/xml/);
    expect(res.body).toContain("<Response></Response>");

    expect((await client.profile.mine.query()).smsOptedOut).toBe(true);
    const [queued] = await smsLog(member.email);
    expect(queued).toMatchObject({ status: "cancelled", lastError: "Recipient replied STOP." });

    const later = await remind(t, member.id, "Another session");
    expect(later?.channels).toEqual([]);
    clock.advance(3 * 60 * 60 * 1000);
    await worker().drain();
    expect(await smsLog(member.email)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.params.To === member.phone)).toHaveLength(0);
  });

  it("START opts the member back in: the next reminder is texted again", async () => {
    const member = await memberWithVerifiedPhone();
    const client = await signedInAs(t, member.id);
    const inbound = `${t.url}/webhooks/twilio/inbound`;
    await fake.sendInbound(inbound, { from: member.phone, body: "STOP" });
    expect((await client.profile.mine.query()).smsOptedOut).toBe(true);

    expect((await fake.sendInbound(inbound, { from: member.phone, body: "start" })).status).toBe(200);
    expect((await client.profile.mine.query()).smsOptedOut).toBe(false);
    expect((await remind(t, member.id, "Back on"))?.channels).toEqual(["sms"]);
    await worker().drain();
    expect(fake.messages.filter((m) => m.to === member.phone).map((m) => m.body)).toEqual([
      `Reminder: Back on starts in 1 hour (Mon 23 Nov 2026, 13:00 UTC). ${t.url}/sessions/42`,
    ]);
  });

  it("HELP gets a TwiML reply with the help text and changes no consent", async () => {
    const member = await memberWithVerifiedPhone();
    const client = await signedInAs(t, member.id);
    const res = await fake.sendInbound(`${t.url}/webhooks/twilio/inbound`, { from: member.phone, body: "help" });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/text\/xml/);
    expect(res.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Mentoring reminders and alerts. Reply STOP to opt out, START to opt back in.</Message></Response>',
    );
    expect((await client.profile.mine.query()).smsOptedOut).toBe(false);
  });

  it("a webhook with a forged signature gets 403 and changes nothing", async () => {
    const { member, message } = await sentText("Forgery check");
    const client = await signedInAs(t, member.id);
    const inbound = `${t.url}/webhooks/twilio/inbound`;

    const forged = await fake.sendInbound(inbound, { from: member.phone, body: "STOP" }, { signature: "bm90IGEgcmVhbCBzaWduYXR1cmU=" });
    expect(forged.status).toBe(403);
    // Signed for other parameters (the body was changed on the way).
    const params = {
      AccountSid: fake.accountSid,
      From: member.phone,
      To: fake.fromNumber,
      Body: "STOP",
      MessageSid: `SM${"1".repeat(32)}`,
    };
    const tampered = await fake.postSigned(inbound, params, { signature: fake.sign(inbound, { ...params, Body: "HELLO" }) });
    expect(tampered.status).toBe(403);
    // Signed over another URL than the one our public address answers on.
    const otherUrl = await fake.postSigned(inbound, params, { signedUrl: "https://evil.example/webhooks/twilio/inbound" });
    expect(otherUrl.status).toBe(403);
    // No signature at all.
    const unsigned = await fetch(inbound, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(403);
    expect((await client.profile.mine.query()).smsOptedOut).toBe(false);

    const status = await fake.sendStatus(message.sid, "undelivered", { errorCode: 30005, signature: fake.sign(inbound, {}) });
    expect(status.status).toBe(403);
    const [row] = await smsLog(member.email);
    expect(row).toMatchObject({ status: "sent", providerStatus: "queued", lastError: null });
  });
});

describe("phone verification through a real text message", () => {
  it("the code texted to the new number verifies it; a wrong code is refused naming the code; a new number must be verified again", async () => {
    const member = await makeUser(t.deps.db, { name: "Vera Verify" });
    const client = await signedInAs(t, member.id);
    await client.profile.updateCommon.mutate({ name: "Vera Verify", timezone: "Europe/Berlin", phone: "+1 (415) 555-0199" });
    expect(await client.profile.mine.query()).toMatchObject({ phone: "+14155550199", phoneVerified: false });

    await client.profile.requestPhoneCode.mutate();
    await worker().drain();
    const [text] = fake.messages.filter((m) => m.to === "+14155550199");
    const code = /^(\d{6}) is your Mentoring verification code\. It expires in 10 minutes\.$/.exec(text?.body ?? "")?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const refused = await errorOf(client.profile.verifyPhone.mutate({ code: wrong }));
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors.code?.[0]).toMatch(/not right/);
    expect((await client.profile.mine.query()).phoneVerified).toBe(false);

    await client.profile.verifyPhone.mutate({ code: code ?? "" });
    expect((await client.profile.mine.query()).phoneVerified).toBe(true);
    expect((await remind(t, member.id, "Now by text"))?.channels).toEqual(["sms"]);

    await client.profile.updateCommon.mutate({ name: "Vera Verify", timezone: "Europe/Berlin", phone: "+14155550200" });
    expect(await client.profile.mine.query()).toMatchObject({ phone: "+14155550200", phoneVerified: false });
    expect((await remind(t, member.id, "Not to the new number yet"))?.channels).toEqual([]);
  });
});

describe("misconfigured Twilio credentials", () => {
  it("a wrong auth token is refused by Twilio (401): the text goes dead at once and the integrations page shows why", async () => {
    const wrong = await startTestApp({ ...fake.env(), TWILIO_AUTH_TOKEN: "not-the-account-token" }, { handle: t.handle, clock });
    try {
      const member = await memberWithVerifiedPhone();
      await remind(wrong, member.id, "Never sent");
      await worker(wrong).drain();
      const [request] = fake.requests.filter((r) => r.params.To === member.phone);
      expect(request).toMatchObject({ authUser: fake.accountSid, authorized: false, status: 401 });
      expect(fake.messages.filter((m) => m.to === member.phone)).toHaveLength(0);
      const [row] = await smsLog(member.email);
      expect(row).toMatchObject({ status: "dead", attempts: 1 });
      expect(row?.lastError).toBe("Twilio 401 error 20003: Authenticate");
      const sms = (await admin.integrations.status.query()).find((i) => i.name === "sms");
      expect(sms?.lastError).toBe("Twilio 401 error 20003: Authenticate");
    } finally {
      await wrong.close();
    }
  });
});

describe("without Twilio configured", () => {
  it("texts land in the dev mailbox as channel sms, and the integrations page says SMS runs in dev mode", async () => {
    const dev = await startTestApp({}, { handle: t.handle, clock });
    try {
      expect(dev.deps.sms.mode).toBe("dev");
      const member = await memberWithVerifiedPhone();
      await remind(dev, member.id, "Offline reminder");
      await worker(dev).drain();

      const mailbox = { messages: await dev.devMessagesTo(member.phone) };
      expect(mailbox.messages.map((m) => ({ channel: m.channel, to: m.to, text: m.text }))).toEqual([
        {
          channel: "sms",
          to: member.phone,
          text: `Reminder: Offline reminder starts in 1 hour (Mon 23 Nov 2026, 13:00 UTC). ${dev.url}/sessions/42`,
        },
      ]);
      expect(fake.requests.filter((r) => r.params.To === member.phone)).toHaveLength(0);
      const [row] = await smsLog(member.email);
      expect(row).toMatchObject({ status: "sent", providerStatus: "delivered" });

      const devAdmin = await signedInAs(dev, (await makeUser(dev.deps.db, { admin: true })).id);
      const sms = (await devAdmin.integrations.status.query()).find((i) => i.name === "sms");
      expect(sms?.mode).toBe("dev");
    } finally {
      await dev.close();
    }
  });
});
