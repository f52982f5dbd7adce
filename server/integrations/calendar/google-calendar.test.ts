/**
 * The real Google Calendar provider (@googleapis/calendar + google-auth-library) against a local HTTP server that
 * speaks Google's token endpoint and the Calendar v3 REST API, through the client's rootUrl and token URL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestClock } from "../../clock";
import { type GoogleCalendarFake, startGoogleCalendarFake } from "../../test-support/google-calendar-fake";
import { type CalendarConnection, CalendarProviderError, CalendarReconnectError, type CalendarSession } from "./calendar-provider";
import { createDevCalendarProvider } from "./dev-calendar-provider";
import { createGoogleCalendarProvider, googleEventIdFor } from "./google-calendar";
import { CALENDAR_SCOPES, createCalendarConsent } from "./google-calendar-consent";

let fake: GoogleCalendarFake;
const clock = createTestClock("2026-11-23T09:00:00Z");
let counter = 0;

beforeAll(async () => {
  fake = await startGoogleCalendarFake();
});
afterAll(async () => {
  await fake?.close();
});
afterEach(() => {
  fake.meetPending = false;
});

function provider(extra: Partial<Parameters<typeof createGoogleCalendarProvider>[0]> = {}) {
  return createGoogleCalendarProvider({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    apiRootUrl: fake.apiRootUrl,
    tokenUrl: fake.tokenUrl,
    revokeUrl: fake.revokeUrl,
    clock,
    ...extra,
  });
}

/** A connected user whose stored access token is unknown to Google (so the first call refreshes). */
function connection(): CalendarConnection {
  const n = ++counter;
  const refreshToken = `1//refresh-${n}`;
  fake.addRefreshToken(refreshToken);
  return { userId: `user-${n}`, refreshToken };
}

function session(overrides: Partial<CalendarSession> = {}): CalendarSession {
  const n = ++counter;
  return {
    sessionId: `5f1c2a9e-0000-4000-8000-${String(n).padStart(12, "0")}`,
    summary: "Mentoring session: Ana ↔ Ben",
    description: "Agenda: goals, next steps",
    start: new Date("2026-12-01T14:00:00Z"),
    end: new Date("2026-12-01T15:00:00Z"),
    attendees: [
      { email: "ana@example.com", name: "Ana Müller" },
      { email: "ben@example.net", name: "Ben Okafor" },
    ],
    timeZone: "Europe/Berlin",
    ...overrides,
  };
}

const since = (mark: number) => fake.requests.slice(mark);
const apiCalls = (mark: number) => since(mark).filter((r) => r.path.startsWith("/calendar/"));

