/**
 * The coordinator's cohort-to-board journey in two browsers: a dry run of cohort matching (best total score)
 * with live progress and a preview (pairs, scores, reasons, summary, mentor load); one pair excluded and one
 * locked, a re-run that honours both; publish. On the Board the published matches are live with their scores;
 * the coordinator pauses the mentee's match with a reason; the match page's history names who did what and why;
 * the mentee's overview shows the pause without a reload (card and bell); the activity log lists it all.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { BrowserSession } from "./support/browser";
import { useJourneyApp } from "./support/journey";
import { heading, shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" } });

/** The account menu button carries the signed-in person's name. */
async function ownName(page: Page): Promise<string> {
  const label = (await page.getByRole("button", { name: /^Account menu for / }).getAttribute("aria-label")) ?? "";
  return label.replace(/^Account menu for /, "");
}

/** The unread count the bell announces ("Notifications, 3 unread"). */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  const label = (await bell.getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(label)?.[1] ?? Number.NaN);
}

type PreviewRow = { mentee: string; mentor: string; score: number; why: string; locked: boolean };

/** The rows of the preview's Pairs table, as a person reads them. */
async function previewRows(pairs: Locator): Promise<PreviewRow[]> {
  const rows = pairs.locator("tbody tr");
  const out: PreviewRow[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator("td");
    const mentorCell = ((await cells.nth(1).textContent()) ?? "").trim();
    out.push({
      mentee: ((await cells.nth(0).textContent()) ?? "").trim(),
      mentor: mentorCell.replace(/\s*Locked$/, ""),
      score: Number(((await cells.nth(2).textContent()) ?? "").trim()),
      why: ((await cells.nth(3).textContent()) ?? "").trim(),
      locked: /Locked$/.test(mentorCell),
    });
  }
  return out;
}

/** A figure of the preview summary ("Average score" -> "78"). */
async function summaryValue(page: Page, label: string): Promise<string> {
  const term = page.locator("dt", { hasText: new RegExp(`^${label}$`) });
  return ((await term.locator("xpath=following-sibling::dd[1]").textContent()) ?? "").trim();
}

/**
 * Starts watching the page for the run's live progress (the progress bar, or the "waiting"/"running" state)
 * before the run is started, so a state shown only briefly is still seen.
 */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      __progressSeen: string[];
      document: { body: { textContent: string; querySelector(s: string): unknown } };
      MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void };
    };
    w.__progressSeen = [];
    const look = () => {
      if (w.document.body.querySelector('[role="progressbar"][aria-label="Cohort run progress"]')) w.__progressSeen.push("progressbar");
      if (/Waiting for the worker…|\d+% done/.test(w.document.body.textContent)) w.__progressSeen.push("progress text");
    };
    new w.MutationObserver(look).observe(w.document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

async function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __progressSeen: string[] }).__progressSeen);
}

const noErrors = (s: BrowserSession) => s.errors.filter((x) => !x.includes("favicon"));

