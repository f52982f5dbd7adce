import { randomBytes } from "node:crypto";
import { type DbHandle, openDb } from "../../db/client";

/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
export async function openTestDb(): Promise<DbHandle & { url: string | undefined }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { ...(await openDb({})), url: undefined };
  const postgres = (await import("postgres")).default;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `mis_test_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString(), max: 20 });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
