import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * OAuth tokens at rest (Google Calendar refresh tokens): AES-256-GCM with a key derived from the app secret by
 * HKDF-SHA256 with a purpose label, so this key is never the one that signs links, and a leaked database
 * alone does not give anyone access to people's calendars.
 *
 * Output: `v1.<iv>.<ciphertext>.<tag>`, each part base64url; the IV is 12 random bytes per encryption. The version
 * and an optional context (e.g. the user id) are authenticated as associated data, so a ciphertext copied to
 * another user's row does not decrypt.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenDecryptError extends Error {
  constructor(reason: string) {
    super(`Stored token could not be decrypted: ${reason}`);
    this.name = "TokenDecryptError";
  }
}

export type TokenCipher = {
  encrypt(plaintext: string, context?: string): string;
  /** Throws TokenDecryptError when the value was changed, belongs to another context or was made with another key. */
  decrypt(sealed: string, context?: string): string;
};

export function createTokenCipher(secret: string | Uint8Array, purpose = "google-calendar-tokens"): TokenCipher {
  const ikm = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
  if (ikm.length < 32) throw new Error("token encryption needs a secret of at least 32 bytes");
  const key = Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), `mis/token-crypto/${purpose}/${VERSION}`, 32));
  const aadOf = (context: string | undefined) => Buffer.from(`${VERSION}|${context ?? ""}`, "utf8");

  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadOf(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
    },
    decrypt(sealed, context) {
      const parts = sealed.split(".");
      if (parts.length !== 4) throw new TokenDecryptError("not a sealed token");
      const [version, ivPart, dataPart, tagPart] = parts as [string, string, string, string];
      if (version !== VERSION) throw new TokenDecryptError(`unknown format ${JSON.stringify(version.slice(0, 8))}`);
      const b64url = /^[A-Za-z0-9_-]*$/;
      if (![ivPart, dataPart, tagPart].every((p) => b64url.test(p))) throw new TokenDecryptError("not a sealed token");
      const iv = Buffer.from(ivPart, "base64url");
      const tag = Buffer.from(tagPart, "base64url");
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptError("not a sealed token");
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aadOf(context));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(Buffer.from(dataPart, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new TokenDecryptError("it was changed, or encrypted with another key or for another owner");
      }
    },
  };
}
