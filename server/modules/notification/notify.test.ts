/**
 * notify(): which channels a notification goes out on, what the email looks like at a real SMTP server,
 * unsubscribing, the SMS daily cap, SMS length, and quiet hours with the injected clock.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationPreferences } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { type SinkMessage, type SmtpSink, startSmtpSink } from "../../../e2e/support/smtp-sink";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import { makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";
import type { NotificationType } from "./catalogue";
import { type NotifyInput, notify, notifyDepsOf } from "./outbox.service";
import { deferPastQuietHours } from "./quiet-hours";
import { fitSms, smsEncoding, smsSegments, smsUnits } from "./sms-text";

const SMS_DAILY_CAP = 3;
let sink: SmtpSink;
let t: TestApp;
const clock = createTestClock("2026-11-23T12:00:00Z");

beforeAll(async () => {
  sink = await startSmtpSink();
  // The app's mailer is createSmtpMailer(loadConfig(sink.env()).smtp), built by the same code as production.
  t = await startTestApp({ ...sink.env(), SMS_DAILY_CAP: String(SMS_DAILY_CAP) }, { clock });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

let phoneCounter = 0;
async function member(opts: { verified?: boolean; phone?: boolean; timezone?: string; name?: string } = {}) {
  const u = await makeUser(t.deps.db, {
    verified: opts.verified ?? true,
    timezone: opts.timezone ?? "UTC",
    name: opts.name ?? "Mo Member",
  });
  if (opts.phone) {
    const phone = `+4915112${String(100000 + phoneCounter++)}`;
    await t.deps.db.update(users).set({ phone, phoneVerifiedAt: clock.now() }).where(eq(users.id, u.id));
    return { ...u, phone };
  }
  return { ...u, phone: null };
}

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, clock, userId));
  return client;
}

function send(userId: string, type: NotificationType, data: Record<string, string>, extra: Partial<NotifyInput> = {}) {
  return t.deps.db.transaction((tx) => notify(tx, notifyDepsOf(t.deps), { type, userId, data, link: "/notifications", ...extra }));
}

const reminder = (title = "Mentoring with Ana") => ({ eventTitle: title, eventStart: "Tue 24 Nov 2026, 15:00 UTC", timeUntil: "in 1 day" });

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

const mailTo = (email: string) => sink.messages.filter((m) => m.envelopeTo.includes(email));
const listHeader = (m: SinkMessage | undefined) =>
  m?.headers.get("list") as { unsubscribe?: { url?: string }; "unsubscribe-post"?: { name?: string } } | undefined;

let adminClient: Awaited<ReturnType<typeof signedInAs>>;
beforeAll(async () => {
  adminClient = await signedInAs((await makeUser(t.deps.db, { admin: true, name: "Ada Admin" })).id);
});

describe("channels = the type's defaults x the person's preferences x a usable contact", () => {
  it("an unverified email address gets no enrolment email, but does get the email that verifies it", async () => {
    const m = await member({ verified: false });
    expect((await send(m.id, "program.enrolled", { programName: "Pathways", role: "mentee" }))?.channels).toEqual(["in_app"]);
    expect((await send(m.id, "auth.verify_email", { link: "http://x/verify" }))?.channels).toEqual(["email"]);
    await drain();
    expect(mailTo(m.email).map((x) => x.subject)).toEqual(["Confirm your email address"]);
  });

  it("a member without a phone gets no SMS, even for a type that texts by default; with a verified phone they do", async () => {
    const noPhone = await member();
    expect((await send(noPhone.id, "reminder.event", reminder()))?.channels).toEqual(["in_app", "email"]);
    const withPhone = await member({ phone: true });
    expect((await send(withPhone.id, "reminder.event", reminder()))?.channels).toEqual(["in_app", "email", "sms"]);
    const unverifiedPhone = await member();
    await t.deps.db.update(users).set({ phone: "+4915112999999" }).where(eq(users.id, unverifiedPhone.id));
    expect((await send(unverifiedPhone.id, "reminder.event", reminder()))?.channels).toEqual(["in_app", "email"]);
  });

  it("a preference switched off removes just that channel, and the settings page shows it off", async () => {
    const m = await member({ phone: true });
    const client = await signedInAs(m.id);
    await client.notification.setPreference.mutate({ type: "reminder.event", channel: "email", enabled: false });
    expect((await send(m.id, "reminder.event", reminder()))?.channels).toEqual(["in_app", "sms"]);
    await client.notification.setPreference.mutate({ type: "reminder.event", channel: "sms", enabled: false });
    expect((await send(m.id, "reminder.event", reminder()))?.channels).toEqual(["in_app"]);
    const row = (await client.notification.preferences.query()).rows.find((r) => r.type === "reminder.event");
    expect(row?.channels.map((c) => [c.channel, c.enabled])).toEqual([
      ["in_app", true],
      ["email", false],
      ["sms", false],
    ]);
  });

  it("mandatory types ignore preferences, and setPreference refuses to switch them off, naming the field", async () => {
    const m = await member();
    const client = await signedInAs(m.id);
    const refused = await errorOf(
      client.notification.setPreference.mutate({ type: "auth.password_changed", channel: "email", enabled: false }),
    );
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors.type?.[0]).toMatch(/required for your account's security/);
    const notOffered = await errorOf(client.notification.setPreference.mutate({ type: "program.enrolled", channel: "sms", enabled: true }));
    expect(notOffered.fieldErrors.channel?.[0]).toMatch(/not sent by sms/);

    // A switched-off row saved some other way (an older version, a direct import) still cannot silence security mail.
    await t.deps.db
      .insert(notificationPreferences)
      .values({ userId: m.id, type: "auth.password_changed", channel: "email", enabled: false });
    expect((await send(m.id, "auth.password_changed", { when: "Mon 23 Nov 2026, 12:00 UTC" }))?.channels).toEqual(["in_app", "email"]);
    await drain();
    expect(mailTo(m.email).map((x) => x.subject)).toEqual(["Your password was changed"]);
  });
});

describe("email content at a real SMTP server", () => {
  it("the HTML and text parts come from the same template, with List-Unsubscribe headers on an optional type", async () => {
    const m = await member({ name: "Lena Lopez" });
    await send(m.id, "program.enrolled", { programName: "Women in Tech 2027", role: "mentee" }, { link: "/programs/wit" });
    await drain();
    const [mail] = mailTo(m.email);
    expect(mail?.subject).toBe("You joined Women in Tech 2027");
    const sentence = "You are now a mentee in Women in Tech 2027. Sign in to complete your profile and get started:";
    expect(mail?.text).toContain("Hello Lena Lopez,");
    expect(mail?.text).toContain(sentence);
    expect(mail?.text).toContain(`${t.url}/programs/wit`);
    expect(mail?.html).toContain("<p>Hello Lena Lopez,</p>");
    expect(mail?.html).toContain(sentence);
    expect(mail?.html).toContain(`${t.url}/programs/wit`);

    const list = listHeader(mail);
    expect(list?.unsubscribe?.url).toMatch(new RegExp(`^${t.url}/unsubscribe\\?token=[\\w-]+\\.[\\w-]+$`));
    expect(list?.["unsubscribe-post"]?.name).toBe("List-Unsubscribe=One-Click");
    expect(mail?.text).toContain(`Unsubscribe from these emails: ${list?.unsubscribe?.url}`);
  });

  it("a mandatory type (password reset) carries no unsubscribe headers and says it is a required message", async () => {
    const m = await member();
    await send(m.id, "auth.password_reset", { link: `${t.url}/reset?token=abc` });
    await drain();
    const [mail] = mailTo(m.email);
    expect(mail?.subject).toBe("Reset your password");
    expect(listHeader(mail)).toBeUndefined();
    expect(mail?.text).toContain("This is a required account message.");
    expect(mail?.text).not.toContain("/unsubscribe");
  });

  async function unsubscribeLinkFor(m: { id: string; email: string }, type: NotificationType, data: Record<string, string>) {
    await send(m.id, type, data);
    await drain();
    const url = listHeader(mailTo(m.email).at(-1))?.unsubscribe?.url;
    if (!url) throw new Error("no List-Unsubscribe link in the email");
    return url;
  }

  it("the unsubscribe link works as the notification.unsubscribe mutation without signing in; no email of that type follows", async () => {
    const m = await member();
    const url = await unsubscribeLinkFor(m, "program.enrolled", { programName: "Pathways", role: "mentor" });
    const token = new URL(url).searchParams.get("token") ?? "";

    const anonymous = t.client();
    expect(await anonymous.notification.unsubscribe.mutate({ token })).toEqual({ typeLabel: "Program enrolment", channel: "email" });

    expect((await send(m.id, "program.enrolled", { programName: "Second program", role: "mentor" }))?.channels).toEqual(["in_app"]);
    await drain();
    expect(mailTo(m.email)).toHaveLength(1);
    // Other types still email.
    expect((await send(m.id, "reminder.event", reminder()))?.channels).toContain("email");
    const prefs = await (await signedInAs(m.id)).notification.preferences.query();
    const enrolled = prefs.rows.find((r) => r.type === "program.enrolled")?.channels.find((c) => c.channel === "email");
    expect(enrolled).toMatchObject({ enabled: false, isDefault: false });
  });

  it("the one-click POST to the link (RFC 8058) unsubscribes without a session", async () => {
    const m = await member();
    const url = await unsubscribeLinkFor(m, "reminder.event", reminder("Kick-off"));
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect((await send(m.id, "reminder.event", reminder("Follow-up")))?.channels).toEqual(["in_app"]);
  });

  it("a tampered unsubscribe token is refused and changes nothing", async () => {
    const m = await member();
    const victim = await member();
    const url = await unsubscribeLinkFor(m, "program.enrolled", { programName: "Pathways", role: "mentee" });
    const token = new URL(url).searchParams.get("token") ?? "";
    const [data, sig] = token.split(".");
    const claim = JSON.parse(Buffer.from(data ?? "", "base64url").toString("utf8")) as { u: string };
    const forged = `${Buffer.from(JSON.stringify({ ...claim, u: victim.id })).toString("base64url")}.${sig}`;

    const refused = await errorOf(t.client().notification.unsubscribe.mutate({ token: forged }));
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors.token).toEqual(["This unsubscribe link is invalid."]);
    const post = await fetch(`${t.url}/unsubscribe?token=${encodeURIComponent(forged)}`, { method: "POST" });
    expect(post.status).toBe(400);
    const badSignature = await fetch(`${t.url}/unsubscribe?token=${encodeURIComponent(`${data}.${"A".repeat(43)}`)}`, { method: "POST" });
    expect(badSignature.status).toBe(400);

    expect((await send(victim.id, "program.enrolled", { programName: "Pathways", role: "mentee" }))?.channels).toEqual(["in_app", "email"]);
    expect((await send(m.id, "program.enrolled", { programName: "Pathways", role: "mentee" }))?.channels).toEqual(["in_app", "email"]);
  });
});

describe("the SMS daily cap (SMS_DAILY_CAP)", () => {
  it("past the cap in 24 hours the extra text is cancelled with a clear reason; verification codes are not capped", async () => {
    clock.set("2026-11-23T12:00:00Z");
    const m = await member({ phone: true });
    for (let i = 0; i < SMS_DAILY_CAP + 1; i++) await send(m.id, "reminder.event", reminder(`Session ${i}`), { only: ["sms"] });
    await send(m.id, "phone.verification_code", { code: "123456" });
    const log = async () => (await adminClient.admin.deliveries.query({ person: m.email, channel: "sms", pageSize: 50 })).items;
    const rows = await log();
    const byText = (r: { type: string; summary: string }) => (r.type === "reminder.event" ? r.summary.slice(0, 19) : r.type);
    expect(Object.fromEntries(rows.map((r) => [byText(r), r.status]))).toEqual({
      "Reminder: Session 0": "pending",
      "Reminder: Session 1": "pending",
      "Reminder: Session 2": "pending",
      "Reminder: Session 3": "cancelled",
      "phone.verification_code": "pending",
    });
    expect(rows.find((r) => r.status === "cancelled")?.lastError).toBe(`Daily SMS limit of ${SMS_DAILY_CAP} reached; not sent.`);

    await drain();
    const texts = await t.devMessagesTo(m.phone ?? "");
    expect(texts).toHaveLength(SMS_DAILY_CAP + 1);
    expect(texts.some((x) => x.text.includes("Session 3"))).toBe(false);

    // A day later the budget is back.
    clock.advance(24 * 60 * 60 * 1000 + 1);
    await send(m.id, "reminder.event", reminder("Next day"), { only: ["sms"] });
    expect((await log())[0]).toMatchObject({ status: "pending", lastError: null });
  });
});

describe("SMS length (sms-text.ts)", () => {
  it("counts GSM-7 segments of 160/153 septets, with extension characters counting twice", () => {
    expect(smsEncoding("Hello, Ana! Your session starts at 15:00 (Zoom) — ok")).toBe("UCS-2"); // the em dash
    expect(smsEncoding("Grüße aus München: {see} [you] €5 ~ok^")).toBe("GSM-7");
    expect(smsSegments("a".repeat(160))).toBe(1);
    expect(smsSegments("a".repeat(161))).toBe(2);
    expect(smsSegments("a".repeat(306))).toBe(2);
    expect(smsSegments("a".repeat(307))).toBe(3);
    expect(smsUnits("€[]")).toBe(6);
    expect(smsSegments("€".repeat(80))).toBe(1);
    expect(smsSegments("€".repeat(81))).toBe(2);
  });

  it("counts UCS-2 segments of 70/67 code units, an emoji taking two", () => {
    expect(smsEncoding("Zażółć gęślą jaźń")).toBe("UCS-2");
    expect(smsSegments("ł".repeat(70))).toBe(1);
    expect(smsSegments("ł".repeat(71))).toBe(2);
    expect(smsUnits("🎉")).toBe(2);
    expect(smsSegments("🎉".repeat(35))).toBe(1);
    expect(smsSegments("🎉".repeat(36))).toBe(2);
    expect(smsSegments("🎉".repeat(67))).toBe(2);
    expect(smsSegments("🎉".repeat(68))).toBe(3);
  });

  it('a GSM-7 text longer than two segments is cut at a word, ending with "..." and the link, and stays GSM-7', () => {
    const link = "https://mentoring.example.org/sessions/42";
    const long = `Reminder: ${"Career planning workshop with the whole cohort ".repeat(10)}starts in 1 day. ${link}`;
    const out = fitSms(long, link);
    expect(smsEncoding(out)).toBe("GSM-7");
    expect(smsSegments(out)).toBe(2);
    // The two GSM-7 segments are used (306 septets), not the 134 characters of UCS-2.
    expect(smsUnits(out)).toBeGreaterThan(280);
    expect(smsUnits(out)).toBeLessThanOrEqual(306);
    expect(out.startsWith("Reminder: Career planning workshop with the whole cohort Career")).toBe(true);
    expect(out.endsWith(`... ${link}`)).toBe(true);
    const kept = out.slice(0, -`... ${link}`.length);
    expect(long.startsWith(kept)).toBe(true);
    expect(long.charAt(kept.length)).toBe(" "); // cut at a word boundary
  });

  it("a UCS-2 text with emoji is cut to two segments without splitting an emoji, ending with the link", () => {
    const link = "https://mentoring.example.org/s/7";
    const long = `🎉 Erinnerung: „Mentoring-Sitzung“ mit Łukasz ${"🎉 viel Erfolg! ".repeat(20)}`;
    const out = fitSms(long, link);
    expect(smsEncoding(out)).toBe("UCS-2");
    expect(smsSegments(out)).toBe(2);
    expect(out.length).toBeLessThanOrEqual(134);
    expect(out.endsWith(`… ${link}`)).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out)).toBe(false);
  });

  it("a text that fits is sent whole, its whitespace folded to single spaces", () => {
    expect(fitSms("  Your session\n starts   in 1 hour. ", "https://x.example/1")).toBe("Your session starts in 1 hour.");
    const exactlyTwo = "b".repeat(306);
    expect(fitSms(exactlyTwo, "https://x.example/1")).toBe(exactlyTwo);
  });

  it("a reminder with a very long title reaches the phone cut to two segments, ending with its link", async () => {
    clock.set("2026-11-23T12:00:00Z");
    const m = await member({ phone: true });
    await send(m.id, "reminder.event", reminder(`Quarterly review ${"of goals, progress and next steps ".repeat(12)}`), {
      only: ["sms"],
      link: "/sessions/99",
    });
    await drain();
    const [text] = await t.devMessagesTo(m.phone ?? "");
    expect(smsSegments(text?.text ?? "")).toBe(2);
    expect(text?.text.startsWith("Reminder: Quarterly review of goals")).toBe(true);
    expect(text?.text.endsWith(`... ${t.url}/sessions/99`)).toBe(true);
  });
});

describe("quiet hours (21:00-08:00 in the member's own time zone)", () => {
  const at = (iso: string) => new Date(iso);
  const defer = (iso: string, tz: string, start = "21:00", end = "08:00") => deferPastQuietHours(at(iso), tz, start, end).toISOString();

  it("a text due at 23:30 in New York the night the clocks go back waits until 08:00 local (EST), 9.5 hours later", () => {
    // 2026-10-31 23:30 EDT (UTC-4); DST ends 2026-11-01 02:00; 08:00 EST (UTC-5) is 13:00Z.
    expect(defer("2026-11-01T03:30:00Z", "America/New_York")).toBe("2026-11-01T13:00:00.000Z");
  });

  it("a text due at 23:30 in New York the night the clocks go forward waits until 08:00 local (EDT), 7.5 hours later", () => {
    // 2026-03-07 23:30 EST (UTC-5); DST starts 2026-03-08 02:00; 08:00 EDT (UTC-4) is 12:00Z.
    expect(defer("2026-03-08T04:30:00Z", "America/New_York")).toBe("2026-03-08T12:00:00.000Z");
  });

  it("a text due at 23:30 in Berlin the night summer time starts waits until 08:00 CEST", () => {
    // 2026-03-28 23:30 CET (UTC+1); summer time starts 2026-03-29 02:00; 08:00 CEST (UTC+2) is 06:00Z.
    expect(defer("2026-03-28T22:30:00Z", "Europe/Berlin")).toBe("2026-03-29T06:00:00.000Z");
  });

  it("in the early-morning part of the window the text waits until 08:00 the same day; outside the window nothing moves", () => {
    expect(defer("2026-11-23T10:00:00Z", "America/New_York")).toBe("2026-11-23T13:00:00.000Z"); // 05:00 EST
    expect(defer("2026-11-23T17:00:00Z", "America/New_York")).toBe("2026-11-23T17:00:00.000Z"); // 12:00 EST
    expect(defer("2026-11-23T13:00:00Z", "America/New_York")).toBe("2026-11-23T13:00:00.000Z"); // 08:00 sharp: allowed
    expect(defer("2026-11-24T02:00:00Z", "America/New_York")).toBe("2026-11-24T13:00:00.000Z"); // 21:00 sharp: quiet
    expect(defer("2026-11-23T12:30:00Z", "Europe/Berlin", "12:00", "14:00")).toBe("2026-11-23T13:00:00.000Z"); // a daytime window
    expect(defer("2026-11-23T23:30:00Z", "UTC", "22:00", "22:00")).toBe("2026-11-23T23:30:00.000Z"); // start = end: no quiet hours
  });

  it("through notify(): a reminder text at 23:30 New York time is due at 08:00 local, while the verification code goes at once", async () => {
    clock.set("2026-11-01T03:30:00Z"); // Sat 31 Oct 2026, 23:30 EDT
    const m = await member({ phone: true, timezone: "America/New_York" });
    await send(m.id, "reminder.event", reminder("Early session"), { only: ["sms", "email"] });
    await send(m.id, "phone.verification_code", { code: "654321" });
    const rows = (await adminClient.admin.deliveries.query({ person: m.email, pageSize: 50 })).items;
    const dueOf = (type: string, channel: string) => rows.find((r) => r.type === type && r.channel === channel)?.dueAt.toISOString();
    expect(dueOf("reminder.event", "sms")).toBe("2026-11-01T13:00:00.000Z");
    expect(dueOf("reminder.event", "email")).toBe("2026-11-01T03:30:00.000Z"); // email is not held back
    expect(dueOf("phone.verification_code", "sms")).toBe("2026-11-01T03:30:00.000Z");

    await drain();
    const texts = async () => (await t.devMessagesTo(m.phone ?? "")).map((x) => x.text);
    expect(await texts()).toEqual(["654321 is your Mentoring verification code. It expires in 10 minutes."]);
    clock.set("2026-11-01T12:59:59Z");
    await drain();
    expect(await texts()).toHaveLength(1);
    clock.set("2026-11-01T13:00:00Z");
    await drain();
    expect((await texts())[0]).toMatch(/^Reminder: Early session starts in 1 day/);
  });
});

describe("preferences are stored per person", () => {
  it("one member's switched-off channel does not affect another member", async () => {
    const a = await member();
    const b = await member();
    await (await signedInAs(a.id)).notification.setPreference.mutate({ type: "program.enrolled", channel: "in_app", enabled: false });
    expect((await send(a.id, "program.enrolled", { programName: "P", role: "mentee" }))?.channels).toEqual(["email"]);
    expect((await send(b.id, "program.enrolled", { programName: "P", role: "mentee" }))?.channels).toEqual(["in_app", "email"]);
  });
});
