/**
 * The one-click links in session emails, used the way a person would: the link is read from the email queued for
 * them and opened without signing in. The clock starts on Monday 2 March 2026, 08:00 UTC; sessions are on
 * Thursday 5 March. The mentor is in Berlin, the mentee in New York.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, notifications } from "../../../db/schema/notifications";
import { sessions } from "../../../db/schema/scheduling";
import { rateLimits } from "../../../db/schema/users";
import { createTestClock } from "../../clock";
import { schedulingTestData } from "../../test-support/scheduling-test-data";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";
import type { EmailPayload } from "../notification/outbox.service";
import { signSessionLink } from "./session-link-token";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const THURSDAY_14 = "2026-03-05T14:00:00.000Z";
const clock = createTestClock(MONDAY);

let t: TestApp;
let data: ReturnType<typeof schedulingTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock });
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  clock.set(MONDAY);
  await t.deps.db.delete(rateLimits);
});

async function pair() {
  const p = await data.program({ bookingConfirmation: "instant", cancelNoticeHours: 4 });
  const mentor = await data.mentor(p.id, {
    name: "Mia Mentor",
    timezone: "Europe/Berlin",
    rules: { weekly: [{ weekday: 4, start: "08:00", end: "18:00" }] },
  });
  const mentee = await data.mentee(p.id, { name: "Ned Mentee", timezone: "America/New_York" });
  const matchId = await data.match(p.id, mentor.id, mentee.id);
  const menteeClient = await data.clientFor(mentee.id);
  const session = await menteeClient.scheduling.book.mutate({ matchId, start: THURSDAY_10 });
  return { p, mentor, mentee, matchId, session, mentorClient: await data.clientFor(mentor.id), menteeClient };
}

/** The text of the one email of this type queued for the person. */
async function emailText(userId: string, type: string): Promise<string> {
  const rows = await t.deps.db
    .select({ payload: deliveries.payload })
    .from(deliveries)
    .where(and(eq(deliveries.userId, userId), eq(deliveries.type, type), eq(deliveries.channel, "email")));
  expect(rows).toHaveLength(1);
  return (rows[0]!.payload as EmailPayload).text;
}

/** The token of the link after `label` ("Reschedule:" or "Cancel:") in an email, checked to open /s/<token>. */
function tokenAfter(text: string, label: "Reschedule" | "Cancel"): string {
  const m = text.match(new RegExp(`${label}: (\\S+)`));
  expect(m).not.toBeNull();
  const url = new URL(m![1]!);
  expect(url.origin).toBe(new URL(t.deps.config.publicUrl).origin);
  // No dot in the path: the page fallback would take the token for a file name.
  expect(url.pathname).toMatch(/^\/s\/[\w-]+~[\w-]+$/);
  expect(url.searchParams.get("action")).toBe(label.toLowerCase());
  return decodeURIComponent(url.pathname.slice(3));
}

async function notificationsOf(userId: string, type: string) {
  return t.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, type)));
}

async function sessionRow(id: string) {
  const [row] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
  return row!;
}