describe("Google Calendar events", () => {
  it("creates the event with a Meet request and conferenceDataVersion=1, UTC times, attendees, and sendUpdates=none", async () => {
    const cal = provider();
    const conn = connection();
    const s = session();
    const mark = fake.requests.length;

    const created = await cal.createEvent(conn, s);

    expect(created.eventId).toBe(googleEventIdFor(s.sessionId));
    expect(created.eventId).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(created.meetUrl).toMatch(/^https:\/\/meet\.google\.com\/fak-\d{4}-xyz$/);
    const [token, insert] = since(mark);
    expect(token?.path).toBe("/token");
    expect(token?.body).toMatchObject({ grant_type: "refresh_token", refresh_token: conn.refreshToken, client_id: fake.clientId });
    expect(insert?.method).toBe("POST");
    expect(insert?.path).toBe("/calendar/v3/calendars/primary/events");
    expect(insert?.query).toEqual({ conferenceDataVersion: "1", sendUpdates: "none" });
    expect(insert?.authorization).toBe(`Bearer ${fake.issuedAccessTokens.at(-1)}`);
    expect(insert?.body).toEqual({
      id: created.eventId,
      summary: s.summary,
      description: s.description,
      start: { dateTime: "2026-12-01T14:00:00.000Z", timeZone: "Europe/Berlin" },
      end: { dateTime: "2026-12-01T15:00:00.000Z", timeZone: "Europe/Berlin" },
      attendees: [
        { email: "ana@example.com", displayName: "Ana Müller" },
        { email: "ben@example.net", displayName: "Ben Okafor" },
      ],
      guestsCanInviteOthers: false,
      guestsCanModify: false,
      guestsCanSeeOtherGuests: false,
      status: "confirmed",
      extendedProperties: { private: { misSessionId: s.sessionId } },
      conferenceData: { createRequest: { requestId: s.sessionId, conferenceSolutionKey: { type: "hangoutsMeet" } } },
    });
  });

  it("reuses the refreshed access token for the next call instead of refreshing again", async () => {
    const cal = provider();
    const conn = connection();
    await cal.createEvent(conn, session());
    const mark = fake.requests.length;
    await cal.createEvent(conn, session());
    expect(since(mark).map((r) => r.path)).toEqual(["/calendar/v3/calendars/primary/events"]);
  });

  it("an access token Google no longer accepts gets a 401, is refreshed once, and the call is retried", async () => {
    const seen: string[] = [];
    const cal = provider({ onAccessToken: (userId, t) => seen.push(`${userId}:${t.accessToken}`) });
    const conn = connection();
    await cal.createEvent(conn, session());
    const stale = fake.issuedAccessTokens.at(-1) as string;
    fake.expireAccessToken(stale);
    const mark = fake.requests.length;

    await cal.updateEvent(conn, googleEventIdFor("anything"), session()).catch(() => undefined);
    const s = session();
    const created = await cal.createEvent({ ...conn }, s);

    const calls = since(mark).filter((r) => r.path !== "/token" || r.status === 200);
    expect(calls[0]).toMatchObject({ method: "PATCH", status: 401, authorization: `Bearer ${stale}` });
    expect(calls[1]).toMatchObject({ path: "/token", status: 200 });
    const fresh = fake.issuedAccessTokens.at(-1) as string;
    expect(calls[2]).toMatchObject({ method: "PATCH", status: 404, authorization: `Bearer ${fresh}` });
    expect(calls[3]).toMatchObject({ method: "POST", status: 200, authorization: `Bearer ${fresh}` });
    expect(created.meetUrl).not.toBeNull();
    expect(seen).toContain(`${conn.userId}:${fresh}`);
  });

  it("a stored access token that is still valid is used without a refresh", async () => {
    const cal = provider();
    const conn = connection();
    await provider().createEvent(conn, session()); // obtains an access token from the fake
    const accessToken = fake.issuedAccessTokens.at(-1) as string;
    const mark = fake.requests.length;
    await cal.createEvent({ ...conn, accessToken, accessTokenExpiresAt: new Date(Date.now() + 30 * 60_000) }, session());
    expect(since(mark).map((r) => [r.path, r.authorization])).toEqual([["/calendar/v3/calendars/primary/events", `Bearer ${accessToken}`]]);
  });

  it("a reschedule patches times and details with sendUpdates=none, keeping the conference", async () => {
    const cal = provider();
    const conn = connection();
    const s = session();
    const { eventId, meetUrl } = await cal.createEvent(conn, s);
    const mark = fake.requests.length;

    await cal.updateEvent(conn, eventId, {
      ...s,
      start: new Date("2026-12-03T08:30:00Z"),
      end: new Date("2026-12-03T09:15:00Z"),
      timeZone: undefined,
    });

    const [patch] = apiCalls(mark);
    expect(patch?.method).toBe("PATCH");
    expect(patch?.path).toBe(`/calendar/v3/calendars/primary/events/${eventId}`);
    expect(patch?.query).toEqual({ conferenceDataVersion: "1", sendUpdates: "none" });
    expect(patch?.body).toMatchObject({
      start: { dateTime: "2026-12-03T08:30:00.000Z", timeZone: "UTC" },
      end: { dateTime: "2026-12-03T09:15:00.000Z", timeZone: "UTC" },
      status: "confirmed",
    });
    expect(patch?.body).not.toHaveProperty("conferenceData");
    expect(fake.events.get(eventId)?.hangoutLink).toBe(meetUrl);
  });

  it("a cancel deletes with sendUpdates=none; a second delete (410 Gone) and an unknown event (404) count as done", async () => {
    const cal = provider();
    const conn = connection();
    const { eventId } = await cal.createEvent(conn, session());
    const mark = fake.requests.length;

    await cal.deleteEvent(conn, eventId);
    await cal.deleteEvent(conn, eventId);
    await cal.deleteEvent(conn, "nosuchevent0");

    const calls = apiCalls(mark);
    expect(calls.map((r) => [r.method, r.status])).toEqual([
      ["DELETE", 204],
      ["DELETE", 410],
      ["DELETE", 404],
    ]);
    expect(calls[0]?.query).toEqual({ sendUpdates: "none" });
    expect(fake.events.get(eventId)?.status).toBe("cancelled");
  });

  it("a retried create whose first answer was lost finds the event (409) and updates it instead of making a second", async () => {
    const cal = provider();
    const conn = connection();
    const s = session();
    const first = await cal.createEvent(conn, s);
    const mark = fake.requests.length;

    const again = await cal.createEvent(conn, { ...s, summary: "Renamed" });

    expect(again).toEqual(first);
    expect(apiCalls(mark).map((r) => [r.method, r.status])).toEqual([
      ["POST", 409],
      ["GET", 200],
      ["PATCH", 200],
    ]);
    expect(fake.events.get(first.eventId)?.summary).toBe("Renamed");
    expect(
      [...fake.events.values()].filter(
        (e) => (e.extendedProperties as { private?: { misSessionId?: string } })?.private?.misSessionId === s.sessionId,
      ),
    ).toHaveLength(1);
  });

  it("when Google is still creating the Meet conference, the event is read once more for the link", async () => {
    fake.meetPending = true;
    const mark = fake.requests.length;
    const created = await provider().createEvent(connection(), session());
    expect(created.meetUrl).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(apiCalls(mark).map((r) => r.method)).toEqual(["POST", "GET"]);
  });
});

