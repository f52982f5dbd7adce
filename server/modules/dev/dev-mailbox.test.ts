/**
 * The dev mailbox holds sign-in secrets (verification and reset links, phone codes). Whatever NODE_ENV says,
 * nobody reads it anonymously, each person reads only what was sent to them, and platform admins read it all.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMessages } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { startSmtpSink } from "../../../e2e/support/smtp-sink";
import { startTwilioFake } from "../../../e2e/support/twilio-fake";
import { silentLogger } from "../../logger";
import { makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { openTestDb } from "../../test-support/test-db";
import { createDeliveryWorker } from "../../worker/delivery-worker";

const APP_SECRET = "a-test-secret-that-is-long-enough-0123456789";

async function signedInAs(t: TestApp, userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, userId));
  return client;
}

function deliverAll(t: TestApp) {
  const { db, mailer, sms, realtime } = t.deps;
  return createDeliveryWorker({ db, clock: t.clock, mailer, sms, logger: silentLogger, realtime }).drain();
}

const subjects = (list: { messages: { subject: string; to: string }[] }) => list.messages.map((m) => `${m.to}: ${m.subject}`).sort();

describe.each(["development", "test", "production"] as const)("the dev mailbox with NODE_ENV=%s", (nodeEnv) => {
  let t: TestApp;
  let ben: { id: string; email: string };
  let admin: { id: string; email: string };
  const adaEmail = `ada-${nodeEnv}@example.test`;
  const sharedPhone = "+14155550177";

  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: nodeEnv, APP_SECRET });
    ben = await makeUser(t.deps.db, { email: `ben-${nodeEnv}@example.test` });
    admin = await makeUser(t.deps.db, { email: `admin-${nodeEnv}@example.test`, admin: true });
    // Ben asks for a reset link and verifies his phone: both land in the mailbox.
    await t.client().auth.requestPasswordReset.mutate({ email: ben.email });
    await t.deps.db.update(users).set({ phone: sharedPhone }).where(eq(users.id, ben.id));
    await (await signedInAs(t, ben.id)).profile.requestPhoneCode.mutate();
    await deliverAll(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("an anonymous visitor reads nothing, not even with a recipient filter", async () => {
    const anonymous = t.client();
    expect((await errorOf(anonymous.devMailbox.list.query({}))).appCode).toBe("UNAUTHENTICATED");
    expect((await errorOf(anonymous.devMailbox.list.query({ to: ben.email }))).appCode).toBe("UNAUTHENTICATED");
  });

  it("a newcomer who has not verified yet reads her own confirmation email and nobody else's", async () => {
    const ada = t.client();
    await ada.auth.signUp.mutate({ name: "Ada Lovelace", email: adaEmail, password: "a sturdy pass phrase 7" });
    expect((await ada.auth.me.query())?.emailVerified).toBe(false);
    await deliverAll(t);

    const mine = await ada.devMailbox.list.query({});
    expect(mine.scope).toBe("mine");
    expect(mine.shownFor?.email).toBe(adaEmail);
    expect(subjects(mine)).toEqual([`${adaEmail}: Confirm your email address`]);
    expect(mine.messages[0]?.text).toMatch(/verify-email\?token=/);
    // Asking for Ben's messages by address gives nothing.
    expect((await ada.devMailbox.list.query({ to: ben.email })).messages).toEqual([]);
  });

  it("typing someone else's phone number into a profile does not reveal their texts", async () => {
    const [adaRow] = await t.deps.db.select({ id: users.id }).from(users).where(eq(users.email, adaEmail));
    await t.deps.db
      .update(users)
      .set({ phone: sharedPhone })
      .where(eq(users.id, adaRow?.id ?? ""));
    const ada = await signedInAs(t, adaRow?.id ?? "");
    expect((await ada.devMailbox.list.query({})).messages.map((m) => m.channel)).toEqual(["email"]);

    // Her own code to that number is hers to read.
    await ada.profile.requestPhoneCode.mutate();
    await deliverAll(t);
    const texts = (await ada.devMailbox.list.query({})).messages.filter((m) => m.channel === "sms");
    expect(texts).toHaveLength(1);
    // Ben's code to the same number is in the mailbox, and stays out of her list.
    const allSms = await t.deps.db.select({ id: devMessages.id }).from(devMessages).where(eq(devMessages.channel, "sms"));
    expect(allSms).toHaveLength(2);
  });

  it("a signed-in member sees their own reset email and phone code, never the newcomer's", async () => {
    const list = await (await signedInAs(t, ben.id)).devMailbox.list.query({});
    expect(list.messages.map((m) => m.to).every((to) => to === ben.email || to === sharedPhone)).toBe(true);
    expect(list.messages.some((m) => m.subject === "Reset your password")).toBe(true);
    expect(list.messages.filter((m) => m.channel === "sms")).toHaveLength(1);
    expect(list.messages.some((m) => m.to === adaEmail)).toBe(false);
  });

  it("a platform admin reads every captured message", async () => {
    const list = await (await signedInAs(t, admin.id)).devMailbox.list.query({});
    expect(list.scope).toBe("all");
    expect(list.shownFor).toBeNull();
    const tos = list.messages.map((m) => m.to);
    expect(tos).toContain(adaEmail);
    expect(tos).toContain(ben.email);
    expect(tos.filter((to) => to === sharedPhone)).toHaveLength(2);
    expect((await (await signedInAs(t, admin.id)).devMailbox.list.query({ to: ben.email })).messages.every((m) => m.to === ben.email)).toBe(
      true,
    );
  });
});

describe("the dev mailbox once email and SMS are both real", () => {
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const smtp = await startSmtpSink();
    const twilio = await startTwilioFake();
    const handle = await openTestDb();
    // Rows captured while the server still ran without providers must not leak once the mailbox is closed.
    await handle.db
      .insert(devMessages)
      .values({ channel: "email", to: "old@example.test", subject: "Reset your password", messageId: "<old@x>" });
    t = await startTestApp({ ...smtp.env(), ...twilio.env() }, { handle });
    close = async () => {
      await t.close();
      await handle.close();
      await smtp.close();
      await twilio.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });

  it("says it is closed and shows no captured message, to anyone", async () => {
    const admin = await makeUser(t.deps.db, { admin: true });
    expect(await t.client().devMailbox.list.query({})).toEqual({ enabled: false, scope: "mine", shownFor: null, messages: [] });
    expect(await (await signedInAs(t, admin.id)).devMailbox.list.query({})).toEqual({
      enabled: false,
      scope: "all",
      shownFor: null,
      messages: [],
    });
  });
});
