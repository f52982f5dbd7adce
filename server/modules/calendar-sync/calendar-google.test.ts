/**
 * Google Calendar end to end through the real app: "Connect" (consent start and callback) against a local HTTP
 * server speaking Google's token endpoint and the Calendar v3 API (google-calendar-fake.ts, reached through the
 * client's root URL and token URL), then session changes carried into the host's calendar by the worker job,
 * busy times in the slots, a withdrawn grant, and disconnect. The clock is fixed at Monday 2 March 2026.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarConnections, calendarSyncJobs, sessionCalendarEvents, sessions } from "../../../db/schema/scheduling";
import { createTestClock } from "../../clock";
import type { DevCalendarProvider } from "../../integrations/calendar/dev-calendar-provider";
import { googleEventIdFor } from "../../integrations/calendar/google-calendar";
import { CALENDAR_SCOPES } from "../../integrations/calendar/google-calendar-consent";
import { sessionTokenFor } from "../../test-support/factories";
import { type GoogleCalendarFake, startGoogleCalendarFake } from "../../test-support/google-calendar-fake";
import { schedulingTestData } from "../../test-support/scheduling-test-data";
import { CookieJar, jarFetch, startTestApp, type TestApp } from "../../test-support/test-app";
import { runCalendarSync } from "./calendar-sync.service";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const THURSDAY_14 = "2026-03-05T14:00:00.000Z";
const GRANTED = `openid email profile ${CALENDAR_SCOPES.events} ${CALENDAR_SCOPES.freeBusy}`;

let fake: GoogleCalendarFake;
let t: TestApp;
let data: ReturnType<typeof schedulingTestData>;
let counter = 0;

beforeAll(async () => {
  fake = await startGoogleCalendarFake();
  t = await startTestApp(
    {
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
      GOOGLE_CALENDAR_API_URL: fake.apiRootUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      GOOGLE_OAUTH_REVOKE_URL: fake.revokeUrl,
    },
    { clock: createTestClock(MONDAY) },
  );
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function pair() {
  const p = await data.program({ bookingConfirmation: "instant" });
  const mentor = await data.mentor(p.id, {
    name: "Mia Mentor",
    timezone: "Europe/Berlin",
    rules: { weekly: [{ weekday: 4, start: "08:00", end: "18:00" }] },
  });
  const mentee = await data.mentee(p.id, { name: "Ned Mentee", timezone: "America/New_York" });
  const matchId = await data.match(p.id, mentor.id, mentee.id);
  return { mentor, mentee, matchId, mentorClient: await data.clientFor(mentor.id), menteeClient: await data.clientFor(mentee.id) };
}

/** Goes through "Connect Google Calendar" like a browser: start, Google's consent (the fake), callback. */
async function connect(app: TestApp, userId: string, grant: { scope?: string; refreshToken?: string } = {}) {
  const jar = new CookieJar();
  jar.cookies.set("session", await sessionTokenFor(app.deps.db, app.clock, userId));
  const browser = jarFetch(jar);
  const start = await browser(`${app.url}/auth/google/calendar/start`);
  expect(start.status).toBe(302);
  const consentUrl = new URL(start.headers.get("location") ?? "", app.url);
  if (consentUrl.origin === app.url) return { consentUrl, done: consentUrl };
  const refreshToken = grant.refreshToken ?? `1//plain-refresh-${++counter}-${Math.random().toString(36).slice(2)}`;
  const code = `code-${++counter}`;
  fake.addAuthorizationCode(code, { scope: grant.scope ?? GRANTED, refreshToken, codeVerifier: jar.get("gcal_verifier") });
  const state = consentUrl.searchParams.get("state") ?? "";
  const callback = await browser(`${app.url}/auth/google/calendar/callback?code=${code}&state=${encodeURIComponent(state)}`);
  expect(callback.status).toBe(302);
  return { consentUrl, done: new URL(callback.headers.get("location") ?? "", app.url), refreshToken };
}

const inserts = (eventId: string) =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === "/calendar/v3/calendars/primary/events" && (r.body as { id?: string })?.id === eventId,
  );

async function withdraw(refreshToken: string) {
  await fetch(`${fake.revokeUrl}?token=${encodeURIComponent(refreshToken)}`, { method: "POST" });
  for (const token of fake.issuedAccessTokens) fake.expireAccessToken(token);
}

