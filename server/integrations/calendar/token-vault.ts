import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { appSettings } from "../../../db/schema/users";
import { createTokenCipher, type TokenCipher } from "./token-crypto";

/**
 * Google Calendar tokens at rest. The key is derived (token-crypto.ts, HKDF with its own purpose label) from
 * APP_SECRET when it is set; otherwise from a random secret generated once and kept in app_settings, so every
 * instance of one deployment shares it, as the link signer does. Each token is bound to its owner's user id.
 */
export type CalendarTokenVault = {
  /** Pass the open transaction when inside one: PGlite has a single connection, so the key must be read on it. */
  seal(plaintext: string, userId: string, on?: DbOrTx): Promise<string>;
  open(sealed: string, userId: string, on?: DbOrTx): Promise<string>;
};

const SETTING_KEY = "calendar_token_secret";

export function createCalendarTokenVault(db: DbOrTx, appSecret: string | undefined): CalendarTokenVault {
  let cipher: Promise<TokenCipher> | undefined;
  const load = async (on: DbOrTx): Promise<TokenCipher> => {
    if (appSecret) return createTokenCipher(appSecret);
    await on
      .insert(appSettings)
      .values({ key: SETTING_KEY, value: randomBytes(32).toString("base64url") })
      .onConflictDoNothing();
    const [row] = await on.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, SETTING_KEY));
    if (!row) throw new Error("calendar token secret missing");
    return createTokenCipher(Buffer.from(row.value, "base64url"));
  };
  const get = (on: DbOrTx = db) => {
    cipher ??= load(on).catch((err) => {
      cipher = undefined;
      throw err;
    });
    return cipher;
  };
  return {
    async seal(plaintext, userId, on) {
      return (await get(on)).encrypt(plaintext, userId);
    },
    async open(sealed, userId, on) {
      return (await get(on)).decrypt(sealed, userId);
    },
  };
}
