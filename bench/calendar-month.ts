/**
 * `npm run bench -- calendar-month`: switching months in "My calendar" with more than 1,000 sessions in each
 * month's view, timed in Chromium (playwright-core).
 *
 * The app runs as `npm start` runs it (e2e/support/server.ts) on a fresh PostgreSQL database, so the benchmark can
 * write the demo mentor's matches and sessions straight into the tables while the app serves them: 24 half-hour
 * sessions a day, back to back from 08:00 UTC, with four demo mentees, over every day two adjacent month views
 * show. The mentor signs in through the form, opens the first month, then presses "next" and "previous" in turn.
 * The month view shows a few sessions a day and a "+N more" button for the rest (`dayMaxEvents`), so each switch is
 * timed in the page from the click until the new month's title is shown, its events request has answered, and
 * every session in view is accounted for: the session elements drawn plus the N of every "+N more" (checked on
 * every animation frame). The events request's own time comes from the Resource Timing API.
 */
import { and, eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { matches } from "../db/schema/matching";
import { programMemberships } from "../db/schema/programs";
import { users } from "../db/schema/users";
import { launchBrowser } from "../e2e/support/browser";
import { signInThroughForm } from "../e2e/support/journeys";
import { ensureClientBuilt, startApp } from "../e2e/support/server";
import { insertSessions, type SessionRow, withPostgresDatabase } from "./bench-database";
import { loadAverage, median, ms, percentile } from "./stats";

const DAY = 86_400_000;
const PER_DAY = 24;
const SESSION_MS = 30 * 60_000;
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 20);
/** Every session's element carries the class the calendar gives a confirmed session (session-calendar.tsx). */
const EVENT_SELECTOR = ".session-confirmed";
/** FullCalendar's "+N more" button: the only element in a month grid that opens a dialog (the day's popover). */
const MORE_SELECTOR = ".app-calendar [role='button'][aria-haspopup='dialog']";
const REQUEST = "scheduling.mySessions";

interface MonthView {
  title: string;
  /** The first day shown: the Sunday on or before the 1st; a month view shows six weeks (en-US, fixed weeks). */
  gridStart: number;
  gridEnd: number;
}

/** The month views of the month after next and the one after it, so every session is in the future. */
function monthViews(now: Date): [MonthView, MonthView] {
  const view = (offset: number): MonthView => {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const gridStart = first.getTime() - first.getUTCDay() * DAY;
    const title = first.toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
    return { title, gridStart, gridEnd: gridStart + 42 * DAY };
  };
  return [view(2), view(3)];
}

/** Four active matches of the demo mentor in their program, written directly (no request flow, no emails). */
async function demoMatches(db: Awaited<ReturnType<typeof openDb>>["db"], mentorEmail: string) {
  const [mentor] = await db
    .select({ id: users.id, programId: programMemberships.programId })
    .from(users)
    .innerJoin(programMemberships, and(eq(programMemberships.userId, users.id), eq(programMemberships.role, "mentor")))
    .where(eq(users.email, mentorEmail))
    .limit(1);
  if (!mentor) throw new Error(`the demo mentor ${mentorEmail} mentors in no program`);
  const mentees = await db
    .select({ id: programMemberships.userId })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, mentor.programId), eq(programMemberships.role, "mentee")))
    .limit(4);
  return db
    .insert(matches)
    .values(mentees.map((m) => ({ programId: mentor.programId, mentorId: mentor.id, menteeId: m.id, source: "manual" as const })))
    .returning({ id: matches.id, programId: matches.programId, mentorId: matches.mentorId, menteeId: matches.menteeId });
}

/** Back-to-back half hours ([) ranges touch but do not overlap), so the mentor's calendar passes the EXCLUDE. */
function sessionRows(pairs: Awaited<ReturnType<typeof demoMatches>>, from: number, to: number): SessionRow[] {
  const rows: SessionRow[] = [];
  for (let day = from; day < to; day += DAY) {
    for (let k = 0; k < PER_DAY; k++) {
      const start = day + 8 * 3_600_000 + k * SESSION_MS;
      const pair = pairs[rows.length % pairs.length]!;
      rows.push({ ...pair, matchId: pair.id, start: new Date(start), end: new Date(start + SESSION_MS), status: "confirmed" });
    }
  }
  return rows;
}

/**
 * From the click: until the events request starts, the request itself, and from its response to the month shown;
 * and how the month's sessions were shown in the end (elements drawn, sessions behind "+N more" buttons).
 */
type Switch = { ms: number; beforeRequestMs: number[]; requestMs: number[]; afterResponseMs: number[]; drawn: number; behindMore: number };

/** The few browser globals the timing code uses (this project compiles without the DOM library). */
type PageGlobals = {
  document: {
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
    querySelector(selector: string): { textContent: string | null } | null;
  };
  performance: {
    now(): number;
    clearResourceTimings(): void;
    getEntriesByType(type: "resource"): { name: string; startTime: number; responseEnd: number }[];
  };
  requestAnimationFrame(callback: () => void): number;
};

type Target = { click: boolean; selector: string; more: string; request: string; count: number; title: string };

/**
 * Runs in the page on `element`: clicks it (unless waiting for the first month, whose request the page load made)
 * and waits, frame by frame, until the month titled `title` is shown, its events request has answered and the
 * drawn plus the hidden sessions add up to `count`. Gives up after a minute.
 * No named functions in here: tsx would wrap them in a helper the page does not have.
 */
