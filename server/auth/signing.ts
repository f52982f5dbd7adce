import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { appSettings } from "../../db/schema/users";

/**
 * The key for signed links that work without signing in (one-click unsubscribe). APP_SECRET when set;
 * otherwise generated once and kept in the database, so every instance of one deployment shares it.
 */
export type Signer = {
  /** Pass the open transaction when signing inside one: PGlite has a single connection, so the key must be read on it. */
  sign(payload: object, tx?: DbOrTx): Promise<string>;
  verify<T>(token: string): Promise<T | null>;
};

export function createSigner(db: DbOrTx, appSecret: string | undefined): Signer {
  let key: Promise<Buffer> | undefined;
  const loadKey = async (on: DbOrTx) => {
    if (appSecret) return Buffer.from(appSecret, "utf8");
    await on
      .insert(appSettings)
      .values({ key: "signing_key", value: randomBytes(32).toString("base64url") })
      .onConflictDoNothing();
    const [row] = await on.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, "signing_key"));
    if (!row) throw new Error("signing key missing");
    return Buffer.from(row.value, "base64url");
  };
  const getKey = (on: DbOrTx = db) => {
    key ??= loadKey(on).catch((err) => {
      key = undefined;
      throw err;
    });
    return key;
  };
  const mac = async (data: string, on?: DbOrTx) =>
    createHmac("sha256", await getKey(on))
      .update(data)
      .digest();
  return {
    async sign(payload, tx) {
      const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
      return `${data}.${(await mac(data, tx)).toString("base64url")}`;
    },
    async verify<T>(token: string): Promise<T | null> {
      const [data, sig] = token.split(".");
      if (!data || !sig || token.length > 2000) return null;
      const expected = await mac(data);
      const given = Buffer.from(sig, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        return JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as T;
      } catch {
        return null;
      }
    },
  };
}
