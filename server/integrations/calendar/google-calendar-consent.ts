import { CodeChallengeMethod, Google, OAuth2Client, type OAuth2Tokens } from "arctic";
import { CalendarReconnectError } from "./calendar-provider";

/**
 * "Connect Google Calendar": a second authorization request after sign-in (incremental consent). It asks only for
 * the calendar scopes, keeps the sign-in scopes (include_granted_scopes), and asks for a refresh token
 * (access_type=offline, prompt=consent: without prompt=consent Google sends no refresh token to a returning user).
 * PKCE (S256) and state as for sign-in; arctic's Google provider builds the URL.
 */

export const CALENDAR_SCOPES = {
  /** Create, change and delete events on the person's calendars (sensitive scope). */
  events: "https://www.googleapis.com/auth/calendar.events",
  /** Read free/busy only (for freebusy.query). */
  freeBusy: "https://www.googleapis.com/auth/calendar.freebusy",
} as const;

export type CalendarConsentOptions = {
  clientId: string;
  clientSecret: string;
  /** e.g. <PUBLIC_URL>/auth/google/calendar/callback; must be listed on the OAuth client in the console. */
  redirectUri: string;
  /** Another authorization server with the same flow (tests): both endpoints, or neither for Google. */
  endpoints?: { authorization: string; token: string } | undefined;
};

export type CalendarGrant = {
  refreshToken: string;
  accessToken: string;
  accessTokenExpiresAt: Date | undefined;
  scopes: string[];
};

export type CalendarConsent = {
  authorizationURL(state: string, codeVerifier: string, opts?: { loginHint?: string | undefined }): URL;
  /**
   * Exchanges the callback's code. Throws CalendarReconnectError when a calendar scope was unticked on Google's
   * granular consent screen or no refresh token came back, so the person can try again.
   */
  exchange(code: string, codeVerifier: string): Promise<CalendarGrant>;
};

export function createCalendarConsent(opts: CalendarConsentOptions): CalendarConsent {
  const scopes = [CALENDAR_SCOPES.events, CALENDAR_SCOPES.freeBusy];
  const endpoints = opts.endpoints;
  const google = new Google(opts.clientId, opts.clientSecret, opts.redirectUri);
  const generic = new OAuth2Client(opts.clientId, opts.clientSecret, opts.redirectUri);

  const withExtras = (url: URL, loginHint: string | undefined) => {
    url.searchParams.set("include_granted_scopes", "true");
    url.searchParams.set("access_type", "offline");
    url.searchParams.set("prompt", "consent");
    // Pre-selects the signed-in person's Google account, so the calendar connected is theirs.
    if (loginHint) url.searchParams.set("login_hint", loginHint);
    return url;
  };

  const check = (tokens: OAuth2Tokens): CalendarGrant => {
    // Scopes granted earlier (openid, email, profile) come back too because of include_granted_scopes.
    const granted = tokens.hasScopes() ? tokens.scopes() : [];
    const missing = scopes.filter((s) => !granted.includes(s));
    if (missing.length > 0) throw new CalendarReconnectError(`consent without ${missing.join(" ")}`);
    if (!tokens.hasRefreshToken()) throw new CalendarReconnectError("no refresh token in the token response");
    let expiresAt: Date | undefined;
    try {
      expiresAt = tokens.accessTokenExpiresAt();
    } catch {
      expiresAt = undefined;
    }
    return { refreshToken: tokens.refreshToken(), accessToken: tokens.accessToken(), accessTokenExpiresAt: expiresAt, scopes: granted };
  };

  return {
    authorizationURL(state, codeVerifier, o) {
      const url = endpoints
        ? generic.createAuthorizationURLWithPKCE(endpoints.authorization, state, CodeChallengeMethod.S256, codeVerifier, scopes)
        : google.createAuthorizationURL(state, codeVerifier, scopes);
      return withExtras(url, o?.loginHint);
    },
    async exchange(code, codeVerifier) {
      const tokens = endpoints
        ? await generic.validateAuthorizationCode(endpoints.token, code, codeVerifier)
        : await google.validateAuthorizationCode(code, codeVerifier);
      return check(tokens);
    },
  };
}
