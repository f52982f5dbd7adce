import { describe, expect, it } from "vitest";
import { feedUrls, generateFeedToken, hashFeedToken, isWellFormedFeedToken, verifyFeedToken } from "./feed-token";
import { createTokenCipher, TokenDecryptError } from "./token-crypto";

const secret = "an-app-secret-of-at-least-32-characters!";
const refreshToken = "1//0gLx-refresh-token_with.dots/and/slashes";

function flipOneChar(s: string): string {
  const c = s.charAt(0);
  return (c === "A" ? "B" : "A") + s.slice(1);
}

describe("OAuth tokens encrypted at rest", () => {
  it("round-trips, in the versioned v1.<iv>.<ciphertext>.<tag> form, with a fresh IV each time", () => {
    const cipher = createTokenCipher(secret);
    const a = cipher.encrypt(refreshToken, "user-1");
    const b = cipher.encrypt(refreshToken, "user-1");
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("refresh");
    expect(cipher.decrypt(a, "user-1")).toBe(refreshToken);
    expect(createTokenCipher(secret).decrypt(b, "user-1")).toBe(refreshToken);
    expect(cipher.decrypt(cipher.encrypt(""), undefined)).toBe("");
    expect(cipher.decrypt(cipher.encrypt("ünïcödé ✓"))).toBe("ünïcödé ✓");
  });

  it("detects tampering with any part", () => {
    const cipher = createTokenCipher(secret);
    const [v, iv, data, tag] = cipher.encrypt(refreshToken, "user-1").split(".") as [string, string, string, string];
    for (const changed of [
      [v, flipOneChar(iv), data, tag],
      [v, iv, flipOneChar(data), tag],
      [v, iv, data, flipOneChar(tag)],
      [v, iv, data.slice(0, -2), tag],
    ]) {
      expect(() => cipher.decrypt(changed.join("."), "user-1")).toThrow(TokenDecryptError);
    }
    expect(() => cipher.decrypt(["v2", iv, data, tag].join("."), "user-1")).toThrow(/unknown format/);
    expect(() => cipher.decrypt("plain-refresh-token", "user-1")).toThrow(/not a sealed token/);
    expect(() => cipher.decrypt([v, iv, data, "!!"].join("."), "user-1")).toThrow(/not a sealed token/);
  });

  it("refuses another key, another purpose, and another owner's row", () => {
    const sealed = createTokenCipher(secret).encrypt(refreshToken, "user-1");
    expect(() => createTokenCipher(`${secret}x`).decrypt(sealed, "user-1")).toThrow(/changed, or encrypted with another key/);
    expect(() => createTokenCipher(secret, "other-purpose").decrypt(sealed, "user-1")).toThrow(TokenDecryptError);
    expect(() => createTokenCipher(secret).decrypt(sealed, "user-2")).toThrow(TokenDecryptError);
  });

  it("refuses a secret shorter than 32 bytes", () => {
    expect(() => createTokenCipher("short")).toThrow(/at least 32 bytes/);
  });
});

describe("private iCal feed tokens", () => {
  it("are url-safe, 256 bits, different every time, and only their hash is stored", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateFeedToken()));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
    }
    const token = generateFeedToken();
    const hash = hashFeedToken(token);
    expect(hash).toHaveLength(32);
    expect(hash.toString("hex")).not.toContain(Buffer.from(token, "base64url").toString("hex"));
  });

  it("verify accepts the token and refuses another, a changed or a malformed one", () => {
    const token = generateFeedToken();
    const stored = new Uint8Array(hashFeedToken(token));
    expect(verifyFeedToken(token, stored)).toBe(true);
    expect(verifyFeedToken(generateFeedToken(), stored)).toBe(false);
    expect(verifyFeedToken(flipOneChar(token), stored)).toBe(false);
    expect(verifyFeedToken(`${token}=`, stored)).toBe(false);
    expect(verifyFeedToken("../../etc/passwd", stored)).toBe(false);
    expect(verifyFeedToken(token, stored.subarray(0, 16))).toBe(false);
    expect(isWellFormedFeedToken(token)).toBe(true);
  });

  it("regenerating gives a new URL, and the old token no longer verifies against the new hash", () => {
    const old = generateFeedToken();
    const fresh = generateFeedToken();
    expect(verifyFeedToken(old, hashFeedToken(fresh))).toBe(false);
    expect(feedUrls("https://mis.example.org/", fresh)).toEqual({
      https: `https://mis.example.org/calendar/feed/${fresh}.ics`,
      webcal: `webcal://mis.example.org/calendar/feed/${fresh}.ics`,
    });
  });
});
