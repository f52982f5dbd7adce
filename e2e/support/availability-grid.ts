/**
 * Drawing a weekly window in the availability editor's week grid (FullCalendar's timeGrid) with the mouse, the
 * way a mentor does: press in the first half-hour slot of the day's column, drag to the last one, release.
 * Uses vitest's expect, so it is for e2e files only.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

const SLOT_MINUTES = 30;

/** "HH:MM" plus minutes, as FullCalendar's data-time ("HH:MM:00"). */
function slotTime(hhmm: string, plusMinutes = 0): string {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  const total = h * 60 + m + plusMinutes;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}:00`;
}

/**
 * Drags `from` to `to` (e.g. "10:00" to "12:00") in the column of `weekday` (0 = Sunday) of the grid region
 * "Weekly windows grid". The page must show the availability editor; saving is left to the caller.
 */
export async function dragWeeklyWindow(page: Page, window: { weekday: number; from: string; to: string }): Promise<void> {
  const grid = page.getByRole("region", { name: "Weekly windows grid" });
  const first = grid.locator(`[data-time='${slotTime(window.from)}']`).first();
  const last = grid.locator(`[data-time='${slotTime(window.to, -SLOT_MINUTES)}']`).first();
  await first.waitFor();
  // The day columns are the tall [data-date] cells; their date's weekday picks the column.
  const column = await grid.locator("[data-date]").evaluateAll((els, weekday) => {
    const matching = els
      .map((el) => ({ box: el.getBoundingClientRect(), date: el.getAttribute("data-date") ?? "" }))
      .filter((c) => c.box.height > 200 && new Date(`${c.date.slice(0, 10)}T12:00:00Z`).getUTCDay() === weekday);
    const c = matching[0];
    return c ? { x: c.box.x + c.box.width / 2 } : null;
  }, window.weekday);
  expect(column, `the week grid has a column for weekday ${window.weekday}`).not.toBeNull();
  await last.scrollIntoViewIfNeeded();
  const from = await first.boundingBox();
  const to = await last.boundingBox();
  if (!column || !from || !to) throw new Error(`the week grid has no slots ${window.from} to ${window.to}`);
  await page.mouse.move(column.x, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(column.x, from.y + from.height, { steps: 5 });
  await page.mouse.move(column.x, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}
