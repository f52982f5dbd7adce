/**
 * `npm run bench -- wire-bytes`: the bytes a cold Chromium load of each main route moves over the wire, JavaScript
 * and total, the way a first-time visitor's browser sees them.
 *
 * The app runs as `npm start` runs it (e2e/support/server.ts, built client, demo seed). Each route is loaded in a
 * fresh browser context (empty HTTP cache; signed-in routes get the demo person's session cookie only) and waits
 * for the network to go idle. Bytes are counted from the DevTools protocol: for every response,
 * Network.loadingFinished's encodedDataLength (the body as sent, so compressed when compressed, plus the
 * response headers). WebSocket frames are not counted.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser } from "../e2e/support/browser";
import { signInThroughForm } from "../e2e/support/journeys";
import { ensureClientBuilt, startApp } from "../e2e/support/server";
import { loadAverage } from "./stats";

type Counted = { jsBytes: number; jsFiles: number; totalBytes: number; requests: number };

async function coldLoad(
  browser: Browser,
  url: string,
  storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>,
): Promise<Counted> {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC", ...(storageState ? { storageState } : {}) });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map<string, string>();
  const counted: Counted = { jsBytes: 0, jsFiles: 0, totalBytes: 0, requests: 0 };
  cdp.on("Network.responseReceived", (e: { requestId: string; type: string; response: { mimeType: string } }) => {
    types.set(e.requestId, e.type === "Script" || e.response.mimeType.includes("javascript") ? "js" : e.type);
  });
  cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
    counted.totalBytes += e.encodedDataLength;
    counted.requests++;
    if (types.get(e.requestId) === "js") {
      counted.jsBytes += e.encodedDataLength;
      counted.jsFiles++;
    }
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
  await context.close();
  return counted;
}

const kib = (n: number) => (n / 1024).toFixed(1);

export async function benchWireBytes() {
  ensureClientBuilt((line) => console.error(line));
  const app = await startApp({ serveClient: true });
  const browser = await launchBrowser();
  try {
    const accounts = app.demoAccounts();
    const signedIn = async (email: string) => {
      const session = await browser.newSession({ baseURL: app.url });
      await signInThroughForm(session.page, app.url, email, accounts.password);
      const state = await session.context.storageState();
      // A program page and a booking page of this person, if the demo gives them one.
      await session.page.goto(`${app.url}/`, { waitUntil: "networkidle" });
      const hrefs = await session.page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      await session.close();
      return { state, hrefs };
    };
    const mentee = await signedIn(accounts.mentee);
    const mentor = await signedIn(accounts.mentor);
    const admin = await signedIn(accounts.admin);
    const all = [...mentee.hrefs, ...mentor.hrefs];
    const program = all.find((h) => /^\/programs\/[0-9a-f-]{36}$/.test(h)) ?? all.find((h) => h.startsWith("/programs/"));
    const book = all.find((h) => h.startsWith("/book/"));
    const routes: [string, string, typeof mentee.state | undefined][] = [
      ["sign-in", "/sign-in", undefined],
      ["home (mentee)", "/", mentee.state],
      ["calendar (mentor)", "/calendar", mentor.state],
      [
        book ? "booking (mentee)" : "booking (mentee, no match: route shell only)",
        book ?? "/book/00000000-0000-4000-8000-000000000000",
        mentee.state,
      ],
      ["program page (mentor)", program ?? "/", mentor.state],
      ["admin: users", "/admin/users", admin.state],
    ];
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    console.log(`\n## Bytes on the wire, cold load per route (median of ${runs}; load average ${loadAverage()})`);
    console.log("| route | path | JS KiB | JS files | total KiB | requests |\n|---|---|---|---|---|---|");
    for (const [name, route, state] of routes) {
      const results: Counted[] = [];
      for (let i = 0; i < runs; i++) results.push(await coldLoad(browser.browser, `${app.url}${route}`, state));
      results.sort((a, b) => a.totalBytes - b.totalBytes);
      const m = results[Math.floor(results.length / 2)] as Counted;
      const shown = route.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ":id");
      console.log(`| ${name} | \`${shown}\` | ${kib(m.jsBytes)} | ${m.jsFiles} | ${kib(m.totalBytes)} | ${m.requests} |`);
    }
  } finally {
    await browser.close();
    await app.close();
  }
}
