/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core: no browser download. Each launch gets a
 * fresh profile; each test takes a fresh context (its own cookies and storage), like a new person.
 * The flags keep Chromium off the network it cannot reach here (see the machine notes).
 * Every session's page is watched by axe-core (./a11y.ts): each page of the app it visits must have no critical
 * or serious violation; `close()` (and the journey harness after each test) fails with what was found.
 * Free of vitest so server tests and e2e tests share it.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { AccessibilityError, watchAccessibility } from "./a11y";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type BrowserSession = {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (CSP violations show up here too). */
  errors: string[];
  /** Runs axe-core on the page as it is now (e.g. a dialog open); throws listing any critical or serious violation. */
  checkAccessibility(state: string): Promise<void>;
  /** Waits for the checks after navigations, checks the current page, throws for anything found so far. */
  assertAccessible(): Promise<void>;
  /** Closes the context; throws (after closing) when a page it showed had a critical or serious violation. */
  close(): Promise<void>;
};

export type TestBrowser = {
  browser: Browser;
  /**
   * A fresh context and page: no cookies, no storage. The device's zone is UTC unless `timezoneId` says another
   * (an IANA name), for journeys about a device whose zone differs from the profile's.
   */
  newSession(opts?: { baseURL?: string; timezoneId?: string }): Promise<BrowserSession>;
  close(): Promise<void>;
};

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  const sessions = new Set<BrowserSession>();
  return {
    browser,
    async newSession(opts = {}) {
      const context = await browser.newContext({
        ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
        locale: "en-US",
        timezoneId: opts.timezoneId ?? "UTC",
      });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      const a11y = watchAccessibility(page);
      const session: BrowserSession = {
        context,
        page,
        errors,
        checkAccessibility: (state) => a11y.check(state),
        assertAccessible: () => a11y.assertClean(),
        async close() {
          sessions.delete(session);
          let failure: unknown;
          try {
            await a11y.assertClean();
          } catch (err) {
            failure = err;
          }
          await context.close();
          if (failure) throw failure;
        },
      };
      sessions.add(session);
      return session;
    },
    async close() {
      const findings: AccessibilityError["findings"] = [];
      for (const s of [...sessions]) {
        await s.close().catch((err) => {
          if (err instanceof AccessibilityError) findings.push(...err.findings);
        });
      }
      await browser.close();
      if (findings.length > 0) throw new AccessibilityError(findings);
    },
  };
}
