/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core: no browser download. Each launch gets a
 * fresh profile; each test takes a fresh context (its own cookies and storage), like a new person.
 * The flags keep Chromium off the network it cannot reach here (see the machine notes).
 * Free of vitest so server tests and e2e tests share it.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

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
  close(): Promise<void>;
};

export type TestBrowser = {
  browser: Browser;
  /** A fresh context and page: no cookies, no storage. */
  newSession(opts?: { baseURL?: string }): Promise<BrowserSession>;
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
      const context = await browser.newContext({ ...(opts.baseURL ? { baseURL: opts.baseURL } : {}), locale: "en-US", timezoneId: "UTC" });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      const session: BrowserSession = {
        context,
        page,
        errors,
        async close() {
          sessions.delete(session);
          await context.close();
        },
      };
      sessions.add(session);
      return session;
    },
    async close() {
      for (const s of [...sessions]) await s.close().catch(() => {});
      await browser.close();
    },
  };
}