async function sessionRow(id: string) {
  const [row] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
  return row!;
}

describe("connecting Google Calendar", () => {
  it("asks Google for the calendar scopes with PKCE and stores the grant encrypted, never the plain refresh token", async () => {
    const w = await pair();
    const { consentUrl, done, refreshToken } = await connect(t, w.mentor.id);
    expect(consentUrl.searchParams.get("scope")?.split(" ").sort()).toEqual([CALENDAR_SCOPES.events, CALENDAR_SCOPES.freeBusy].sort());
    expect(consentUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(consentUrl.searchParams.get("access_type")).toBe("offline");
    expect(consentUrl.searchParams.get("login_hint")).toBe(w.mentor.email);
    expect(done.pathname + done.search).toBe("/settings/calendar?connected=google");

    const rows = await t.deps.db.select().from(calendarConnections).where(eq(calendarConnections.userId, w.mentor.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.refreshTokenEnc).toMatch(/^v1\./);
    expect(JSON.stringify(await t.deps.db.select().from(calendarConnections))).not.toContain(refreshToken!);
    expect(await w.mentorClient.calendarSync.status.query()).toEqual({
      provider: "google",
      state: "connected",
      accountEmail: w.mentor.email,
      connectedAt: new Date(MONDAY),
    });
    expect((await w.menteeClient.calendarSync.status.query()).state).toBe("not_connected");
  });

  it("refuses a callback whose state does not match, and a grant without the calendar scopes", async () => {
    const w = await pair();
    const jar = new CookieJar();
    jar.cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, w.mentor.id));
    await jarFetch(jar)(`${t.url}/auth/google/calendar/start`);
    const forged = await jarFetch(jar)(`${t.url}/auth/google/calendar/callback?code=x&state=forged`);
    expect(forged.headers.get("location")).toBe("/settings/calendar?error=google_state");

    const partial = await connect(t, w.mentor.id, { scope: `openid email ${CALENDAR_SCOPES.events}` });
    expect(partial.done.search).toBe("?error=google_scopes");
    expect((await w.mentorClient.calendarSync.status.query()).state).toBe("not_connected");
  });

  it("sends a signed-out browser to sign in", async () => {
    const res = await fetch(`${t.url}/auth/google/calendar/start`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("the host's Google Calendar follows the session", () => {
  it("confirm creates the event with a Meet link (saved on the session), reschedule updates it, cancel deletes it; Google emails nobody", async () => {
    const w = await pair();
    await connect(t, w.mentor.id);
    const mark = fake.requests.length;

    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect(await runCalendarSync(t.deps)).toBe(1);
    const eventId = googleEventIdFor(s.id);
    const event = fake.events.get(eventId);
    expect(event?.start).toMatchObject({ dateTime: THURSDAY_10, timeZone: "Europe/Berlin" });
    expect(((event?.attendees ?? []) as { email: string }[]).map((a) => a.email).sort()).toEqual([w.mentor.email, w.mentee.email].sort());
    const saved = await sessionRow(s.id);
    expect(saved.meetUrl).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(saved.meetUrl).toBe(event?.hangoutLink);
    const [synced] = await t.deps.db.select().from(sessionCalendarEvents).where(eq(sessionCalendarEvents.sessionId, s.id));
    expect(synced).toMatchObject({ userId: w.mentor.id, eventId, syncedSequence: 0 });
    expect(await runCalendarSync(t.deps)).toBe(0);

    await w.menteeClient.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "Clash" });
    expect(await runCalendarSync(t.deps)).toBe(1);
    expect(fake.events.get(eventId)?.start).toMatchObject({ dateTime: THURSDAY_14 });
    const [moved] = await t.deps.db.select().from(sessionCalendarEvents).where(eq(sessionCalendarEvents.sessionId, s.id));
    expect(moved?.syncedSequence).toBe((await sessionRow(s.id)).sequence);
    expect(fake.events.get(eventId)?.hangoutLink).toBe(saved.meetUrl);

    await w.mentorClient.scheduling.cancel.mutate({ sessionId: s.id, reason: "Ill" });
    expect(await runCalendarSync(t.deps)).toBe(1);
    expect(fake.events.get(eventId)?.status).toBe("cancelled");
    expect(await t.deps.db.select().from(sessionCalendarEvents).where(eq(sessionCalendarEvents.sessionId, s.id))).toHaveLength(0);

    const writes = fake.requests.slice(mark).filter((r) => r.path.startsWith("/calendar/v3/calendars/") && r.method !== "GET");
    expect(writes.map((r) => r.method)).toEqual(["POST", "PATCH", "DELETE"]);
    for (const r of writes) expect(r.query.sendUpdates).toBe("none");
  });

  it("only the host's calendar gets the event: the mentee's connected calendar is not written to", async () => {
    const w = await pair();
    await connect(t, w.mentee.id);
    await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    const jobs = await t.deps.db.select().from(calendarSyncJobs).where(eq(calendarSyncJobs.userId, w.mentee.id));
    expect(jobs).toHaveLength(0);
  });

  it("two workers running at once create the event once", async () => {
    const w = await pair();
    await connect(t, w.mentor.id);
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    const handled = await Promise.all([runCalendarSync(t.deps), runCalendarSync(t.deps), runCalendarSync(t.deps)]);
    expect(handled.reduce((a, b) => a + b, 0)).toBe(1);
    expect(inserts(googleEventIdFor(s.id))).toHaveLength(1);
    expect(await t.deps.db.select().from(sessionCalendarEvents).where(eq(sessionCalendarEvents.sessionId, s.id))).toHaveLength(1);
  });

  it("a transient Google error is retried later with backoff", async () => {
    const w = await pair();
    await connect(t, w.mentor.id);
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    fake.failNext({ status: 503 });
    expect(await runCalendarSync(t.deps)).toBe(1);
    const [job] = await t.deps.db
      .select()
      .from(calendarSyncJobs)
      .where(and(eq(calendarSyncJobs.sessionId, s.id), eq(calendarSyncJobs.userId, w.mentor.id)));
    expect(job?.doneAt).toBeNull();
    expect(job?.lastError).toMatch(/503/);
    expect(job!.runAfter.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(await runCalendarSync(t.deps)).toBe(0);

    t.clock.advance(2 * 60_000);
    try {
      expect(await runCalendarSync(t.deps)).toBe(1);
      expect(fake.events.get(googleEventIdFor(s.id))?.status).toBe("confirmed");
    } finally {
      t.clock.set(new Date(MONDAY));
    }
  });

  it("a grant withdrawn before the worker runs marks the connection broken, so the person sees Reconnect", async () => {
    const w = await pair();
    const { refreshToken } = await connect(t, w.mentor.id);
    await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    // Consent withdrawn at myaccount.google.com: the refresh token and every access token stop working.
    await withdraw(refreshToken!);

    expect(await runCalendarSync(t.deps)).toBe(1);
    expect((await w.mentorClient.calendarSync.status.query()).state).toBe("broken");
    const [job] = await t.deps.db.select().from(calendarSyncJobs).where(eq(calendarSyncJobs.userId, w.mentor.id));
    expect(job?.lastError).toMatch(/^reconnect/);
    expect(job?.doneAt).not.toBeNull();

    // Reconnecting brings the session in after all.
    await connect(t, w.mentor.id);
    expect((await w.mentorClient.calendarSync.status.query()).state).toBe("connected");
    expect(await runCalendarSync(t.deps)).toBe(1);
    expect(await t.deps.db.select().from(sessionCalendarEvents).where(eq(sessionCalendarEvents.userId, w.mentor.id))).toHaveLength(1);
  });

  it("a withdrawn grant found while reading busy times marks it broken too, and the booking still works", async () => {
    const w = await pair();
    const { refreshToken } = await connect(t, w.mentor.id);
    await withdraw(refreshToken!);
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect(s.status).toBe("confirmed");
    expect((await w.mentorClient.calendarSync.status.query()).state).toBe("broken");
    // Nothing is queued for a broken calendar; reconnecting queues the upcoming sessions.
    expect(await runCalendarSync(t.deps)).toBe(0);
  });
});

describe("Google busy times in the slots", () => {
  it("a busy block removes the slots it covers, and 'why no slots?' names the connected calendar", async () => {
    const w = await pair();
    await connect(t, w.mentor.id);
    const thursday = { from: "2026-03-05T00:00:00.000Z", to: "2026-03-06T00:00:00.000Z" };
    const before = await w.menteeClient.scheduling.slots.query({ matchId: w.matchId, ...thursday });
    expect(before.slots.some((s) => new Date(s.start).toISOString() === THURSDAY_10)).toBe(true);

    // A different range (the busy cache is per person and range) with a Google event from 09:30 to 11:30 UTC.
    fake.busy = [{ start: "2026-03-05T09:30:00Z", end: "2026-03-05T11:30:00Z" }];
    try {
      const afternoon = { from: "2026-03-05T00:00:00.000Z", to: "2026-03-05T23:00:00.000Z" };
      const after = await w.menteeClient.scheduling.slots.query({ matchId: w.matchId, ...afternoon });
      const starts = after.slots.map((s) => new Date(s.start).toISOString());
      expect(starts).not.toContain(THURSDAY_10);
      expect(starts).not.toContain("2026-03-05T09:00:00.000Z");
      expect(starts).toContain("2026-03-05T12:00:00.000Z");
      for (const s of after.slots) {
        expect(Date.parse(s.end) <= Date.parse("2026-03-05T09:30:00Z") || Date.parse(s.start) >= Date.parse("2026-03-05T11:30:00Z")).toBe(
          true,
        );
      }

      // The whole working day busy: no slots, and the reason names the outside calendar.
      fake.busy = [{ start: "2026-03-05T00:00:00Z", end: "2026-03-06T00:00:00Z" }];
      const none = await w.menteeClient.scheduling.slots.query({ matchId: w.matchId, from: thursday.from, to: "2026-03-05T22:00:00.000Z" });
      expect(none.slots).toHaveLength(0);
      expect(none.whyNone.join(" ")).toMatch(/busy times in a connected calendar/);
    } finally {
      fake.busy = [];
    }
  });
});

describe("disconnecting", () => {
  it("revokes the grant at Google and deletes the stored tokens", async () => {
    const w = await pair();
    const { refreshToken } = await connect(t, w.mentor.id);
    const mark = fake.requests.length;
    await w.mentorClient.calendarSync.disconnect.mutate();
    const revoke = fake.requests.slice(mark).find((r) => r.path === "/revoke");
    expect(revoke?.query.token).toBe(refreshToken);
    expect(revoke?.status).toBe(200);
    expect(await t.deps.db.select().from(calendarConnections).where(eq(calendarConnections.userId, w.mentor.id))).toHaveLength(0);
    expect((await w.mentorClient.calendarSync.status.query()).state).toBe("not_connected");
  });
});

describe("without Google configured", () => {
  it("Connect works against the dev calendar, which records the event and gives no Meet link", async () => {
    const dev = await startTestApp({}, { clock: createTestClock(MONDAY) });
    try {
      const d = schedulingTestData(dev);
      const p = await d.program({ bookingConfirmation: "instant" });
      const mentor = await d.mentor(p.id, { rules: { weekly: [{ weekday: 4, start: "08:00", end: "18:00" }] } });
      const mentee = await d.mentee(p.id);
      const matchId = await d.match(p.id, mentor.id, mentee.id);
      const mentorClient = await d.clientFor(mentor.id);
      // A link on another site does not connect anything: the browser is sent to the settings page.
      const jar = new CookieJar();
      jar.cookies.set("session", await sessionTokenFor(dev.deps.db, dev.clock, mentor.id));
      const fromElsewhere = await jarFetch(jar)(`${dev.url}/auth/google/calendar/start`, { headers: { "sec-fetch-site": "cross-site" } });
      expect(fromElsewhere.status).toBe(302);
      expect(fromElsewhere.headers.get("location")).toBe("/settings/calendar");
      expect((await mentorClient.calendarSync.status.query()).state).toBe("not_connected");

      const { done } = await connect(dev, mentor.id);
      expect(done.pathname + done.search).toBe("/settings/calendar?connected=dev");
      expect(await mentorClient.calendarSync.status.query()).toMatchObject({
        provider: "dev",
        state: "connected",
        accountEmail: mentor.email,
      });

      const s = await mentorClient.scheduling.book.mutate({ matchId, start: THURSDAY_10 });
      expect(await runCalendarSync(dev.deps)).toBe(1);
      const calendar = dev.deps.calendar as DevCalendarProvider;
      expect(calendar.calls.filter((c) => c.op === "createEvent").map((c) => c.userId)).toEqual([mentor.id]);
      const [row] = await dev.deps.db.select().from(sessions).where(eq(sessions.id, s.id));
      expect(row?.meetUrl).toBe("");
    } finally {
      await dev.close();
    }
  });
});
