/**
 * Sign in with Google, end to end over real HTTP against a local OpenID provider (oidc-provider): the test
 * walks the redirects like a browser (cookie jars, redirect: "manual"), submits the provider's login and
 * consent forms, and follows the provider back to /auth/google/callback.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/users";
import { type LocalOidcProvider, startOidcProvider, walkSignIn } from "../../e2e/support/oidc";
import { makeUser } from "../test-support/factories";
import { type BrowserLikeClient, jarOf, startTestApp, type TestApp } from "../test-support/test-app";

let idp: LocalOidcProvider;
let t: TestApp;
let hdApp: TestApp;

beforeAll(async () => {
  idp = await startOidcProvider();
  t = await startTestApp({ ...idp.env() });
  hdApp = await startTestApp({ ...idp.env(), GOOGLE_ALLOWED_HD: "example.edu" });
  // The apps' addresses are known only now that they listen; register both callbacks with the provider.
  idp.setRedirectUris([`${t.url}/auth/google/callback`, `${hdApp.url}/auth/google/callback`]);
});
afterAll(async () => {
  await t?.close();
  await hdApp?.close();
  await idp?.close();
});

async function signIn(app: TestApp, login: string, opts: { tamperCallback?: (u: URL) => URL } = {}) {
  const browser = app.client();
  const result = await walkSignIn({ appUrl: app.url, login, appJar: jarOf(browser), ...opts });
  return { browser, result };
}

async function usersWithEmail(app: TestApp, email: string) {
  return app.deps.db.select({ id: users.id, googleSub: users.googleSub }).from(users).where(eq(users.email, email));
}

async function expectSignedOut(browser: BrowserLikeClient) {
  expect(await browser.auth.me.query()).toBeNull();
  expect(jarOf(browser).get("session")).toBeUndefined();
}

describe("sign in with Google", () => {
  it("creates a new account with the verified Google email and signs it in", async () => {
    const { browser, result } = await signIn(t, "alice");
    expect(result.location).toBe("/welcome");
    expect(idp.issuedFor).toContain("alice");
    const me = await browser.auth.me.query();
    expect(me?.email).toBe("alice@example.edu");
    expect(me?.emailVerified).toBe(true);
    expect(me?.hasGoogle).toBe(true);
    expect(me?.hasPassword).toBe(false);
    expect(me?.name).toBe("Test alice");
  });

  it("signs a returning member in to the same account, found by Google's subject even after the email changed", async () => {
    const first = await signIn(t, "ruth");
    const firstMe = await first.browser.auth.me.query();
    expect(first.result.location).toBe("/welcome");

    idp.setAccount("ruth", { email: "ruth.new-name@example.edu" });
    const again = await signIn(t, "ruth");
    expect(again.result.location).toBe("/");
    const me = await again.browser.auth.me.query();
    expect(me?.id).toBe(firstMe?.id);
    expect(await usersWithEmail(t, "ruth.new-name@example.edu")).toHaveLength(0);
    expect(await t.deps.db.select({ id: users.id }).from(users).where(eq(users.googleSub, "ruth"))).toHaveLength(1);
  });

  it("refuses a Google account whose email is not verified, creating no account and no session", async () => {
    const { browser, result } = await signIn(t, "bob-unverified");
    expect(result.location).toBe("/sign-in?error=google_email_unverified");
    expect(await usersWithEmail(t, "bob-unverified@example.edu")).toHaveLength(0);
    await expectSignedOut(browser);
  });

  it("refuses an account from another hosted domain when GOOGLE_ALLOWED_HD is set", async () => {
    const other = await signIn(hdApp, "carol-otherdomain");
    expect(other.result.location).toBe("/sign-in?error=google_wrong_domain");
    expect(await usersWithEmail(hdApp, "carol-otherdomain@other.edu")).toHaveLength(0);
    await expectSignedOut(other.browser);

    // A consumer account has no hosted domain at all: refused as well.
    const consumer = await signIn(hdApp, "erin-nohd");
    expect(consumer.result.location).toBe("/sign-in?error=google_wrong_domain");

    const insider = await signIn(hdApp, "dora");
    expect(insider.result.location).toBe("/welcome");
    expect((await insider.browser.auth.me.query())?.email).toBe("dora@example.edu");
  });

  it("links Google to an existing password account only when that account's email is verified", async () => {
    const verified = await makeUser(t.deps.db, { email: "frank@example.edu", verified: true });
    const linked = await signIn(t, "frank");
    expect(linked.result.location).toBe("/");
    const me = await linked.browser.auth.me.query();
    expect(me?.id).toBe(verified.id);
    expect(me?.hasGoogle).toBe(true);
    expect(me?.hasPassword).toBe(true);

    const unverified = await makeUser(t.deps.db, { email: "gina@example.edu", verified: false });
    const refused = await signIn(t, "gina");
    expect(refused.result.location).toBe("/sign-in?error=google_link_unverified");
    await expectSignedOut(refused.browser);
    const [row] = await usersWithEmail(t, "gina@example.edu");
    expect(row?.id).toBe(unverified.id);
    expect(row?.googleSub).toBeNull();
  });

  it("refuses a callback whose state was tampered with", async () => {
    const { browser, result } = await signIn(t, "hank", {
      tamperCallback: (u) => {
        u.searchParams.set("state", "forged-state-value");
        return u;
      },
    });
    expect(result.callbackUrl.searchParams.get("code")).toBeTruthy();
    expect(result.location).toBe("/sign-in?error=google_state");
    expect(await usersWithEmail(t, "hank@example.edu")).toHaveLength(0);
    await expectSignedOut(browser);
  });

  it("refuses a genuine callback replayed in another browser, which never started the sign-in", async () => {
    const victim = t.client();
    let stolen: URL | undefined;
    // The attacker's own sign-in, stopped just before the callback and replayed in the victim's browser.
    await walkSignIn({
      appUrl: t.url,
      login: "mallory",
      appJar: jarOf(t.client()),
      tamperCallback: (u) => {
        stolen = new URL(u);
        u.searchParams.set("code", "");
        return u;
      },
    });
    expect(stolen).toBeDefined();
    const res = await fetch(stolen as URL, { redirect: "manual" });
    jarOf(victim).store(res.headers.getSetCookie());
    expect(res.headers.get("location")).toBe("/sign-in?error=google_state");
    await expectSignedOut(victim);
    expect(await usersWithEmail(t, "mallory@example.edu")).toHaveLength(0);
  });
});
