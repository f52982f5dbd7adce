/**
 * A local OpenID provider (oidc-provider) standing in for Google: one confidential client with PKCE, the
 * email / email_verified / hd claims in the ID token (as Google puts them there), and accounts derived from
 * the name typed into its login form, so a test picks the identity it needs:
 *
 *   "alice"                 -> sub "alice", alice@example.edu, verified, hd example.edu
 *   "bob-unverified"        -> email_verified false
 *   "carol-otherdomain"     -> carol-otherdomain@other.edu, hd other.edu
 *   "dan@example.edu"       -> that exact email (hd = its domain)
 *   "erin-nohd"             -> no hd claim (a consumer account)
 *
 * `setAccount(login, claims)` overrides or changes an account between sign-ins (same sub, new email, ...).
 * `walkSignIn` plays a browser through the whole redirect dance over real HTTP (no browser needed).
 * Free of vitest so server tests and e2e tests share it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AccountClaims, Provider as ProviderClass } from "oidc-provider";

export const OIDC_CLIENT_ID = "mis-test-client";
export const OIDC_CLIENT_SECRET = "mis-test-client-secret";

export type IdpClaims = {
  sub: string;
  email: string;
  email_verified: boolean;
  hd?: string | undefined;
  name?: string | undefined;
};

/** The identity the provider hands out for a login name (see the file comment). */
export function claimsForLogin(login: string): IdpClaims {
  const name = login.trim();
  const lower = name.toLowerCase();
  const domain = lower.includes("otherdomain") ? "other.edu" : "example.edu";
  const email = lower.includes("@") ? lower : `${lower.replace(/[^a-z0-9._+-]/g, "-")}@${domain}`;
  const emailDomain = email.split("@")[1];
  return {
    sub: name,
    email,
    email_verified: !lower.includes("unverified"),
    hd: lower.includes("nohd") ? undefined : emailDomain,
    name: `Test ${name}`,
  };
}

export type LocalOidcProvider = {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and OIDC_ISSUER for the app. */
  env(): Record<string, string>;
  /** (Re)creates the provider with these redirect URIs; use it when the app's URL is known only after it listens. */
  setRedirectUris(uris: string[]): void;
  /** Overrides the claims for one login name (merged over claimsForLogin). */
  setAccount(login: string, claims: Partial<IdpClaims>): void;
  /** Logins whose ID token was issued, in order (useful to prove the provider was really visited). */
  readonly issuedFor: string[];
  close(): Promise<void>;
};

