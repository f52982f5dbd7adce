/**
 * The coordinator's scheduling journey: in the program's Settings a blackout date is added and bookings are set
 * to wait for the mentor; both are still there after a reload. Then, with a requested and a confirmed session in
 * the program, the Sessions tab lists both, a status filter narrows the list, and a session's details link to
 * its record. A mentor blocks a day from the availability month view with the keyboard and gives another date
 * extra hours from the overrides table; both are kept.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { bookableAnyTime, matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp();

/** A requested session (the mentee booked; the program waits for the mentor) and a confirmed one (the mentor booked). */
async function bookTwoSessions() {
  const { mentorApi, menteeApi, mentorMe, menteeMe, matchId } = await matchDemoPair(app());
  await bookableAnyTime(mentorApi);
  const now = Date.now();
  const range = { matchId, from: new Date(now + 2 * 3_600_000).toISOString(), to: new Date(now + 3 * 86_400_000).toISOString() };
  const first = (await menteeApi.scheduling.slots.query(range)).slots[0];
  if (!first) throw new Error("no slots for the mentee");
  const requested = await menteeApi.scheduling.book.mutate({ matchId, start: first.start });
  const second = (await mentorApi.scheduling.slots.query(range)).slots[0];
  if (!second) throw new Error("no slots for the mentor");
  const confirmed = await mentorApi.scheduling.book.mutate({ matchId, start: second.start });
  return { requested, confirmed, mentorName: mentorMe.name, menteeName: menteeMe.name };
}

/** The event titles shown ("Mia with Ned · Requested"): each ends with its status in words. */
async function listedTitles(calendar: Locator): Promise<string[]> {
  const titles = await calendar.getByText(/ · (Requested|Confirmed|Cancelled|Completed|No-show)(, late)?$/).allTextContents();
  return titles.map((t) => t.trim());
}

/** The figure next to a summary label ("Requested" -> 1). */
async function summaryCount(page: Page, label: string): Promise<number> {
  const region = page.getByRole("region", { name: /^In the dates shown/ });
  const term = region.locator("dt", { hasText: new RegExp(`^${label}$`) });
  return Number(((await term.locator("xpath=following-sibling::dd[1]").textContent()) ?? "").trim());
}

describe("program scheduling", () => {
  it("a coordinator keeps a blackout date and mentor confirmation, then filters the program's sessions by status", async () => {
    const { coordinator } = app().demoAccounts();
    const program = (await (await apiAs(app(), coordinator)).program.list.query()).find((p) => p.name === "Women in Tech 2027");
    if (!program) throw new Error("the demo program is missing");
    const blackout = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

    const session = await signedIn(coordinator);
    const { page } = session;
    await page.goto(`${app().url}/programs/${program.id}/settings`);
    await page.getByLabel("Date to add").fill(blackout);
    await page.getByRole("button", { name: "Add blackout date" }).click();
    const dates = page.getByRole("list", { name: "Blackout dates" });
    await dates.locator(`time[datetime="${blackout}"]`).waitFor();
    await page.getByLabel("Sessions are confirmed").selectOption("mentor_confirms");
    await shot(page, "program-settings-scheduling");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();

    await page.reload();
    await dates.locator(`time[datetime="${blackout}"]`).waitFor();
    expect(await page.getByLabel("Sessions are confirmed").inputValue()).toBe("mentor_confirms");

    const { requested, confirmed, mentorName, menteeName } = await bookTwoSessions();
    expect([requested.status, confirmed.status]).toEqual(["requested", "confirmed"]);

    await page.goto(`${app().url}/programs/${program.id}/sessions`);
    const calendar = page.getByRole("region", { name: "All sessions of the program" });
    await calendar.getByRole("tab", { name: "List view" }).click();
    // The list shows one month: step to the sessions' month when they fall in the next one.
    if (requested.start.getMonth() !== new Date().getMonth()) await calendar.getByRole("button", { name: /^Next/ }).click();
    const pair = `${mentorName} with ${menteeName}`;
    await expect.poll(() => listedTitles(calendar)).toEqual(expect.arrayContaining([`${pair} · Requested`, `${pair} · Confirmed`]));
    expect(await summaryCount(page, "Requested")).toBeGreaterThanOrEqual(1);
    await shot(page, "program-sessions-list");

    await page.getByLabel("Status").selectOption("requested");
    await expect.poll(() => listedTitles(calendar)).toEqual([`${pair} · Requested`]);

    await calendar.getByText(`${pair} · Requested`).click();
    const dialog = page.getByRole("dialog", { name: "Session" });
    await dialog.waitFor();
    expect(await dialog.getByRole("link", { name: "Open the session record" }).getAttribute("href")).toBe(`/sessions/${requested.id}`);
    await shot(page, "program-sessions-dialog");
    expect(session.errors).toEqual([]);
  }, 180_000);

  it("a mentor blocks a day from the month view by keyboard and adds extra hours on a date from the table; both are kept", async () => {
    const { mentor } = app().demoAccounts();
    const session = await signedIn(mentor);
    const { page } = session;
    await page.goto(`${app().url}/availability`);
    const month = page.getByRole("region", { name: "Date overrides month" });
    const cell = month.getByRole("gridcell", { name: /: set an override$/ }).nth(10);
    const dayText = ((await cell.getAttribute("aria-label")) ?? "").replace(/: set an override$/, "");
    await cell.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Date override" });
    await dialog.getByLabel(/^Not available this day/).check();
    await dialog.getByRole("button", { name: "Use for this day" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByLabel("Override a date").fill("2030-01-15");
    await page.getByRole("button", { name: "Set this date" }).click();
    await dialog.getByLabel(/^Extra hours/).check();
    await dialog.getByLabel("Start of window 1").fill("18:00");
    await dialog.getByLabel("End of window 1").fill("20:00");
    await dialog.getByRole("button", { name: "Use for this day" }).click();
    await dialog.waitFor({ state: "detached" });
    await month
      .getByText(/^Not available this day$/)
      .first()
      .waitFor();
    await shot(page, "availability-overrides");
    await page.getByRole("button", { name: "Save bookable times" }).click();
    await page.getByText("Your bookable times are saved.").waitFor();

    await page.reload();
    const table = page.getByRole("table", { name: "Date overrides" });
    await table.locator("tbody tr").first().waitFor();
    const rows = (await table.locator("tbody tr").allTextContents()).map((r) => r.replace(/\s+/g, " "));
    expect(rows.some((r) => r.includes(dayText) && r.includes("Not available this day"))).toBe(true);
    const saved = await (await apiAs(app(), mentor)).scheduling.myAvailability.query();
    expect(saved.overrides).toContainEqual({ date: "2030-01-15", kind: "extra", windows: [{ start: "18:00", end: "20:00" }] });
    expect(saved.overrides.filter((o) => o.kind === "blocked")).toHaveLength(1);
    expect(session.errors).toEqual([]);
  }, 120_000);
});
