import { CodeChallengeMethod, decodeIdToken, Google, OAuth2Client, type OAuth2Tokens } from "arctic";
import type { Config } from "../config";

export type OAuthIdentity = {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string | undefined;
  hostedDomain: string | undefined;
};

/** Sign-in with Google, or with any OpenID issuer speaking the same code flow (OIDC_ISSUER, used by tests). */
export type OAuthProvider = {
  readonly label: string;
  readonly issuer: string;
  authorizationURL(state: string, codeVerifier: string, nonce: string, opts?: { hostedDomain?: string | undefined }): Promise<URL>;
  /** Exchanges the code and returns the ID token's claims after checking iss, aud, exp, iat and nonce. */
  exchange(code: string, codeVerifier: string, expectedNonce: string): Promise<OAuthIdentity>;
};

export class OAuthClaimError extends Error {}

export const GOOGLE_ISSUERS = ["https://accounts.google.com", "accounts.google.com"];
const CLOCK_SKEW_S = 120;

type Claims = Record<string, unknown>;

/** Pure claim checks, unit-tested on their own (the local OpenID provider does not reproduce Google's quirks). */
export function verifyIdTokenClaims(
  claims: Claims,
  expect: { issuers: string[]; clientId: string; nonce: string; nowSeconds: number },
): OAuthIdentity {
  const iss = claims.iss;
  if (typeof iss !== "string" || !expect.issuers.includes(iss)) throw new OAuthClaimError("unexpected issuer");
  const aud = claims.aud;
  const audOk = aud === expect.clientId || (Array.isArray(aud) && aud.includes(expect.clientId));
  if (!audOk) throw new OAuthClaimError("token was issued for another client");
  if (Array.isArray(aud) && aud.length > 1 && claims.azp !== expect.clientId) throw new OAuthClaimError("unexpected authorized party");
  const exp = claims.exp;
  if (typeof exp !== "number" || exp + CLOCK_SKEW_S < expect.nowSeconds) throw new OAuthClaimError("token expired");
  const iat = claims.iat;
  if (typeof iat === "number" && iat - CLOCK_SKEW_S > expect.nowSeconds) throw new OAuthClaimError("token issued in the future");
  if (claims.nonce !== expect.nonce) throw new OAuthClaimError("nonce mismatch");
  if (typeof claims.sub !== "string" || claims.sub.length === 0) throw new OAuthClaimError("missing subject");
  if (typeof claims.email !== "string" || !claims.email.includes("@")) throw new OAuthClaimError("missing email");
  const emailVerified = claims.email_verified === true || claims.email_verified === "true";
  return {
    sub: claims.sub,
    email: claims.email,
    emailVerified,
    name: typeof claims.name === "string" ? claims.name : undefined,
    hostedDomain: typeof claims.hd === "string" ? claims.hd : undefined,
  };
}

export function createOAuthProvider(google: NonNullable<Config["google"]>, now: () => Date = () => new Date()): OAuthProvider {
  const scopes = ["openid", "email", "profile"];
  const check = (tokens: OAuth2Tokens, nonce: string, issuers: string[]) =>
    verifyIdTokenClaims(decodeIdToken(tokens.idToken()) as Claims, {
      issuers,
      clientId: google.clientId,
      nonce,
      nowSeconds: Math.floor(now().getTime() / 1000),
    });
  const withExtras = (url: URL, nonce: string, hd: string | undefined) => {
    url.searchParams.set("nonce", nonce);
    // hd is only a hint for Google's account chooser; the claim is checked on our side after the exchange.
    if (hd) url.searchParams.set("hd", hd);
    url.searchParams.set("prompt", "select_account");
    return url;
  };

  if (google.issuer) {
    // Any OpenID issuer: the same authorization-code + PKCE flow through arctic's generic client.
    const issuer = google.issuer.replace(/\/$/, "");
    const client = new OAuth2Client(google.clientId, google.clientSecret, google.redirectUri);
    // Endpoints come from the issuer's discovery document (read once, retried after a failure).
    let endpoints: Promise<{ authorization: string; token: string }> | undefined;
    const discover = () => {
      endpoints ??= fetch(`${issuer}/.well-known/openid-configuration`)
        .then(async (res) => {
          if (!res.ok) throw new Error(`OpenID discovery failed with HTTP ${res.status}`);
          const doc = (await res.json()) as { authorization_endpoint?: string; token_endpoint?: string };
          if (!doc.authorization_endpoint || !doc.token_endpoint) throw new Error("OpenID discovery document lacks endpoints");
          return { authorization: doc.authorization_endpoint, token: doc.token_endpoint };
        })
        .catch((err) => {
          endpoints = undefined;
          throw err;
        });
      return endpoints;
    };
    return {
      label: "Google",
      issuer,
      authorizationURL: async (state, verifier, nonce, opts) =>
        withExtras(
          client.createAuthorizationURLWithPKCE((await discover()).authorization, state, CodeChallengeMethod.S256, verifier, scopes),
          nonce,
          opts?.hostedDomain,
        ),
      exchange: async (code, verifier, nonce) =>
        check(await client.validateAuthorizationCode((await discover()).token, code, verifier), nonce, [issuer]),
    };
  }
  const client = new Google(google.clientId, google.clientSecret, google.redirectUri);
  return {
    label: "Google",
    issuer: GOOGLE_ISSUERS[0] as string,
    authorizationURL: async (state, verifier, nonce, opts) =>
      withExtras(client.createAuthorizationURL(state, verifier, scopes), nonce, opts?.hostedDomain),
    exchange: async (code, verifier, nonce) => check(await client.validateAuthorizationCode(code, verifier), nonce, GOOGLE_ISSUERS),
  };
}