export async function startOidcProvider(
  opts: { redirectUris?: string[]; clientId?: string; clientSecret?: string; port?: number } = {},
): Promise<LocalOidcProvider> {
  const clientId = opts.clientId ?? OIDC_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? OIDC_CLIENT_SECRET;
  const overrides = new Map<string, Partial<IdpClaims>>();
  const issuedFor: string[] = [];
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;

  // Listen first: the issuer URL (with its port) is part of the provider's configuration.
  const server: Server = createServer((req, res) => {
    if (!handler) {
      res.statusCode = 503;
      res.end("the test OpenID provider has no client yet (call setRedirectUris)");
      return;
    }
    // Google accepts prompt=select_account; this provider does not know it. The nearest equivalent is
    // prompt=login (always show the login form), which is what a fresh browser sees at Google anyway.
    if (req.url?.startsWith("/auth?")) {
      const url = new URL(req.url, "http://x");
      if (url.searchParams.get("prompt") === "select_account") {
        url.searchParams.set("prompt", "login");
        req.url = `${url.pathname}${url.search}`;
      }
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const addr = server.address();
  const issuer = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;

  const claimsOf = (login: string): IdpClaims => ({ ...claimsForLogin(login), ...overrides.get(login) });

  // oidc-provider warns (on import and per instance) about its development defaults and about Node 20;
  // all of that is expected in a test peer, so those lines are kept out of the test output.
  const { default: Provider } = await quietly(() => import("oidc-provider"));

  function configure(redirectUris: string[]) {
    const provider: ProviderClass = quietlySync(
      () =>
        new Provider(issuer, {
          clients: [
            {
              client_id: clientId,
              client_secret: clientSecret,
              redirect_uris: redirectUris,
              grant_types: ["authorization_code"],
              response_types: ["code"],
              token_endpoint_auth_method: "client_secret_basic",
            },
          ],
          claims: {
            openid: ["sub"],
            email: ["email", "email_verified", "hd"],
            profile: ["name", "given_name", "family_name", "picture"],
          },
          // Put email, email_verified and hd into the ID token itself, the way Google does.
          conformIdTokenClaims: false,
          pkce: { required: () => true },
          features: { devInteractions: { enabled: true } },
          cookies: { keys: ["mis-test-cookie-key-0123456789abcdef"] },
          ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
          async findAccount(_ctx: unknown, id: string) {
            return {
              accountId: claimsOf(id).sub,
              async claims(use: string) {
                const c = claimsOf(id);
                if (use === "id_token") issuedFor.push(id);
                const out: AccountClaims = { sub: c.sub, email: c.email, email_verified: c.email_verified };
                if (c.hd !== undefined) out.hd = c.hd;
                if (c.name !== undefined) out.name = c.name;
                return out;
              },
            };
          },
        }),
    );
    // Koa logs every 4xx it raises; the tests look at the responses instead.
    provider.on("error", () => {});
    provider.on("server_error", () => {});
    handler = provider.callback();
  }

  if (opts.redirectUris) configure(opts.redirectUris);

  return {
    issuer,
    clientId,
    clientSecret,
    issuedFor,
    env: () => ({ GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, OIDC_ISSUER: issuer }),
    setRedirectUris: configure,
    setAccount(login, claims) {
      overrides.set(login, { ...overrides.get(login), ...claims });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function muteOidcNotices(): () => void {
  const { warn, info } = console;
  const keep =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === "string" && /^oidc-provider (WARNING|NOTICE)/.test(args[0])) return;
      original(...args);
    };
  console.warn = keep(warn);
  console.info = keep(info);
  return () => {
    console.warn = warn;
    console.info = info;
  };
}

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const restore = muteOidcNotices();
  try {
    return await fn();
  } finally {
    restore();
  }
}

function quietlySync<T>(fn: () => T): T {
  const restore = muteOidcNotices();
  try {
    return fn();
  } finally {
    restore();
  }
}

/** The part of a cookie jar walkSignIn needs (server/test-support's CookieJar fits). */
export type JarLike = { header(): string; store(setCookies: string[]): void };

/** A minimal cookie jar (name -> value, no paths), enough for one origin. */
export class SimpleJar implements JarLike {
  readonly cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  store(setCookies: string[]) {
    for (const sc of setCookies) {
      const [pair, ...attrs] = sc.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

type Form = { action: string; method: string; fields: Map<string, string> };

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag) ?? new RegExp(`\\s${name}\\s*=\\s*'([^']*)'`, "i").exec(tag);
  return m?.[1]
    ?.replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** The first <form> of an HTML page with its inputs' names and values. */
export function parseForm(html: string): Form | undefined {
  const formMatch = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!formMatch) return undefined;
  const formTag = /<form\b[^>]*>/i.exec(formMatch[0])?.[0] ?? "";
  const fields = new Map<string, string>();
  for (const input of formMatch[1]?.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, "name");
    if (name) fields.set(name, attr(input, "value") ?? "");
  }
  return { action: attr(formTag, "action") ?? "", method: (attr(formTag, "method") ?? "get").toLowerCase(), fields };
}

export type WalkResult = {
  /** The provider's redirect back to the app (carrying code and state), after any tampering. */
  callbackUrl: URL;
  /** The app's answer to the callback. */
  status: number;
  /** Where the app sent the browser next (e.g. "/", "/welcome", "/sign-in?error=google_state"). */
  location: string;
  /** Every URL requested, in order. */
  visited: string[];
};

/**
 * Signs in through the provider like a browser: GET <app>/auth/google/start, follow the redirects to the
 * provider, submit its login form with `login` and its consent form, then follow the redirect back to
 * <app>/auth/google/callback and return the app's answer. Each origin gets its own cookie jar.
 */
export async function walkSignIn(opts: {
  appUrl: string;
  login: string;
  appJar: JarLike;
  providerJar?: JarLike;
  /** Changes the callback URL before the app sees it (e.g. to tamper with state). */
  tamperCallback?: (url: URL) => URL;
  startPath?: string;
}): Promise<WalkResult> {
  const app = new URL(opts.appUrl);
  const providerJar = opts.providerJar ?? new SimpleJar();
  const visited: string[] = [];
  let next: { url: URL; method: "GET" | "POST"; body?: URLSearchParams } = {
    url: new URL(opts.startPath ?? "/auth/google/start", app),
    method: "GET",
  };
  for (let step = 0; step < 20; step++) {
    let { url } = next;
    const isApp = url.origin === app.origin;
    const jar = isApp ? opts.appJar : providerJar;
    const isCallback = isApp && url.pathname === "/auth/google/callback";
    if (isCallback && opts.tamperCallback) url = opts.tamperCallback(new URL(url));
    visited.push(url.toString());
    const headers = new Headers();
    const cookie = jar.header();
    if (cookie) headers.set("cookie", cookie);
    if (next.body) headers.set("content-type", "application/x-www-form-urlencoded");
    const res = await fetch(url, { method: next.method, headers, body: next.body?.toString(), redirect: "manual" });
    jar.store(res.headers.getSetCookie());
    const location = res.headers.get("location");
    if (isCallback) {
      await res.arrayBuffer();
      return { callbackUrl: url, status: res.status, location: location ?? "", visited };
    }
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      const target = new URL(location, url);
      if (isApp && target.origin === app.origin && target.pathname !== "/auth/google/callback") {
        // The app answered /auth/google/start with a page of its own (e.g. sign-in unavailable).
        return { callbackUrl: target, status: res.status, location, visited };
      }
      next = { url: target, method: "GET" };
      continue;
    }
    const body = await res.text();
    const form = res.status === 200 ? parseForm(body) : undefined;
    if (!form) throw new Error(`unexpected ${res.status} from ${url}: ${body.slice(0, 500)}`);
    if (form.fields.has("login")) form.fields.set("login", opts.login);
    if (form.fields.has("password")) form.fields.set("password", "any password works here");
    next = { url: new URL(form.action, url), method: form.method === "post" ? "POST" : "GET", body: new URLSearchParams([...form.fields]) };
  }
  throw new Error(`sign-in did not come back to the app after 20 steps: ${visited.join(" -> ")}`);
}
