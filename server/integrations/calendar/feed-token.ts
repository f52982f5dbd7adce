import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The secret in a person's private iCal subscription URL. Whoever has the URL can read the feed (calendar apps
 * cannot sign in), so the token is the only protection: 256 random bits, only its SHA-256 stored, replaced as a
 * whole when the person regenerates the link (the old URL then stops working).
 */

const TOKEN_BYTES = 32;
/** base64url of 32 bytes, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateFeedToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function isWellFormedFeedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * What is stored per user (a bytea column, or `.toString("hex")` for text). A plain hash is enough: the token has
 * 256 bits of entropy, so there is nothing to brute-force, and the hash can be looked up by equality.
 */
export function hashFeedToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** Constant-time comparison of a presented token with a stored hash; malformed tokens are refused before hashing. */
export function verifyFeedToken(token: string, storedHash: Uint8Array): boolean {
  if (!isWellFormedFeedToken(token)) return false;
  const presented = hashFeedToken(token);
  return storedHash.length === presented.length && timingSafeEqual(presented, storedHash);
}

/**
 * The URL people paste into their calendar app. `webcal://` makes Apple and Outlook offer to subscribe; Google's
 * "From URL" wants the https form, so both are offered.
 */
export function feedUrls(publicUrl: string, token: string, path = "/calendar/feed"): { https: string; webcal: string } {
  const https = `${publicUrl.replace(/\/$/, "")}${path}/${token}.ics`;
  return { https, webcal: https.replace(/^https?:/, "webcal:") };
}
