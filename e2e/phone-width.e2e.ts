/**
 * On a phone (390 x 844 CSS pixels): no page scrolls sideways; the main navigation is a "Menu" button whose list
 * reaches every item (each link visible and followed), closes on Escape with focus back on the button; the
 * program tabs scroll to Members and Settings behind a visible cue; booking slot labels are not cut.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useJourneyApp } from "./support/journey";
import { heading, pageWidth, shot, signOutFromUserMenu } from "./support/journeys";

const PHONE = { width: 390, height: 844 };

const { app, newSession, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" }, viewport: PHONE });

/** The element must lie inside the phone's screen, left to right. */
async function fitsAcross(name: string, element: Locator) {
  const box = await element.boundingBox();
  expect(box, `${name} is on the page`).not.toBeNull();
  expect(box?.x ?? -1, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), `${name} ends on screen`).toBeLessThanOrEqual(PHONE.width);
}

/** Nothing on the page is wider than the screen (no sideways scrolling). */
async function noSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, clientWidth } = await pageWidth(page);
  expect(clientWidth, where).toBe(PHONE.width);
  if (scrollWidth <= PHONE.width) return;
  // Name the elements that stick out, so a failure says what to fix.
  const wide = await page.evaluate((limit) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document;
    type El = { getBoundingClientRect(): { right: number }; tagName: string; className: unknown; id: string };
    return Array.from(doc.querySelectorAll("body *") as ArrayLike<El>)
      .filter((el) => el.getBoundingClientRect().right > limit + 1)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).slice(0, 60)}`);
  }, PHONE.width);
  expect(scrollWidth, `${where} scrolls sideways; wider than the screen: ${wide.join(" | ")}`).toBeLessThanOrEqual(PHONE.width);
}

/** The text of the element that has the keyboard focus. */
function focusedText(page: Page): Promise<string | undefined> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }
    ).document.activeElement?.textContent?.trim(),
  );
}

/** Opens the main navigation's menu and answers its list of links. */
async function openMenu(page: Page): Promise<Locator> {
  const nav = page.getByRole("navigation", { name: "Main" });
  const button = nav.getByRole("button", { name: "Menu" });
  await fitsAcross("the Menu button", button);
  expect(await button.getAttribute("aria-expanded")).toBe("false");
  await button.click();
  expect(await button.getAttribute("aria-expanded")).toBe("true");
  const list = page.locator(`#${await button.getAttribute("aria-controls")}`);
  await list.waitFor();
  return list;
}

