import { describe, expect, it } from "vitest";
import { bookableAnyTime, matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";
import { focusIsVisible, signInByKeyboard, tabTo } from "./support/keyboard";

/**
 * Keyboard-only booking (no mouse click): the booking page's list view is the keyboard alternative to the week
 * grid. Its own file so the demo pair it matches is not already asked for by the request journey.
 */
const { app, newSession } = useJourneyApp();

describe("keyboard only", () => {
  it("a mentee books a session from the list view of the booking page with the keyboard", async () => {
    const pair = await matchDemoPair(app());
    await pair.staff.program.update.mutate({ programId: pair.program.id, bookingConfirmation: "instant" });
    await bookableAnyTime(pair.mentorApi);

    const { page } = await newSession();
    await signInByKeyboard(page, app().url, pair.mentee, app().demoAccounts().password);
    await page.goto(`${app().url}/book/${pair.matchId}`);
    const region = page.getByRole("region", { name: "Available times" });
    await region.waitFor();
    // The list is the keyboard alternative to the week grid.
    const asList = page.getByRole("button", { name: "Show as a list" });
    await tabTo(page, asList, "The Show as a list button", 60);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    const slots = region.getByRole("button", { name: /^\d{2}:\d{2}-/ });
    await slots.first().waitFor();
    const firstSlot = slots.first();
    const slotName = (await firstSlot.textContent()) ?? "";
    await tabTo(page, firstSlot, "The first free time in the list", 40);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");

    const dialog = page.getByRole("dialog", { name: "Confirm booking" });
    await dialog.waitFor();
    // Focus starts inside the dialog, and Tab stays inside it until it closes.
    await expect
      .poll(() => dialog.evaluate((d) => d.contains((d.ownerDocument as unknown as { activeElement: never }).activeElement)))
      .toBe(true);
    const book = dialog.getByRole("button", { name: "Book session" });
    await tabTo(page, book, "The Book session button", 15);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByText("Session booked").first().waitFor();
    // Focus goes to the result notice (the chosen time's button is gone).
    expect(
      await page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement;
        return el?.textContent ?? "";
      }),
    ).toContain("Session booked");
    expect(await focusIsVisible(page)).toBe(true);
    expect(slotName).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}/);
    await shot(page, "keyboard-03-booked");
  });
});