const showMonth = async (element: unknown, { click, selector, more, request, count, title }: Target): Promise<Switch> => {
  const { document, performance, requestAnimationFrame } = globalThis as unknown as PageGlobals;
  if (click) performance.clearResourceTimings();
  const start = performance.now();
  if (click) (element as { click(): void }).click();
  let drawn = 0;
  let behindMore = 0;
  for (;;) {
    await new Promise((frame) => requestAnimationFrame(() => frame(null)));
    if (performance.now() - start > 60_000) throw new Error(`${title}: ${drawn} drawn + ${behindMore} behind "+N more" of ${count}`);
    if (!document.querySelector(".app-calendar")?.textContent?.includes(title)) continue;
    if (!performance.getEntriesByType("resource").some((e) => e.name.includes(request))) continue;
    drawn = document.querySelectorAll(selector).length;
    const links = document.querySelectorAll(more);
    behindMore = 0;
    for (let i = 0; i < links.length; i++) behindMore += Number(/\+(\d+)/.exec(links[i]?.textContent ?? "")?.[1] ?? Number.NaN);
    if (drawn + behindMore === count) break;
  }
  const requests = performance.getEntriesByType("resource").filter((e) => e.name.includes(request));
  const end = performance.now();
  return {
    ms: end - start,
    beforeRequestMs: requests.map((e) => e.startTime - start),
    requestMs: requests.map((e) => e.responseEnd - e.startTime),
    afterResponseMs: requests.map((e) => end - e.responseEnd),
    drawn,
    behindMore,
  };
};

export async function benchCalendarMonth() {
  ensureClientBuilt();
  console.log(`\n## Month switch in My calendar (load average ${loadAverage()})`);
  await withPostgresDatabase(async (url) => {
    const app = await startApp({ env: { DATABASE_URL: url } });
    const handle = await openDb({ url, max: 2 });
    const browser = await launchBrowser();
    try {
      const accounts = app.demoAccounts();
      const views = monthViews(new Date());
      const pairs = await demoMatches(handle.db, accounts.mentor);
      const rows = sessionRows(pairs, views[0].gridStart, views[1].gridEnd);
      await insertSessions(handle.db, rows);
      const inView = (v: MonthView) => rows.filter((r) => r.start.getTime() >= v.gridStart && r.start.getTime() < v.gridEnd).length;
      const expected = views.map(inView);
      console.log(
        `sessions: ${rows.length} for the mentor with ${pairs.length} mentees; in view: ${views.map((v, i) => `${v.title} ${expected[i]}`).join(", ")}`,
      );

      const { page, errors } = await browser.newSession({ baseURL: app.url });
      await signInThroughForm(page, app.url, accounts.mentor, accounts.password);
      const target = (i: number, click = true): Target => ({
        click,
        selector: EVENT_SELECTOR,
        more: MORE_SELECTOR,
        request: REQUEST,
        count: expected[i]!,
        title: views[i]!.title,
      });
      const firstDay = new Date(views[0].gridStart + 14 * DAY).toISOString().slice(0, 10);
      await page.goto(`/calendar?date=${firstDay}`);
      const calendar = page.getByRole("region", { name: "My sessions" });
      const first = await calendar.evaluate(showMonth, target(0, false));
      console.log(`first month shown: ${first.drawn} session elements drawn, ${first.behindMore} behind "+N more" buttons`);

      const buttons = [calendar.getByRole("button", { name: /^next/i }), calendar.getByRole("button", { name: /^prev/i })];
      const times: Switch[] = [];
      for (let i = 0; i < SWITCHES; i++) times.push(await buttons[i % 2]!.evaluate(showMonth, target((i + 1) % 2)));
      if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join("; ")}`);
      const switchMs = times.map((t) => t.ms);
      const requestMs = times.flatMap((t) => t.requestMs);
      const afterResponseMs = times.flatMap((t) => t.afterResponseMs.slice(-1));
      const beforeRequestMs = times.flatMap((t) => t.beforeRequestMs.slice(0, 1));
      const shownAs = [...new Set(times.map((t) => `${t.drawn} drawn + ${t.behindMore} behind "+N more"`))].join(", ");
      console.log("| case | median ms | p95 ms | runs | notes |\n|---|---|---|---|---|");
      console.log(
        `| month switch: click to the new month shown, its request answered, all its events accounted for | ${ms(median(switchMs))} | ${ms(percentile(switchMs, 95))} | ${switchMs.length} | ${expected.join(" / ")} events in view, shown as ${shownAs} |`,
      );
      console.log(
        `| of which from the click to the events request (the new month's grid drawn) | ${ms(median(beforeRequestMs))} | ${ms(percentile(beforeRequestMs, 95))} | ${beforeRequestMs.length} | |`,
      );
      console.log(
        `| of which the events request (scheduling.mySessions, Resource Timing) | ${ms(median(requestMs))} | ${ms(percentile(requestMs, 95))} | ${requestMs.length} | |`,
      );
      console.log(
        `| of which from the response to the new month shown (superjson, FullCalendar rendering) | ${ms(median(afterResponseMs))} | ${ms(percentile(afterResponseMs, 95))} | ${afterResponseMs.length} | |`,
      );
      console.log(`runs: ${switchMs.map(ms).join(", ")}`);
      console.log(`\nload average after: ${loadAverage()}`);
    } finally {
      await browser.close();
      await handle.close();
      await app.close();
    }
  });
}
