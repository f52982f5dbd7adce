import { createHash } from "node:crypto";
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { OAuth2Client } from "google-auth-library";
import { type Clock, systemClock } from "../../clock";
import { createBusyCache } from "./busy-cache";
import {
  type BusyInterval,
  type CalendarConnection,
  type CalendarProvider,
  CalendarProviderError,
  CalendarReconnectError,
  type CalendarSession,
} from "./calendar-provider";

export type GoogleCalendarOptions = {
  /** The same OAuth client as Google sign-in (GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET). */
  clientId: string;
  clientSecret: string;
  /** Calendar API root, default https://www.googleapis.com/; tests point it at a local server. */
  apiRootUrl?: string | undefined;
  /** Token endpoint for refreshing access tokens, default https://oauth2.googleapis.com/token. */
  tokenUrl?: string | undefined;
  /** Revocation endpoint for disconnect, default https://oauth2.googleapis.com/revoke. */
  revokeUrl?: string | undefined;
  clock?: Clock | undefined;
  busyCacheTtlMs?: number | undefined;
  timeoutMs?: number | undefined;
  /** Called after an access token was refreshed, e.g. to keep it (encrypted) with the connection. */
  onAccessToken?: ((userId: string, token: { accessToken: string; expiresAt: Date | undefined }) => void) | undefined;
};

/**
 * Google's event id for our session: ids may use only base32hex characters (a-v, 0-9), 5-1024 long. A fixed id
 * makes a retried insert answer 409 instead of creating a second event.
 */
export function googleEventIdFor(sessionId: string): string {
  return `mis${createHash("sha256").update(sessionId, "utf8").digest("hex").slice(0, 40)}`;
}

// Our .ics email is the only invitation path (see docs/setup/google-calendar.md): Google must email nobody, on
// create, update or delete. Attendees are still listed so Meet lets them in without knocking.
const SEND_UPDATES = "none";

