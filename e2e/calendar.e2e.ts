/**
 * Scheduling in the browser: a demo mentor drags a window into the Availability week grid, saves, reloads and
 * still sees it; then opens My calendar and switches to the list view, the accessible alternative.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, launchBrowser, type TestBrowser } from "./support/browser";
import { shot, signInThroughForm } from "./support/journeys";
import { type AppProcess, startApp } from "./support/server";

let app: AppProcess;
let browser: TestBrowser;
let session: BrowserSession | undefined;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await session?.close().catch(() => {});
  await browser?.close();
  await app?.close();
});

describe("calendar", () => {
  it("a mentor drags a weekly window into the grid, saves it, sees it after a reload, and reads the calendar as a list", async () => {
    const { mentor, password } = app.demoAccounts();
    session = await browser.newSession();
    const { page } = session;
    await signInThroughForm(page, app.url, mentor, password);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Availability" }).click();
    await page.getByRole("heading", { level: 1, name: "Availability" }).waitFor();
    const grid = page.getByRole("region", { name: "Weekly windows grid" });
    await grid.locator("[data-time='10:00:00']").first().waitFor();

    // Wednesday's column of the week grid, and the 10:00 and 11:30 slots: drag 10:00 to 12:00.
    const column = await grid.locator("[data-date]").evaluateAll((els) => {
      const wednesday = els
        .map((el) => ({ el, box: el.getBoundingClientRect(), date: el.getAttribute("data-date") ?? "" }))
        .filter((c) => c.box.height > 200 && new Date(`${c.date.slice(0, 10)}T12:00:00Z`).getUTCDay() === 3);
      const c = wednesday[0];
      return c ? { x: c.box.x + c.box.width / 2 } : null;
    });
    expect(column).not.toBeNull();
    const from = await grid.locator("[data-time='10:00:00']").first().boundingBox();
    const to = await grid.locator("[data-time='11:30:00']").first().boundingBox();
    if (!column || !from || !to) throw new Error("the week grid has no Wednesday column or slots");
    await page.mouse.move(column.x, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(column.x, from.y + from.height, { steps: 5 });
    await page.mouse.move(column.x, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await page.getByText("Added Wednesday 10:00 to 12:00. Save to keep it.").waitFor();
    await shot(page, "calendar-availability-dragged");

    await page.getByRole("button", { name: "Save bookable times" }).click();
    await page.getByText("Your bookable times are saved.").waitFor();

    await page.reload();
    const table = page.getByRole("table", { name: "Weekly windows" });
    await table.waitFor();
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => {
        const [day, start, end] = [...tr.querySelectorAll("select, input")].map((c) => (c as unknown as { value: string }).value);
        return `${day} ${start}-${end}`;
      }),
    );
    expect(rows).toContain("3 10:00-12:00");
    await grid.getByText("Available").first().waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
    await page.getByRole("heading", { level: 1, name: "My calendar" }).waitFor();
    const calendar = page.getByRole("region", { name: "My sessions" });
    await shot(page, "calendar-month");
    // FullCalendar v7 marks its view switcher as tabs.
    await calendar.getByRole("tab", { name: "List view" }).click();
    await expect.poll(() => calendar.getByRole("tab", { name: "List view" }).getAttribute("aria-selected")).toBe("true");
    await shot(page, "calendar-list-view");
    expect(session.errors).toEqual([]);
  }, 120_000);
});