describe("the links in the confirmation email", () => {
  it("work without signing in: the mentee sees the session in both zones, moves it to a free slot, then cancels it", async () => {
    const w = await pair();
    const text = await emailText(w.mentee.id, "session.confirmed");
    const reschedule = tokenAfter(text, "Reschedule");
    expect(tokenAfter(text, "Cancel")).toBe(reschedule);
    // In-app texts never carry the token.
    const [inApp] = await notificationsOf(w.mentee.id, "session.confirmed");
    expect(`${inApp!.title} ${inApp!.body}`).not.toContain(reschedule);

    const anonymous = t.client();
    const view = await anonymous.sessionLink.view.query({ token: reschedule });
    expect(view).toMatchObject({
      sessionId: w.session.id,
      personName: "Ned Mentee",
      otherName: "Mia Mentor",
      role: "mentee",
      status: "confirmed",
      timeZone: "America/New_York",
      localTime: "Thu 5 Mar, 05:00-06:00",
      otherLocalTime: "Thu 5 Mar, 11:00-12:00 (Europe/Berlin)",
      canReschedule: true,
      canCancel: true,
      noticeHours: 4,
      isInsideNotice: false,
    });

    const slots = await anonymous.sessionLink.slots.query({ token: reschedule, from: MONDAY, to: "2026-03-06T00:00:00Z" });
    expect(slots.viewerTimeZone).toBe("America/New_York");
    expect(slots.slots.map((s) => s.start)).toContain(THURSDAY_14);

    const moved = await anonymous.sessionLink.reschedule.mutate({ token: reschedule, start: THURSDAY_14, reason: "A clash at work" });
    expect(moved.start.toISOString()).toBe(THURSDAY_14);
    expect(moved.localTime).toBe("Thu 5 Mar, 09:00-10:00");
    expect((await sessionRow(w.session.id)).start.toISOString()).toBe(THURSDAY_14);
    // Exactly as if the mentee had moved it signed in: the mentor is told, the mentee gets the updated invite.
    const [toMentor] = await notificationsOf(w.mentor.id, "session.rescheduled");
    expect(toMentor?.data).toMatchObject({ partnerName: "Ned Mentee", reason: "A clash at work" });
    expect(await notificationsOf(w.mentee.id, "session.moved_by_you")).toHaveLength(1);
    // The mentor's own list shows the new time.
    const [mentorView] = await w.mentorClient.scheduling.mySessions.query({ from: MONDAY, to: "2026-03-09T00:00:00Z" });
    expect(mentorView?.start.toISOString()).toBe(THURSDAY_14);

    const cancelled = await anonymous.sessionLink.cancel.mutate({ token: reschedule, reason: "Something came up" });
    expect(cancelled).toEqual({ status: "cancelled", lateCancellation: false });
    const row = await sessionRow(w.session.id);
    expect(row.status).toBe("cancelled");
    expect(row.cancelledBy).toBe(w.mentee.id);
    expect(row.cancelReason).toBe("Something came up");
    const [toMentorCancel] = await notificationsOf(w.mentor.id, "session.cancelled");
    expect(toMentorCancel?.data).toMatchObject({ partnerName: "Ned Mentee", reason: "Something came up" });
  });

  it("stop working once the session is cancelled", async () => {
    const w = await pair();
    const token = tokenAfter(await emailText(w.mentor.id, "session.confirmed"), "Cancel");
    await w.menteeClient.scheduling.cancel.mutate({ sessionId: w.session.id, reason: "Ill" });
    const err = await errorOf(t.client().sessionLink.view.query({ token }));
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toContain("cancelled");
    expect((await errorOf(t.client().sessionLink.cancel.mutate({ token, reason: "Again" }))).appCode).toBe("CONFLICT");
  });

  it("expire when the session ends, following the session when it was moved", async () => {
    const w = await pair();
    const token = tokenAfter(await emailText(w.mentee.id, "session.confirmed"), "Reschedule");
    await w.mentorClient.scheduling.reschedule.mutate({ sessionId: w.session.id, start: THURSDAY_14, reason: "Later" });
    // Past the original end (11:00 UTC), before the new one (15:00 UTC): the link still shows the session.
    clock.set("2026-03-05T12:00:00Z");
    const view = await t.client().sessionLink.view.query({ token });
    expect(view.start.toISOString()).toBe(THURSDAY_14);
    expect(view.isInsideNotice).toBe(true);
    clock.set("2026-03-05T14:30:00Z");
    // Started: it can no longer move, but can still be cancelled until it ends.
    expect((await t.client().sessionLink.view.query({ token })).canReschedule).toBe(false);
    clock.set("2026-03-05T15:00:00Z");
    const err = await errorOf(t.client().sessionLink.view.query({ token }));
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toBe("This session is over, so this link no longer works.");
    expect((await errorOf(t.client().sessionLink.cancel.mutate({ token, reason: "Too late" }))).appCode).toBe("CONFLICT");
    expect((await sessionRow(w.session.id)).status).toBe("confirmed");
  });

  it("record a cancellation inside the program's notice as late, and say so beforehand", async () => {
    const w = await pair();
    const token = tokenAfter(await emailText(w.mentee.id, "session.confirmed"), "Cancel");
    clock.set("2026-03-05T07:30:00Z");
    const view = await t.client().sessionLink.view.query({ token });
    expect(view.isInsideNotice).toBe(true);
    const result = await t.client().sessionLink.cancel.mutate({ token, reason: "Overslept" });
    expect(result.lateCancellation).toBe(true);
    expect((await sessionRow(w.session.id)).lateCancellation).toBe(true);
  });
});