describe("on a phone-sized screen", () => {
  it("the sign-in page fits the screen", async () => {
    const session = await newSession();
    const { page } = session;
    await page.goto(`${app().url}/sign-in`);
    await heading(page, "Sign in");
    await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
    await noSidewaysScroll(page, "the sign-in page");
    await fitsAcross("the Sign in button", page.getByRole("button", { name: "Sign in", exact: true }));
    await shot(page, "phone-01-sign-in");
    expect(session.errors).toEqual([]);
  });

  it("a platform admin's menu reaches every navigation item, and Escape closes it with focus on the button", async () => {
    const { admin } = app().demoAccounts();
    const session = await signedIn(admin);
    const { page } = session;
    await heading(page, "Welcome, Ada");
    await noSidewaysScroll(page, "Home");

    // The links are hidden until the menu is opened: nothing is cut off in the header.
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Admin" }).isVisible()).toBe(false);
    let list = await openMenu(page);
    await shot(page, "phone-02-menu-open");
    // Focus moved into the list, on its first link.
    expect(await focusedText(page)).toBe("Home");
    const labels = (await list.getByRole("link").allTextContents()).map((t) => t.trim());
    expect(labels).toEqual(["Home", "Profile", "Calendar", "Availability", "Notifications", "Admin", "Dev mailbox"]);
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden" });
    expect(await focusedText(page)).toBe("Menu");

    // Every item is on screen in the open menu, is followed, and its page fits the screen.
    const paths: Record<string, string> = {
      Home: "/",
      Profile: "/profile",
      Calendar: "/calendar",
      Availability: "/availability",
      Notifications: "/notifications",
      Admin: "/admin/users",
      "Dev mailbox": "/dev/mailbox",
    };
    for (const label of labels) {
      list = await openMenu(page);
      const link = list.getByRole("link", { name: label, exact: true });
      await fitsAcross(`the ${label} link`, link);
      await link.click();
      await page.waitForURL((u) => u.pathname === paths[label]);
      await list.waitFor({ state: "hidden" });
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await noSidewaysScroll(page, `the ${label} page`);
    }

    // The admin tabs scroll too: the last one is reachable and its page fits.
    await page.goto(`${app().url}/admin/users`);
    const adminTabs = page.getByRole("navigation", { name: "Administration" });
    await adminTabs.getByRole("link", { name: "Message templates" }).click();
    await heading(page, "Message templates");
    await fitsAcross("the active admin tab", adminTabs.getByRole("link", { name: "Message templates" }));
    await noSidewaysScroll(page, "Message templates");
    for (const path of ["/admin/programs", "/admin/deliveries", "/admin/integrations"]) {
      await page.goto(`${app().url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await noSidewaysScroll(page, path);
    }

    // The account menu still opens inside the screen and signs out.
    await page.getByRole("button", { name: "Account menu for Ada Admin" }).click();
    const signOut = page.getByRole("button", { name: "Sign out" });
    await fitsAcross("the Sign out button", signOut);
    await page.keyboard.press("Escape");
    await signOut.waitFor({ state: "hidden" });
    await signOutFromUserMenu(page, "Ada Admin");
    expect(session.errors).toEqual([]);
  }, 180_000);

  it("for a mentee, a mentor and a coordinator the menu holds every item of the wide-screen navigation, each followed", async () => {
    const accounts = app().demoAccounts();
    for (const [role, email] of [
      ["mentee", accounts.mentee],
      ["mentor", accounts.mentor],
      ["coordinator", accounts.coordinator],
    ] as const) {
      // What the same person sees across the header of a wide screen is what the phone menu must reach.
      const wide = await signedIn(email, { viewport: { width: 1280, height: 900 } });
      const wideNav = wide.page.getByRole("navigation", { name: "Main" });
      await wideNav.getByRole("link").first().waitFor();
      const expected = (await wideNav.getByRole("link").allTextContents()).map((t) => t.trim()).filter(Boolean);
      expect(expected.length, `the ${role}'s wide navigation has links`).toBeGreaterThan(1);

      const session = await signedIn(email);
      const { page } = session;
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      let list = await openMenu(page);
      const labels = (await list.getByRole("link").allTextContents()).map((t) => t.trim());
      expect(labels, `the ${role}'s phone menu`).toEqual(expected);
      await page.keyboard.press("Escape");
      await list.waitFor({ state: "hidden" });
      for (const label of labels) {
        list = await openMenu(page);
        const link = list.getByRole("link", { name: label, exact: true });
        await fitsAcross(`the ${role}'s ${label} link`, link);
        const href = new URL((await link.getAttribute("href")) ?? "", app().url).pathname;
        await link.click();
        await page.waitForURL((u) => u.pathname === href);
        await list.waitFor({ state: "hidden" });
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.waitForLoadState("networkidle");
        await noSidewaysScroll(page, `the ${role}'s ${label} page`);
      }
      expect(session.errors, `the ${role}'s console`).toEqual([]);
    }
  }, 240_000);

  it("a coordinator scrolls the program tabs to Members and Settings, and every program page fits the screen", async () => {
    const { coordinator } = app().demoAccounts();
    const session = await signedIn(coordinator);
    const { page } = session;
    await page.getByRole("link", { name: "Women in Tech 2027" }).first().click();
    await heading(page, "Women in Tech 2027");
    const tabs = page.getByRole("navigation", { name: "Program pages" });
    const base = new URL(page.url()).pathname;
    await noSidewaysScroll(page, "the program overview");

    // More tabs than fit: the right-hand cue shows, and Settings is off screen until scrolled to.
    const cue = page.locator("[data-scroll-cue='right']");
    await cue.waitFor();
    const settings = tabs.getByRole("link", { name: "Settings", exact: true });
    const before = await settings.boundingBox();
    expect((before?.x ?? 0) + (before?.width ?? 0)).toBeGreaterThan(PHONE.width);
    await shot(page, "phone-03-program-tabs");

    const tabList = [
      ["Members", "/members"],
      ["Settings", "/settings"],
      ["Board", "/board"],
      ["Sessions", "/sessions"],
      ["Reviews", "/reviews"],
      ["Cohort matching", "/cohort"],
      ["Message templates", "/templates"],
      ["Office hours", "/office-hours"],
      ["Overview", ""],
    ] as const;
    // Every tab the program has is in this walk, so each one is shown to be reachable.
    const shown = (await tabs.getByRole("link").allTextContents()).map((t) => t.trim()).sort();
    expect(shown).toEqual(tabList.map(([label]) => label).sort());
    for (const [label, path] of tabList) {
      const tab = tabs.getByRole("link", { name: label, exact: true });
      await tab.click();
      await page.waitForURL((u) => u.pathname === `${base}${path}`);
      // The page's own tab is scrolled into view, whole.
      await expect
        .poll(async () => {
          const box = await tab.boundingBox();
          return (box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= PHONE.width;
        })
        .toBe(true);
      await page.waitForLoadState("networkidle");
      await noSidewaysScroll(page, `the program's ${label} page`);
    }
    // Back at the start, the cue on the left is gone and the one on the right is back.
    await page.locator("[data-scroll-cue='left']").waitFor({ state: "detached" });
    await cue.waitFor();
    expect(session.errors).toEqual([]);
  }, 180_000);

  it("a matched mentee's pages and the booking page fit the screen, with whole slot times", async () => {
    const session = await signedIn("omar.mentee@demo.mentoring.local");
    const { page } = session;
    await heading(page, "Welcome, Omar");
    await noSidewaysScroll(page, "Home");
    await page.getByRole("link", { name: "Book a session" }).first().click();
    await heading(page, "Book a session with Amara Okafor");
    const slots = page.getByRole("region", { name: "Available times" });
    const first = slots.getByText(/^\d\d:\d\d-\d\d:\d\d/).first();
    // The list shows one week; later in the week the pair's next free time can be in the next one.
    for (let week = 0; week < 3; week++) {
      await page.waitForLoadState("networkidle");
      if (await first.isVisible()) break;
      await slots.getByRole("button", { name: /^next/i }).click();
    }
    await first.waitFor();
    await noSidewaysScroll(page, "the booking page");
    // Each slot label is shown whole, not cut to "10:00-1".
    const cut = await slots.getByText(/^\d\d:\d\d-\d\d:\d\d/).evaluateAll((els) =>
      els
        .map((el) => el as unknown as { scrollWidth: number; clientWidth: number; textContent: string | null })
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
    await shot(page, "phone-04-booking");

    for (const path of ["/calendar", "/availability", "/profile", "/notifications", "/settings", "/settings/notifications"]) {
      await page.goto(`${app().url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      await noSidewaysScroll(page, path);
    }
    expect(session.errors).toEqual([]);
  }, 120_000);

  it("a mentor's Availability page fits the screen", async () => {
    const session = await signedIn(app().demoAccounts().mentor);
    const { page } = session;
    await page.goto(`${app().url}/availability`);
    await heading(page, "Availability");
    await page.getByRole("region", { name: "Weekly windows grid" }).waitFor();
    await page.waitForLoadState("networkidle");
    await noSidewaysScroll(page, "Availability");
    await shot(page, "phone-05-availability");
    expect(session.errors).toEqual([]);
  });
});
