import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { DbHandle } from "../../db/client";
import { type AppServer, createApp } from "../app";
import { createOAuthProvider } from "../auth/oauth";
import { cookieSettings } from "../auth/session";
import { buildDeps } from "../build-deps";
import { createTestClock, type TestClock } from "../clock";
import { loadConfig } from "../config";
import type { AppDeps } from "../deps";
import { silentLogger } from "../logger";
import type { DevMailboxList } from "../modules/dev/dev-mailbox.schema";
import type { AppRouter } from "../router";
import { makeUser, sessionTokenFor } from "./factories";
import { openTestDb } from "./test-db";

export type TestApp = {
  url: string;
  deps: AppDeps;
  handle: DbHandle;
  clock: TestClock;
  app: AppServer;
  /** A tRPC client with its own cookie jar, like one browser. */
  client(opts?: { origin?: string }): BrowserLikeClient;
  /**
   * The captured mail and texts to `to`, read as a platform admin (the only role that sees everyone's messages
   * in the dev mailbox), newest first.
   */
  devMessagesTo(to: string): Promise<DevMailboxList["messages"]>;
  close(): Promise<void>;
};

export type BrowserLikeClient = ReturnType<typeof createTRPCClient<AppRouter>>;

const jars = new WeakMap<object, CookieJar>();
/** The cookie jar of a client made by TestApp.client(). */
export function jarOf(client: BrowserLikeClient): CookieJar {
  const jar = jars.get(client);
  if (!jar) throw new Error("not a test client");
  return jar;
}

export class CookieJar {
  cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(setCookies: string[]) {
    for (const sc of setCookies) {
      const [pair, ...attrs] = sc.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const maxAge = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("max-age="));
      if (value === "" || maxAge === "Max-Age=0") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string) {
    return this.cookies.get(name);
  }
}

/** fetch that carries a cookie jar, like a browser would for same-origin requests. */
export function jarFetch(jar: CookieJar, extraHeaders: Record<string, string> = {}): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const c = jar.header();
    if (c) headers.set("cookie", c);
    for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
    const res = await fetch(input, { ...init, headers, redirect: "manual" });
    jar.store(res.headers.getSetCookie());
    return res;
  };
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: { clock?: TestClock; handle?: DbHandle } = {},
): Promise<TestApp> {
  const handle = opts.handle ?? (await openTestDb());
  const uploadDir = mkdtempSync(path.join(tmpdir(), "mis-uploads-"));
  const clock = opts.clock ?? createTestClock(new Date());
  // The public URL must match the listening port for origin checks; we fix it after listen via a placeholder.
  let config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PORT: "0",
    UPLOAD_DIR: uploadDir,
    PUBLIC_URL: "http://127.0.0.1:1",
    ...env,
  });
  const deps0 = buildDeps(config, handle, clock, silentLogger);
  const app = await createApp(deps0);
  await new Promise<void>((r) => app.server.listen(0, "127.0.0.1", r));
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const publicUrl = env.PUBLIC_URL ?? url;
  const google = config.google && { ...config.google, redirectUri: env.GOOGLE_REDIRECT_URI ?? `${publicUrl}/auth/google/callback` };
  config = { ...config, publicUrl, google };
  // Same objects, config updated in place so every closure sees the real URL.
  Object.assign(deps0.config, config);
  // The sign-in provider was built with the placeholder URL; rebuild it with the real callback address.
  if (google) deps0.oauth = createOAuthProvider(google, () => clock.now());
  let admin: Promise<BrowserLikeClient> | undefined;
  const testApp: TestApp = {
    url,
    deps: deps0,
    handle,
    clock,
    app,
    client(copts = {}) {
      const jar = new CookieJar();
      const client = createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({ url: `${url}/trpc`, transformer: superjson, fetch: jarFetch(jar, copts.origin ? { origin: copts.origin } : {}) }),
        ],
      });
      jars.set(client, jar);
      return client;
    },
    async devMessagesTo(to) {
      admin ??= (async () => {
        const user = await makeUser(handle.db, { admin: true, name: "Mailbox Admin" });
        const client = testApp.client();
        jarOf(client).cookies.set(cookieSettings(deps0.config.publicUrl).name, await sessionTokenFor(handle.db, clock, user.id));
        return client;
      })();
      return (await (await admin).devMailbox.list.query({ to })).messages;
    },
    async close() {
      await app.close();
      await deps0.mailer.close();
      if (!opts.handle) await handle.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
  return testApp;
}

/** The app error code a failed call carried (VALIDATION, FORBIDDEN, ...). */
export async function errorOf(p: Promise<unknown>): Promise<{ appCode: string; message: string; fieldErrors: Record<string, string[]> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const data = err.data as { appCode?: string; fieldErrors?: Record<string, string[]> } | undefined;
      return { appCode: data?.appCode ?? "UNKNOWN", message: err.message, fieldErrors: data?.fieldErrors ?? {} };
    }
    throw err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