describe("a link that is not genuine", () => {
  it("tampered, malformed or signed for something else is refused as not valid, never as a server error", async () => {
    const w = await pair();
    const token = tokenAfter(await emailText(w.mentee.id, "session.confirmed"), "Reschedule");
    const [body, sig] = token.split("~") as [string, string];
    const flipped = `${body}~${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`;
    // Claims the mentor's side with the mentee's signature.
    const otherBody = Buffer.from(JSON.stringify({ k: "session", s: w.session.id, u: w.mentor.id })).toString("base64url");
    const unsubscribe = await t.deps.signer.sign({ u: w.mentee.id, t: "session.confirmed", c: "email" });
    for (const bad of [flipped, `${otherBody}~${sig}`, "not-a-token-at-all", `${body}~`, unsubscribe]) {
      const err = await errorOf(t.client().sessionLink.view.query({ token: bad }));
      expect(err.appCode).toBe("VALIDATION");
      expect(err.fieldErrors.token).toEqual(["This link is not valid."]);
      const cancel = await errorOf(t.client().sessionLink.cancel.mutate({ token: bad, reason: "x" }));
      expect(cancel.appCode).toBe("VALIDATION");
    }
    expect((await sessionRow(w.session.id)).status).toBe("confirmed");
  });

  it("a person's link acts only as that person, and a non-participant's link does nothing", async () => {
    const w = await pair();
    const menteeToken = tokenAfter(await emailText(w.mentee.id, "session.confirmed"), "Cancel");
    const mentorToken = tokenAfter(await emailText(w.mentor.id, "session.confirmed"), "Cancel");
    expect(mentorToken).not.toBe(menteeToken);
    expect((await t.client().sessionLink.view.query({ token: mentorToken })).role).toBe("mentor");

    // A genuine signature naming someone outside the session (e.g. a mentee of another pair) is not valid.
    const stranger = await data.mentee(w.p.id, { name: "Sam Stranger" });
    const strangerToken = await signSessionLink(t.deps.signer, { sessionId: w.session.id, userId: stranger.id });
    expect((await errorOf(t.client().sessionLink.cancel.mutate({ token: strangerToken, reason: "x" }))).appCode).toBe("VALIDATION");

    await t.client().sessionLink.cancel.mutate({ token: mentorToken, reason: "Travelling" });
    const row = await sessionRow(w.session.id);
    expect(row.cancelledBy).toBe(w.mentor.id);
    // The mentee is the one told, as when the mentor cancels in the app.
    expect(await notificationsOf(w.mentee.id, "session.cancelled")).toHaveLength(1);
    expect(await notificationsOf(w.mentor.id, "session.cancelled")).toHaveLength(0);
  });

  it("one address guessing links is slowed down", async () => {
    const anonymous = t.client();
    let limited = 0;
    for (let i = 0; i < 105; i++) {
      const err = await errorOf(anonymous.sessionLink.view.query({ token: `guess-${i}-aaaaaaaaaa.bbbbbbbb` }));
      if (err.appCode === "RATE_LIMITED") limited++;
    }
    expect(limited).toBe(5);
  });
});
