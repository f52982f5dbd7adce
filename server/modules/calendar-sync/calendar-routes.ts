/**
 * The HTTP side of calendars, outside tRPC: the subscription feed (calendar apps fetch it without a session
 * cookie) and the two legs of "Connect Google Calendar" (browser redirects to Google and back).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { generateCodeVerifier, generateState } from "arctic";
import { cookieSettings, readCookie, type SessionUser } from "../../auth/session";
import type { AppDeps } from "../../deps";
import { CalendarReconnectError } from "../../integrations/calendar/calendar-provider";
import { type CalendarConsent, createCalendarConsent } from "../../integrations/calendar/google-calendar-consent";
import { FEED_CONTENT_TYPE } from "../../integrations/calendar/ics";
import { connectDevCalendar, saveConnection } from "./calendar-connection.service";
import { renderFeed } from "./calendar-feed.service";

export const CONNECT_START_PATH = "/auth/google/calendar/start";
export const CONNECT_CALLBACK_PATH = "/auth/google/calendar/callback";
const SETTINGS_PAGE = "/settings/calendar";
const GOOGLE_AUTHORIZATION_URL = "https://accounts.google.com/o/oauth2/v2/auth";

// Their own names and path, so a sign-in flow running in another tab does not overwrite them.
const STATE_COOKIE = "gcal_state";
const VERIFIER_COOKIE = "gcal_verifier";
const FLOW_MAX_AGE = 600;

function flowCookie(name: string, value: string, secure: boolean, maxAge = FLOW_MAX_AGE) {
  return `${name}=${value}; HttpOnly; SameSite=Lax; Path=/auth/google/calendar; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []) {
  res.statusCode = 302;
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  res.end();
}

/** GET /calendar/feed/<token>.ics: the person's sessions, or 404 for a token no feed has (any more). */
export async function serveCalendarFeed(req: IncomingMessage, res: ServerResponse, deps: AppDeps, token: string) {
  const body = await renderFeed({ db: deps.db, clock: deps.clock, publicUrl: deps.config.publicUrl }, token);
  // The URL is the secret: keep it and the feed out of shared caches.
  res.setHeader("Cache-Control", "private, max-age=300");
  res.setHeader("Referrer-Policy", "no-referrer");
  if (body === null) {
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    return res.end("Not found");
  }
  res.statusCode = 200;
  res.setHeader("Content-Type", FEED_CONTENT_TYPE);
  res.setHeader("Content-Disposition", 'inline; filename="mentoring-sessions.ics"');
  return res.end(req.method === "HEAD" ? undefined : body);
}

/** The consent client for this deployment; the redirect URI follows PUBLIC_URL unless set explicitly. */
function consentOf(deps: AppDeps): CalendarConsent | undefined {
  const g = deps.config.googleCalendar;
  if (!g) return undefined;
  return createCalendarConsent({
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    redirectUri: g.redirectUri ?? `${deps.config.publicUrl}${CONNECT_CALLBACK_PATH}`,
    // A local token endpoint (tests) takes the generic code flow; Google's own endpoints otherwise.
    endpoints: g.tokenUrl ? { authorization: GOOGLE_AUTHORIZATION_URL, token: g.tokenUrl } : undefined,
  });
}

/** GET /auth/google/calendar/start: signed-in only; state + PKCE in short-lived cookies, then off to Google. */
export async function handleCalendarConnectStart(res: ServerResponse, deps: AppDeps, user: SessionUser | null, crossSite: boolean) {
  if (!user) return redirect(res, `/sign-in?next=${encodeURIComponent(SETTINGS_PAGE)}`);
  const consent = consentOf(deps);
  if (!consent) {
    // Dev calendar: nothing to consent to, so this GET itself connects. A link on another site must not do that
    // for a signed-in visitor; they are sent to the settings page to press Connect there.
    if (crossSite) return redirect(res, SETTINGS_PAGE);
    await connectDevCalendar(deps, user.id);
    return redirect(res, `${SETTINGS_PAGE}?connected=dev`);
  }
  const state = generateState();
  const verifier = generateCodeVerifier();
  const url = consent.authorizationURL(state, verifier, { loginHint: user.email });
  const secure = cookieSettings(deps.config.publicUrl).secure;
  redirect(res, url.toString(), [flowCookie(STATE_COOKIE, state, secure), flowCookie(VERIFIER_COOKIE, verifier, secure)]);
}

/** GET /auth/google/calendar/callback: checks state, exchanges the code, stores the sealed grant. */
export async function handleCalendarConnectCallback(req: IncomingMessage, res: ServerResponse, deps: AppDeps, user: SessionUser | null) {
  const secure = cookieSettings(deps.config.publicUrl).secure;
  const clearFlow = [flowCookie(STATE_COOKIE, "", secure, 0), flowCookie(VERIFIER_COOKIE, "", secure, 0)];
  const back = (error?: string) =>
    redirect(res, error ? `${SETTINGS_PAGE}?error=${error}` : `${SETTINGS_PAGE}?connected=google`, clearFlow);
  if (!user) return redirect(res, `/sign-in?next=${encodeURIComponent(SETTINGS_PAGE)}`, clearFlow);
  const consent = consentOf(deps);
  if (!consent) return back("google_unavailable");
  const url = new URL(req.url ?? "/", "http://x");
  if (url.searchParams.get("error")) return back("google_cancelled");
  const code = url.searchParams.get("code");
  const state = url.searchParams.get("state");
  const storedState = readCookie(req.headers.cookie, STATE_COOKIE);
  const verifier = readCookie(req.headers.cookie, VERIFIER_COOKIE);
  if (!code || !state || !storedState || !verifier || state !== storedState) return back("google_state");
  try {
    const grant = await consent.exchange(code, verifier);
    await saveConnection(deps, user.id, grant, user.email);
  } catch (err) {
    deps.logger.warn({ err: String(err), userId: user.id }, "connecting google calendar failed");
    return back(err instanceof CalendarReconnectError ? "google_scopes" : "google_failed");
  }
  return back();
}
