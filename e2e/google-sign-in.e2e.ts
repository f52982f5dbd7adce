/**
 * Sign in with Google in a real browser: Chromium goes from the app to the (local) OpenID provider, types a
 * login into its form, consents, and comes back to the app signed in or with the reason it was refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, launchBrowser, type TestBrowser } from "./support/browser";
import { type LocalOidcProvider, startOidcProvider } from "./support/oidc";
import { freePort } from "./support/process";
import { type AppProcess, startApp } from "./support/server";

let idp: LocalOidcProvider;
let app: AppProcess;
let browser: TestBrowser;

beforeAll(async () => {
  const port = await freePort();
  idp = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/auth/google/callback`] });
  app = await startApp({ port, env: { ...idp.env(), GOOGLE_ALLOWED_HD: "example.edu" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await idp?.close();
});

async function signInAtProvider(session: BrowserSession, login: string) {
  const { page } = session;
  await page.goto(`${app.url}/auth/google/start`);
  // The provider's own pages: a login form, then a consent form.
  await page.waitForURL((u) => u.origin === idp.issuer);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', "anything");
  await page.click('button[type="submit"]');
  await page.waitForSelector('input[name="prompt"][value="consent"]', { state: "attached" });
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => u.origin === app.url && !u.pathname.startsWith("/auth/google"));
  return new URL(page.url());
}

/** What the app knows about this browser's session, asked from the page itself (its cookies, its origin). */
async function whoAmI(session: BrowserSession) {
  return session.page.evaluate(async () => {
    const res = await fetch("/trpc/auth.me");
    const body = (await res.json()) as { result?: { data?: { json?: { email: string; hasGoogle: boolean } | null } } };
    return body.result?.data?.json ?? null;
  });
}

describe("sign in with Google in the browser", () => {
  it("a new member comes back from the provider signed in, on the welcome page", async () => {
    const session = await browser.newSession();
    const landed = await signInAtProvider(session, "wanjiru");
    expect(landed.pathname).toBe("/welcome");
    expect(await whoAmI(session)).toMatchObject({ email: "wanjiru@example.edu", hasGoogle: true });
    // The session cookie is out of reach of page scripts and never leaves for another site.
    const cookie = (await session.context.cookies(app.url)).find((c) => c.name === "session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await session.close();
  });

  it("a returning member lands on the home page of the same account", async () => {
    const first = await browser.newSession();
    await signInAtProvider(first, "kofi");
    await first.close();
    const again = await browser.newSession();
    const landed = await signInAtProvider(again, "kofi");
    expect(landed.pathname).toBe("/");
    expect(await whoAmI(again)).toMatchObject({ email: "kofi@example.edu" });
    await again.close();
  });

  it("an account from another school is sent back to the sign-in page with the reason, not signed in", async () => {
    const session = await browser.newSession();
    const landed = await signInAtProvider(session, "ivan-otherdomain");
    expect(landed.pathname).toBe("/sign-in");
    expect(landed.searchParams.get("error")).toBe("google_wrong_domain");
    expect(await whoAmI(session)).toBeNull();
    await session.close();
  });

  it("an unverified Google email is refused with its own reason", async () => {
    const session = await browser.newSession();
    const landed = await signInAtProvider(session, "uma-unverified");
    expect(landed.searchParams.get("error")).toBe("google_email_unverified");
    expect(await whoAmI(session)).toBeNull();
    await session.close();
  });
});