describe("coordinator board", () => {
  it("a coordinator runs, tunes and publishes cohort matching, pauses a match, and the mentee sees it live", async () => {
    const { coordinator, mentee } = app().demoAccounts();

    // The coordinator opens the program from her home page and goes to Cohort matching.
    const c = await signedIn(coordinator);
    const page = c.page;
    const coordinatorName = await ownName(page);
    await page.getByRole("link", { name: "Women in Tech 2027" }).first().click();
    await heading(page, "Women in Tech 2027");
    const programPath = new URL(page.url()).pathname;
    await page.getByRole("navigation", { name: "Program pages" }).getByRole("link", { name: "Cohort matching" }).click();
    const runCard = page.getByRole("region", { name: "Run cohort matching" });
    await runCard.waitFor();

    // 1. A dry run with the best total score: the progress shows live, then the preview.
    await runCard.getByLabel("Method").selectOption({ label: "Best total score" });
    await runCard.getByText("Makes the pairs with the highest total score across the whole cohort, proven optimal.").waitFor();
    await watchProgress(page);
    await runCard.getByRole("button", { name: "Run (dry run)" }).click();
    const pairs = page.getByRole("region", { name: "Pairs" });
    await page.getByText("Preview ready", { exact: true }).first().waitFor({ timeout: 30_000 });
    await pairs.locator("tbody tr").first().waitFor();
    expect(await progressSeen(page)).not.toEqual([]);
    await shot(page, "board-01-preview");

    const first = await previewRows(pairs);
    // Six demo mentees are matched in the seed; cohort matching pairs the other six.
    expect(first).toHaveLength(6);
    for (const row of first) {
      expect(row.score).toBeGreaterThan(0);
      expect(row.why).not.toBe("");
      expect(row.locked).toBe(false);
    }
    expect(new Set(first.map((r) => r.mentee)).size).toBe(6);
    expect(await summaryValue(page, "Pairs")).toBe("6");
    expect(await summaryValue(page, "Not matched")).toBe("0");
    const average = Number(await summaryValue(page, "Average score"));
    const lowest = Number(await summaryValue(page, "Lowest score"));
    expect(lowest).toBe(Math.min(...first.map((r) => r.score)));
    expect(average).toBeGreaterThanOrEqual(lowest);
    expect(await summaryValue(page, "Blocking pairs")).toMatch(/^\d+$/);
    const load = page.getByRole("region", { name: "Mentor load" });
    expect(await load.locator("tbody tr").count()).toBe(6);
    const assignedTotal = (await load.locator("tbody tr td:nth-child(4)").allTextContents()).reduce((n, t) => n + Number(t), 0);
    expect(assignedTotal).toBe(6);

    // Lock the demo mentee's pair; exclude another mentee's pair.
    const menteeName = "Grace Kim";
    const lockedRow = first.find((r) => r.mentee === menteeName);
    const excludedRow = first.find((r) => r.mentee !== menteeName);
    if (!lockedRow || !excludedRow) throw new Error("the preview lacks the pairs to lock and exclude");
    await pairs.getByRole("button", { name: `Lock ${lockedRow.mentee} with ${lockedRow.mentor}` }).click();
    await pairs.getByRole("button", { name: `Exclude ${excludedRow.mentee} with ${excludedRow.mentor}` }).click();
    await runCard.getByText("1 locked pair and 1 excluded pair chosen in the preview below.").waitFor();
    expect(
      await pairs.getByRole("button", { name: `Lock ${lockedRow.mentee} with ${lockedRow.mentor}` }).getAttribute("aria-pressed"),
    ).toBe("true");

    // Re-run: the new preview keeps the locked pair (marked) and leaves the excluded one out.
    await watchProgress(page);
    await runCard.getByRole("button", { name: "Re-run with locks and exclusions" }).click();
    const pastRuns = page.getByRole("region", { name: "Past runs" });
    await pastRuns.getByRole("listitem").nth(1).waitFor();
    await pairs.getByRole("row").filter({ hasText: menteeName }).getByText("Locked", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: /^Publish \d+ match/ }).waitFor();
    expect(await progressSeen(page)).not.toEqual([]);
    const second = await previewRows(pairs);
    expect(second).toHaveLength(6);
    expect(second.find((r) => r.mentee === lockedRow.mentee)).toMatchObject({ mentor: lockedRow.mentor, locked: true });
    expect(second.filter((r) => r.locked)).toHaveLength(1);
    const excludedNow = second.find((r) => r.mentee === excludedRow.mentee);
    expect(excludedNow).toBeDefined();
    expect(excludedNow?.mentor).not.toBe(excludedRow.mentor);
    await shot(page, "board-02-rerun");

    // Publish, after confirming.
    await page.getByRole("button", { name: "Publish 6 matches" }).click();
    const confirm = page.getByRole("dialog", { name: "Publish this cohort?" });
    await confirm.getByText("This will create 6 matches and notify 12 people.").waitFor();
    await confirm.getByRole("button", { name: "Publish", exact: true }).click();
    await confirm.waitFor({ state: "hidden" });
    await page.getByText("6 matches created; both people in each pair were notified.").waitFor();
    await page
      .getByRole("region", { name: /^Run of / })
      .getByText("Published", { exact: true })
      .waitFor();
    await shot(page, "board-03-published");

    // The mentee, in her own browser, sees her new match on the program overview.
    const e = await signedIn(mentee);
    await e.page.goto(`${app().url}${programPath}`);
    await heading(e.page, "Women in Tech 2027");
    const mine = e.page.getByRole("region", { name: "Your matches" });
    const myMatch = mine.getByRole("listitem").filter({ hasText: `${lockedRow.mentor} (your mentor)` });
    await myMatch.getByText("Active", { exact: true }).waitFor();
    const bellBefore = await bellCount(e.page);

    // 2. The Board lists the published matches with their scores.
    await page.getByRole("navigation", { name: "Program pages" }).getByRole("link", { name: "Board" }).click();
    const live = page.getByRole("region", { name: "Live matches" });
    await live.getByText("12 active or paused.").waitFor();
    const liveItems = live.getByRole("listitem");
    expect(await liveItems.count()).toBe(12);
    for (const row of second) {
      const item = liveItems.filter({ has: page.getByRole("link", { name: `${row.mentee} with ${row.mentor}`, exact: true }) });
      await item.getByText(`Score ${row.score}`, { exact: true }).waitFor();
      await item.getByText("Cohort matching", { exact: true }).waitFor();
    }

    // Pause the mentee's match with a reason.
    const pairLabel = `${lockedRow.mentee} with ${lockedRow.mentor}`;
    const reason = "Grace is travelling for work until next month.";
    const item = liveItems.filter({ has: page.getByRole("link", { name: pairLabel, exact: true }) });
    await item.getByRole("button", { name: "Pause" }).click();
    const pause = page.getByRole("dialog", { name: "Pause this match" });
    await pause.getByText(pairLabel).waitFor();
    await pause.getByLabel("Reason").fill(reason);
    await pause.getByRole("button", { name: "Pause", exact: true }).click();
    await pause.waitFor({ state: "hidden" });
    await item.getByText("Paused", { exact: true }).waitFor();
    await item.getByRole("button", { name: "Resume" }).waitFor();
    await shot(page, "board-04-paused");

    // 3. The mentee's overview turns to paused without a reload, and her bell rises.
    await myMatch.getByText("Paused", { exact: true }).waitFor();
    await e.page.getByRole("button", { name: `Notifications, ${bellBefore + 1} unread` }).waitFor();
    await shot(e.page, "board-05-mentee-sees-pause");

    // The match page: made by cohort matching, then paused, each with who and why.
    await item.getByRole("link", { name: pairLabel, exact: true }).click();
    const matchCard = page.getByRole("region", { name: pairLabel });
    await matchCard.waitFor();
    await matchCard.getByText("Paused", { exact: true }).first().waitFor();
    await matchCard.getByText("Cohort matching", { exact: true }).waitFor();
    const history = page.getByRole("region", { name: "History" }).getByRole("listitem");
    await history.nth(1).waitFor();
    expect(await history.count()).toBe(2);
    const [pausedEntry, madeEntry] = [history.nth(0), history.nth(1)];
    await pausedEntry.getByText("Paused", { exact: true }).waitFor();
    await pausedEntry.getByText(`by ${coordinatorName}`).waitFor();
    await pausedEntry.getByText(reason).waitFor();
    await madeEntry.getByText("Match made", { exact: true }).waitFor();
    await madeEntry.getByText(`by ${coordinatorName}`).waitFor();
    await madeEntry.getByText("Published from a cohort matching run.", { exact: true }).waitFor();
    await shot(page, "board-06-match-history");

    // 4. Back on the Board, the activity log lists the pause and the publish, newest first, by the coordinator.
    await page.getByRole("navigation", { name: "Program pages" }).getByRole("link", { name: "Board" }).click();
    const activity = page.getByRole("region", { name: "Activity" });
    const entries = activity.getByRole("listitem");
    // Sentences for the viewer, never codes: the coordinator reads her own changes as "You".
    await entries
      .first()
      .getByText(/^You paused the match of .+ with .+$/)
      .waitFor();
    await entries.first().getByText(reason).waitFor();
    expect(await activity.textContent()).not.toMatch(/\b(match|cohort|session|request)\.[a-z_]+|\d{4}-\d{2}-\d{2}T/);
    await activity.getByLabel("Show").selectOption({ label: "Cohort matching" });
    await activity
      .getByText(/^You published a cohort matching run/)
      .first()
      .waitFor();
    await activity.getByLabel("Show").selectOption({ label: "Matches" });
    await activity
      .getByText(/^You matched .+ with .+$/)
      .first()
      .waitFor();
    // The filtered list replaces the whole one: wait for it rather than read the list mid-refetch.
    await expect.poll(() => activity.getByText(/^You published a cohort matching run/).count()).toBe(0);
    await shot(page, "board-07-activity");

    expect(noErrors(c)).toEqual([]);
    expect(noErrors(e)).toEqual([]);
  });
});
