/** The ID token claim checks on their own: the local OpenID provider cannot reproduce Google's quirks. */
import { describe, expect, it } from "vitest";
import { GOOGLE_ISSUERS, OAuthClaimError, verifyIdTokenClaims } from "./oauth";

const now = 1_800_000_000;
const expect0 = { issuers: GOOGLE_ISSUERS, clientId: "our-client.apps.googleusercontent.com", nonce: "n-0S6_WzA2Mj", nowSeconds: now };
const good = {
  iss: "https://accounts.google.com",
  aud: "our-client.apps.googleusercontent.com",
  azp: "our-client.apps.googleusercontent.com",
  sub: "110169484474386276334",
  email: "ada@example.edu",
  email_verified: true,
  hd: "example.edu",
  name: "Ada Lovelace",
  iat: now - 10,
  exp: now + 3590,
  nonce: "n-0S6_WzA2Mj",
};

function refusal(claims: Record<string, unknown>, expectOverrides: Partial<typeof expect0> = {}): string {
  try {
    verifyIdTokenClaims(claims, { ...expect0, ...expectOverrides });
  } catch (err) {
    if (err instanceof OAuthClaimError) return err.message;
    throw err;
  }
  throw new Error("the claims were accepted");
}

describe("ID token claim checks", () => {
  it("accepts a well-formed Google ID token and reads the identity from it", () => {
    expect(verifyIdTokenClaims(good, expect0)).toEqual({
      sub: "110169484474386276334",
      email: "ada@example.edu",
      emailVerified: true,
      name: "Ada Lovelace",
      hostedDomain: "example.edu",
    });
  });

  it("accepts Google's legacy issuer without the https:// prefix", () => {
    expect(verifyIdTokenClaims({ ...good, iss: "accounts.google.com" }, expect0).sub).toBe(good.sub);
  });

  it("refuses a token from another issuer", () => {
    expect(refusal({ ...good, iss: "https://evil.example" })).toBe("unexpected issuer");
    expect(refusal({ ...good, iss: undefined })).toBe("unexpected issuer");
  });

  it("refuses a token issued for another client", () => {
    expect(refusal({ ...good, aud: "someone-else.apps.googleusercontent.com" })).toBe("token was issued for another client");
    expect(refusal({ ...good, aud: ["someone-else"] })).toBe("token was issued for another client");
  });

  it("refuses a token with several audiences unless we are the authorized party", () => {
    expect(refusal({ ...good, aud: [expect0.clientId, "other"], azp: "other" })).toBe("unexpected authorized party");
    expect(verifyIdTokenClaims({ ...good, aud: [expect0.clientId, "other"] }, expect0).sub).toBe(good.sub);
  });

  it("refuses an expired token, allowing two minutes of clock skew", () => {
    expect(refusal({ ...good, exp: now - 121 })).toBe("token expired");
    expect(verifyIdTokenClaims({ ...good, exp: now - 60 }, expect0).sub).toBe(good.sub);
    expect(refusal({ ...good, exp: undefined })).toBe("token expired");
  });

  it("refuses a token issued in the future", () => {
    expect(refusal({ ...good, iat: now + 600 })).toBe("token issued in the future");
  });

  it("refuses a token whose nonce does not match the one this browser was given", () => {
    expect(refusal({ ...good, nonce: "another-browser-nonce" })).toBe("nonce mismatch");
    expect(refusal({ ...good, nonce: undefined })).toBe("nonce mismatch");
  });

  it("refuses a token without a subject or an email", () => {
    expect(refusal({ ...good, sub: "" })).toBe("missing subject");
    expect(refusal({ ...good, email: "not-an-address" })).toBe("missing email");
  });

  it("reads email_verified as Google sends it, boolean or string, and treats anything else as unverified", () => {
    expect(verifyIdTokenClaims({ ...good, email_verified: "true" }, expect0).emailVerified).toBe(true);
    expect(verifyIdTokenClaims({ ...good, email_verified: false }, expect0).emailVerified).toBe(false);
    expect(verifyIdTokenClaims({ ...good, email_verified: undefined }, expect0).emailVerified).toBe(false);
  });
});