const RATE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded", "backendError"]);
const SCOPE_REASONS = new Set(["insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "authError"]);

type GoogleErrorShape = {
  status?: number;
  message?: string;
  code?: string | number;
  config?: { url?: string | URL };
  response?: { status?: number; config?: { url?: string | URL }; data?: unknown };
};

function reasonsOf(data: unknown): string[] {
  if (!data || typeof data !== "object") return [];
  const error = (data as { error?: unknown }).error;
  if (typeof error === "string") return [error];
  if (!error || typeof error !== "object") return [];
  const e = error as { errors?: { reason?: string }[]; status?: string; details?: { reason?: string }[] };
  return [...(e.errors ?? []).map((x) => x.reason), e.status, ...(e.details ?? []).map((x) => x.reason)].filter(
    (r): r is string => typeof r === "string",
  );
}

export function createGoogleCalendarProvider(opts: GoogleCalendarOptions): CalendarProvider {
  const clock = opts.clock ?? systemClock;
  const rootUrl = (opts.apiRootUrl ?? "https://www.googleapis.com/").replace(/\/?$/, "/");
  const tokenUrl = opts.tokenUrl ?? "https://oauth2.googleapis.com/token";
  const busyCache = createBusyCache(clock, opts.busyCacheTtlMs ?? 60_000);
  // Refreshed access tokens per refresh token, so consecutive calls for one person do not refresh every time.
  const accessTokens = new Map<string, { token: string; expiresAt: number | undefined }>();

  function authFor(conn: CalendarConnection): OAuth2Client {
    const client = new OAuth2Client({
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      endpoints: { oauth2TokenUrl: tokenUrl, ...(opts.revokeUrl ? { oauth2RevokeUrl: opts.revokeUrl } : {}) },
      // A stored access token can be revoked before its expiry: refresh once on a 401 and try again.
      forceRefreshOnFailure: true,
    });
    const cached = accessTokens.get(conn.refreshToken);
    const accessToken = cached?.token ?? conn.accessToken;
    const expiry = cached ? cached.expiresAt : conn.accessTokenExpiresAt?.getTime();
    client.setCredentials({
      refresh_token: conn.refreshToken,
      ...(accessToken ? { access_token: accessToken } : {}),
      ...(expiry !== undefined ? { expiry_date: expiry } : {}),
    });
    client.on("tokens", (t) => {
      if (!t.access_token) return;
      const expiresAt = typeof t.expiry_date === "number" ? t.expiry_date : undefined;
      accessTokens.set(conn.refreshToken, { token: t.access_token, expiresAt });
      opts.onAccessToken?.(conn.userId, {
        accessToken: t.access_token,
        expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt),
      });
    });
    return client;
  }

  function api(conn: CalendarConnection): calendar_v3.Calendar {
    // No retries inside the request: a failed call is retried by the caller's outbox with its own backoff.
    return calendar({ version: "v3", auth: authFor(conn), rootUrl, retry: false, timeout: opts.timeoutMs ?? 15_000 });
  }

  function mapError(err: unknown, what: string): Error {
    if (err instanceof CalendarReconnectError || err instanceof CalendarProviderError) return err;
    const e = err as GoogleErrorShape;
    const status = e.response?.status ?? e.status;
    const reasons = reasonsOf(e.response?.data);
    const url = String(e.response?.config?.url ?? e.config?.url ?? "");
    const fromTokenEndpoint = url.startsWith(tokenUrl);
    const detail = `${what}: Google ${status ?? "network error"}${reasons.length ? ` (${reasons.join(", ")})` : ""}`;
    if (status === undefined) return new CalendarProviderError(`${detail}: ${e.message ?? String(err)}`, true);
    if (status === 429 || status >= 500) return new CalendarProviderError(detail, true, status);
    // The refresh token was revoked, expired (7 days for apps in Testing) or belongs to another client.
    if (fromTokenEndpoint && reasons.includes("invalid_grant")) return new CalendarReconnectError(detail);
    if (fromTokenEndpoint) return new CalendarProviderError(`${detail}: check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET`, false, status);
    // Still 401 after a fresh token, or a calendar scope the person unticked on the consent screen.
    if (status === 401) return new CalendarReconnectError(detail);
    if (status === 403 && reasons.some((r) => RATE_REASONS.has(r))) return new CalendarProviderError(detail, true, status);
    if (status === 403 && reasons.some((r) => SCOPE_REASONS.has(r))) return new CalendarReconnectError(detail);
    return new CalendarProviderError(detail, false, status);
  }

  const statusOf = (err: unknown) => {
    const e = err as GoogleErrorShape;
    return e.response?.status ?? e.status;
  };

  function eventBody(session: CalendarSession): calendar_v3.Schema$Event {
    const zone = session.timeZone ?? "UTC";
    return {
      summary: session.summary,
      description: session.description ?? null,
      start: { dateTime: session.start.toISOString(), timeZone: zone },
      end: { dateTime: session.end.toISOString(), timeZone: zone },
      attendees: session.attendees.map((a) => ({ email: a.email, ...(a.name ? { displayName: a.name } : {}) })),
      guestsCanInviteOthers: false,
      guestsCanModify: false,
      // Office hours list every seat holder: attendees must not see each other's addresses.
      guestsCanSeeOtherGuests: false,
      status: "confirmed",
      extendedProperties: { private: { misSessionId: session.sessionId } },
    };
  }

  function meetUrlOf(ev: calendar_v3.Schema$Event): string | null {
    return ev.hangoutLink ?? ev.conferenceData?.entryPoints?.find((p) => p.entryPointType === "video")?.uri ?? null;
  }

  return {
    mode: "real",
    description: `Google Calendar API at ${rootUrl}`,

    async createEvent(conn, session) {
      const cal = api(conn);
      const eventId = googleEventIdFor(session.sessionId);
      const conferenceData = {
        createRequest: { requestId: session.sessionId, conferenceSolutionKey: { type: "hangoutsMeet" } },
      };
      try {
        let ev: calendar_v3.Schema$Event;
        try {
          ({ data: ev } = await cal.events.insert({
            calendarId: "primary",
            conferenceDataVersion: 1,
            sendUpdates: SEND_UPDATES,
            requestBody: { id: eventId, ...eventBody(session), conferenceData },
          }));
        } catch (err) {
          if (statusOf(err) !== 409) throw err;
          // The event exists: an earlier attempt reached Google but its answer was lost, or the session's event
          // was deleted and the id stays taken. Bring it up to date (and back, if deleted) instead.
          const { data: existing } = await cal.events.get({ calendarId: "primary", eventId });
          ({ data: ev } = await cal.events.patch({
            calendarId: "primary",
            eventId,
            conferenceDataVersion: 1,
            sendUpdates: SEND_UPDATES,
            requestBody: { ...eventBody(session), ...(existing.conferenceData ? {} : { conferenceData }) },
          }));
        }
        // Meet links are usually ready at once; when Google answers "pending", read the event once more.
        if (!meetUrlOf(ev) && ev.conferenceData?.createRequest?.status?.statusCode === "pending") {
          ({ data: ev } = await cal.events.get({ calendarId: "primary", eventId }));
        }
        return { eventId: ev.id ?? eventId, meetUrl: meetUrlOf(ev) };
      } catch (err) {
        throw mapError(err, "create event");
      } finally {
        busyCache.invalidateUser(conn.userId);
      }
    },

    async updateEvent(conn, eventId, session) {
      try {
        await api(conn).events.patch({
          calendarId: "primary",
          eventId,
          conferenceDataVersion: 1,
          sendUpdates: SEND_UPDATES,
          requestBody: eventBody(session),
        });
      } catch (err) {
        throw mapError(err, "update event");
      } finally {
        busyCache.invalidateUser(conn.userId);
      }
    },

    async deleteEvent(conn, eventId) {
      try {
        await api(conn).events.delete({ calendarId: "primary", eventId, sendUpdates: SEND_UPDATES });
      } catch (err) {
        const status = statusOf(err);
        // 410 Gone: already deleted; 404: never there or removed from the calendar. Either way nothing to do.
        if (status === 404 || status === 410) return;
        throw mapError(err, "delete event");
      } finally {
        busyCache.invalidateUser(conn.userId);
      }
    },

    busyTimes(conn, range) {
      if (!(range.end.getTime() > range.start.getTime())) return Promise.resolve([]);
      return busyCache.get(conn.userId, range, async (): Promise<BusyInterval[]> => {
        try {
          const { data } = await api(conn).freebusy.query({
            requestBody: {
              timeMin: range.start.toISOString(),
              timeMax: range.end.toISOString(),
              timeZone: "UTC",
              items: [{ id: "primary" }],
            },
          });
          const primary = data.calendars?.primary;
          const errors = (primary?.errors ?? []).map((x) => x.reason).filter(Boolean);
          if (errors.length > 0) throw new CalendarProviderError(`busy times: Google reported ${errors.join(", ")}`, false);
          return (primary?.busy ?? [])
            .filter((b): b is { start: string; end: string } => typeof b.start === "string" && typeof b.end === "string")
            .map((b) => ({ start: new Date(b.start), end: new Date(b.end) }))
            .sort((a, b) => a.start.getTime() - b.start.getTime());
        } catch (err) {
          throw mapError(err, "busy times");
        }
      });
    },

    async disconnect(conn) {
      busyCache.invalidateUser(conn.userId);
      accessTokens.delete(conn.refreshToken);
      try {
        // Revoking the refresh token ends the whole grant. Sign-in with Google keeps working: Google asks for the
        // basic profile consent again next time.
        await authFor(conn).revokeToken(conn.refreshToken);
      } catch (err) {
        const status = statusOf(err);
        // 400 invalid_token: already revoked by the person at myaccount.google.com.
        if (status === 400) return;
        throw mapError(err, "disconnect");
      }
    },
  };
}
