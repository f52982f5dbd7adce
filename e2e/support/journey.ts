/**
 * The set-up most browser journeys share: the real app and one Chromium for the whole file, a fresh browser
 * session per person, signed in through the real form. `useJourneyApp` registers the beforeAll/afterAll that
 * start and stop them, so it is for e2e files only (unlike the rest of e2e/support, it uses vitest).
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { AccessibilityError } from "./a11y";
import { type BrowserSession, launchBrowser, type TestBrowser } from "./browser";
import { signInThroughForm } from "./journeys";
import { type AppProcess, type StartAppOptions, startApp } from "./server";

export type Viewport = { width: number; height: number };

export type JourneyOptions = {
  /** Extra app environment (e.g. WORKER_POLL_MS) for the default start. */
  env?: StartAppOptions["env"];
  /** Every session's viewport unless a call asks for another (Chromium's default otherwise). */
  viewport?: Viewport;
  /** Starts the app some other way (e.g. stage on a first run, then start again on the same data). */
  start?: () => Promise<AppProcess>;
};

export type Journey = {
  app(): AppProcess;
  browser(): TestBrowser;
  /** A fresh session (no cookies), closed with the browser after the file; the device's zone is UTC unless told. */
  newSession(opts?: { viewport?: Viewport; timezoneId?: string }): Promise<BrowserSession>;
  /** A fresh session signed in through the sign-in form; the password defaults to the demo accounts'. */
  signedIn(email: string, opts?: { password?: string; viewport?: Viewport; timezoneId?: string }): Promise<BrowserSession>;
};

export function useJourneyApp(options: JourneyOptions = {}): Journey {
  let app: AppProcess | undefined;
  let browser: TestBrowser | undefined;
  // Sessions opened by the running test: after it, each must have shown no critical or serious axe violation.
  let opened: BrowserSession[] = [];

  beforeAll(async () => {
    app = await (options.start ? options.start() : startApp({ env: options.env }));
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const sessions = opened;
    opened = [];
    const findings: AccessibilityError["findings"] = [];
    for (const session of sessions) {
      await session.assertAccessible().catch((err) => {
        if (!(err instanceof AccessibilityError)) throw err;
        findings.push(...err.findings);
      });
    }
    if (findings.length > 0) throw new AccessibilityError(findings);
  });
  afterAll(async () => {
    // Closing the browser closes every session it opened.
    await browser?.close();
    await app?.close();
  });

  const journey: Journey = {
    app() {
      if (!app) throw new Error("the app is not started yet (use it inside a test)");
      return app;
    },
    browser() {
      if (!browser) throw new Error("the browser is not launched yet (use it inside a test)");
      return browser;
    },
    async newSession(opts = {}) {
      const session = await journey.browser().newSession(opts.timezoneId ? { timezoneId: opts.timezoneId } : {});
      opened.push(session);
      const viewport = opts.viewport ?? options.viewport;
      if (viewport) await session.page.setViewportSize(viewport);
      return session;
    },
    async signedIn(email, opts = {}) {
      const session = await journey.newSession({ viewport: opts.viewport, timezoneId: opts.timezoneId });
      const password = opts.password ?? journey.app().demoAccounts().password;
      await signInThroughForm(session.page, journey.app().url, email, password);
      return session;
    },
  };
  return journey;
}
