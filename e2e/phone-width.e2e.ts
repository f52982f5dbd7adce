/**
 * On a phone (375 x 740 CSS pixels): the sign-in page and the home page fit the screen without sideways
 * scrolling, and the navigation and the account menu can still be reached and used.
 */
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, launchBrowser, type TestBrowser } from "./support/browser";
import { heading, pageWidth, shot, signInThroughForm, signOutFromUserMenu } from "./support/journeys";
import { type AppProcess, startApp } from "./support/server";

const PHONE = { width: 375, height: 740 };

let app: AppProcess;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startApp({ env: { WORKER_POLL_MS: "200" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function phoneSession(): Promise<BrowserSession> {
  const session = await browser.newSession();
  await session.page.setViewportSize(PHONE);
  return session;
}

/** The element must lie inside the phone's screen, left to right. */
async function fitsAcross(name: string, element: Locator) {
  const box = await element.boundingBox();
  expect(box, `${name} is on the page`).not.toBeNull();
  expect(box?.x ?? -1, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), `${name} ends on screen`).toBeLessThanOrEqual(PHONE.width);
}

describe("on a phone-sized screen", () => {
  it("the sign-in page fits the screen", async () => {
    const session = await phoneSession();
    const { page } = session;
    await page.goto(`${app.url}/sign-in`);
    await heading(page, "Sign in");
    await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
    const { scrollWidth, clientWidth } = await pageWidth(page);
    expect(clientWidth).toBe(PHONE.width);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await fitsAcross("the Sign in button", page.getByRole("button", { name: "Sign in", exact: true }));
    await shot(page, "phone-01-sign-in");
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it("a mentee's home page fits the screen, and the navigation and the account menu work", async () => {
    const { mentee, password } = app.demoAccounts();
    const session = await phoneSession();
    const { page } = session;
    await signInThroughForm(page, app.url, mentee, password);
    await heading(page, "Welcome, Grace");
    await page.getByRole("region", { name: "Your programs" }).getByRole("link", { name: "Women in Tech 2027" }).waitFor();
    await page.getByRole("region", { name: "Your profile" }).getByText("Profile completeness").waitFor();
    const { scrollWidth } = await pageWidth(page);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "phone-02-home");

    // The main navigation is on screen, and following a link works.
    const nav = page.getByRole("navigation", { name: "Main" });
    await fitsAcross("the main navigation", nav);
    const profileLink = nav.getByRole("link", { name: "Profile" });
    await fitsAcross("the Profile link", profileLink);
    await profileLink.click();
    await page.waitForURL((u) => u.pathname === "/profile");
    expect((await pageWidth(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await nav.getByRole("link", { name: "Home" }).click();
    await heading(page, "Welcome, Grace");

    // The account menu opens inside the screen and signs out.
    await page.getByRole("button", { name: "Account menu for Grace Kim" }).click();
    const signOut = page.getByRole("button", { name: "Sign out" });
    await signOut.waitFor();
    await fitsAcross("the Sign out button", signOut);
    expect((await pageWidth(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "phone-03-account-menu");
    await page.keyboard.press("Escape");
    await signOut.waitFor({ state: "hidden" });
    await signOutFromUserMenu(page, "Grace Kim");
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