describe("errors people can act on, and errors to retry", () => {
  it("a revoked refresh token (invalid_grant) asks the person to reconnect Google Calendar", async () => {
    const cal = provider();
    const conn: CalendarConnection = { userId: "user-revoked", refreshToken: "1//never-issued" };
    const err = await cal.createEvent(conn, session()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CalendarReconnectError);
    expect((err as CalendarReconnectError).code).toBe("CONFLICT");
    expect((err as CalendarReconnectError).message).toMatch(/Reconnect Google Calendar/);
    expect((err as CalendarReconnectError).detail).toMatch(/invalid_grant/);
    expect(
      await cal.busyTimes(conn, { start: new Date("2026-12-01T00:00:00Z"), end: new Date("2026-12-02T00:00:00Z") }).catch((e) => e),
    ).toBeInstanceOf(CalendarReconnectError);
  });

  // google-auth-library refreshes the access token once on a 401 or 403 and repeats the call (forceRefreshOnFailure),
  // so a 403 that is not about the token is seen twice.
  it("a calendar scope unticked on the consent screen (403 insufficientPermissions) asks to reconnect", async () => {
    const cal = provider();
    const conn = connection();
    await cal.createEvent(conn, session());
    const scopeError = {
      status: 403,
      body: {
        error: {
          code: 403,
          message: "Request had insufficient authentication scopes.",
          errors: [{ reason: "insufficientPermissions" }],
          status: "PERMISSION_DENIED",
          details: [{ reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT" }],
        },
      },
    };
    fake.failNext(scopeError, scopeError);
    const mark = fake.requests.length;
    await expect(cal.createEvent(conn, session())).rejects.toBeInstanceOf(CalendarReconnectError);
    expect(since(mark).map((r) => [r.path, r.status])).toEqual([
      ["/calendar/v3/calendars/primary/events", 403],
      ["/token", 200],
      ["/calendar/v3/calendars/primary/events", 403],
    ]);
  });

  it("429, 5xx and rate-limit 403s throw a transient error for the outbox to retry, with no backoff loop inside", async () => {
    const cal = provider();
    const conn = connection();
    await cal.createEvent(conn, session());
    const rateLimited = {
      status: 403,
      body: { error: { code: 403, message: "Rate Limit Exceeded", errors: [{ reason: "userRateLimitExceeded" }] } },
    };
    for (const [failures, requestCount] of [
      [[{ status: 429 }], 1],
      [[{ status: 503 }], 1],
      [[rateLimited, rateLimited], 3],
    ] as const) {
      fake.failNext(...failures);
      const mark = fake.requests.length;
      const err = await cal.createEvent(conn, session()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CalendarProviderError);
      expect((err as CalendarProviderError).transient).toBe(true);
      expect((err as CalendarProviderError).status).toBe(failures[0].status);
      expect(since(mark)).toHaveLength(requestCount);
    }
  });

  it("a refused request (400) is permanent, and an unreachable server is transient", async () => {
    const cal = provider();
    const conn = connection();
    await cal.createEvent(conn, session());
    fake.failNext({ status: 400, body: { error: { code: 400, message: "Invalid start time.", errors: [{ reason: "invalid" }] } } });
    const bad = await cal.createEvent(conn, session()).catch((e: unknown) => e);
    expect(bad).toMatchObject({ transient: false, status: 400 });

    const down = createGoogleCalendarProvider({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      apiRootUrl: "http://127.0.0.1:9/",
      tokenUrl: "http://127.0.0.1:9/token",
    });
    const err = await down
      .createEvent({ ...conn, accessToken: "x", accessTokenExpiresAt: new Date(Date.now() + 3_600_000) }, session())
      .catch((e) => e);
    expect(err).toBeInstanceOf(CalendarProviderError);
    expect((err as CalendarProviderError).transient).toBe(true);
  });

  it("a wrong client secret is an operator problem, not the person's", async () => {
    const cal = createGoogleCalendarProvider({
      clientId: fake.clientId,
      clientSecret: "wrong",
      apiRootUrl: fake.apiRootUrl,
      tokenUrl: fake.tokenUrl,
    });
    const err = await cal.createEvent(connection(), session()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CalendarProviderError);
    expect((err as CalendarProviderError).message).toMatch(/GOOGLE_CLIENT_SECRET/);
  });
});

describe("busy times", () => {
  const week = { start: new Date("2026-12-07T00:00:00Z"), end: new Date("2026-12-14T00:00:00Z") };

  it("asks freeBusy for the primary calendar in UTC and returns the intervals as instants", async () => {
    fake.busy = [
      { start: "2026-12-08T13:00:00Z", end: "2026-12-08T14:00:00Z" },
      { start: "2026-12-07T09:00:00Z", end: "2026-12-07T09:30:00Z" },
      { start: "2026-12-20T09:00:00Z", end: "2026-12-20T10:00:00Z" },
    ];
    const cal = provider();
    const conn = connection();
    const mark = fake.requests.length;
    const busy = await cal.busyTimes(conn, week);
    expect(busy).toEqual([
      { start: new Date("2026-12-07T09:00:00Z"), end: new Date("2026-12-07T09:30:00Z") },
      { start: new Date("2026-12-08T13:00:00Z"), end: new Date("2026-12-08T14:00:00Z") },
    ]);
    const [query] = apiCalls(mark);
    expect(query?.method).toBe("POST");
    expect(query?.path).toBe("/calendar/v3/freeBusy");
    expect(query?.body).toEqual({
      timeMin: "2026-12-07T00:00:00.000Z",
      timeMax: "2026-12-14T00:00:00.000Z",
      timeZone: "UTC",
      items: [{ id: "primary" }],
    });
    expect(query?.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it("are cached per user and range for the TTL; our own create, update and delete fetch them again", async () => {
    fake.busy = [{ start: "2026-12-08T13:00:00Z", end: "2026-12-08T14:00:00Z" }];
    const cal = provider({ busyCacheTtlMs: 60_000 });
    const conn = connection();
    const other = connection();
    const freeBusyCalls = (mark: number) => apiCalls(mark).filter((r) => r.path === "/calendar/v3/freeBusy").length;

    let mark = fake.requests.length;
    await cal.busyTimes(conn, week);
    await cal.busyTimes(conn, week);
    clock.advance(59_000);
    expect(await cal.busyTimes(conn, week)).toHaveLength(1);
    expect(freeBusyCalls(mark)).toBe(1);

    mark = fake.requests.length;
    await cal.busyTimes(conn, { start: week.start, end: new Date("2026-12-21T00:00:00Z") }); // another range
    await cal.busyTimes(other, week); // another user
    expect(freeBusyCalls(mark)).toBe(2);

    mark = fake.requests.length;
    clock.advance(2_000); // past the first entry's TTL
    await cal.busyTimes(conn, week);
    expect(freeBusyCalls(mark)).toBe(1);

    mark = fake.requests.length;
    const { eventId } = await cal.createEvent(conn, session());
    await cal.busyTimes(conn, week);
    await cal.busyTimes(other, week); // another user's cache is untouched
    expect(freeBusyCalls(mark)).toBe(1);

    mark = fake.requests.length;
    await cal.updateEvent(conn, eventId, session());
    await cal.busyTimes(conn, week);
    await cal.deleteEvent(conn, eventId);
    await cal.busyTimes(conn, week);
    expect(freeBusyCalls(mark)).toBe(2);
  });

  it("concurrent callers share one request, and a failed read is not cached", async () => {
    const cal = provider();
    const conn = connection();
    await cal.createEvent(conn, session());
    let mark = fake.requests.length;
    await Promise.all([cal.busyTimes(conn, week), cal.busyTimes(conn, week), cal.busyTimes(conn, week)]);
    expect(apiCalls(mark)).toHaveLength(1);

    const range = { start: week.start, end: new Date("2026-12-10T00:00:00Z") };
    fake.failNext({ status: 500 });
    mark = fake.requests.length;
    await expect(cal.busyTimes(conn, range)).rejects.toMatchObject({ transient: true });
    await cal.busyTimes(conn, range);
    expect(apiCalls(mark).map((r) => r.status)).toEqual([500, 200]);
  });
});

describe("disconnect", () => {
  it("revokes the refresh token at Google; the connection then needs a reconnect", async () => {
    const cal = provider();
    const conn = connection();
    await cal.createEvent(conn, session());
    const mark = fake.requests.length;
    await cal.disconnect(conn);
    const [revoke] = since(mark);
    expect(revoke).toMatchObject({ method: "POST", path: "/revoke", status: 200, query: { token: conn.refreshToken } });
    await cal.disconnect(conn); // already revoked: fine
    await expect(provider().createEvent(conn, session())).rejects.toBeInstanceOf(CalendarReconnectError);
  });
});

describe("connecting Google Calendar (incremental consent)", () => {
  it("asks Google for the two calendar scopes with PKCE, offline access, consent and the earlier grants kept", () => {
    const url = createCalendarConsent({
      clientId: "cid.apps.googleusercontent.com",
      clientSecret: "s",
      redirectUri: "https://mis.example.org/auth/google/calendar/callback",
    }).authorizationURL("state-123", "verifier-verifier-verifier-verifier-verifier-1", { loginHint: "ana@example.com" });
    expect(url.origin + url.pathname).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    const p = Object.fromEntries(url.searchParams);
    expect(p).toMatchObject({
      response_type: "code",
      client_id: "cid.apps.googleusercontent.com",
      redirect_uri: "https://mis.example.org/auth/google/calendar/callback",
      state: "state-123",
      code_challenge_method: "S256",
      include_granted_scopes: "true",
      access_type: "offline",
      prompt: "consent",
      login_hint: "ana@example.com",
    });
    expect(p.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.scope?.split(" ")).toEqual([CALENDAR_SCOPES.events, CALENDAR_SCOPES.freeBusy]);
  });

  it("exchanges the code for a refresh token when both scopes were granted, and refuses a partial grant", async () => {
    const consent = createCalendarConsent({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: "https://mis.example.org/auth/google/calendar/callback",
      endpoints: { authorization: fake.authorizationUrl, token: fake.tokenUrl },
    });
    expect(consent.authorizationURL("s", "v").origin).toBe(fake.url);
    const all = `openid email profile ${CALENDAR_SCOPES.events} ${CALENDAR_SCOPES.freeBusy}`;
    fake.addAuthorizationCode("code-ok", { scope: all, refreshToken: "1//granted", codeVerifier: "verifier-ok" });
    const grant = await consent.exchange("code-ok", "verifier-ok");
    expect(grant).toMatchObject({ refreshToken: "1//granted", scopes: all.split(" ") });
    expect(grant.accessToken).toMatch(/^ya29\.fake-/);
    expect(grant.accessTokenExpiresAt).toBeInstanceOf(Date);

    fake.addAuthorizationCode("code-partial", { scope: `openid ${CALENDAR_SCOPES.events}`, refreshToken: "1//partial" });
    const partial = await consent.exchange("code-partial", "v").catch((e: unknown) => e);
    expect(partial).toBeInstanceOf(CalendarReconnectError);
    expect((partial as CalendarReconnectError).detail).toContain(CALENDAR_SCOPES.freeBusy);

    fake.addAuthorizationCode("code-no-refresh", { scope: all });
    await expect(consent.exchange("code-no-refresh", "v")).rejects.toBeInstanceOf(CalendarReconnectError);
  });
});

describe("the dev calendar", () => {
  it("records calls, gives no Meet link, and reports set and own events as busy", async () => {
    const dev = createDevCalendarProvider();
    const conn: CalendarConnection = { userId: "u1", refreshToken: "none" };
    const s = session({ start: new Date("2026-12-08T10:00:00Z"), end: new Date("2026-12-08T11:00:00Z") });
    dev.setBusy("u1", [{ start: new Date("2026-12-09T10:00:00Z"), end: new Date("2026-12-09T12:00:00Z") }]);
    const { eventId, meetUrl } = await dev.createEvent(conn, s);
    expect(meetUrl).toBeNull();
    expect(await dev.busyTimes(conn, { start: new Date("2026-12-07T00:00:00Z"), end: new Date("2026-12-14T00:00:00Z") })).toEqual([
      { start: s.start, end: s.end },
      { start: new Date("2026-12-09T10:00:00Z"), end: new Date("2026-12-09T12:00:00Z") },
    ]);
    await dev.deleteEvent(conn, eventId);
    expect(dev.events.size).toBe(0);
    expect(dev.calls.map((c) => c.op)).toEqual(["createEvent", "busyTimes", "deleteEvent"]);
  });
});
