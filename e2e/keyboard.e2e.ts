/**
 * Keyboard-only journeys: no mouse click anywhere, only Tab, Shift+Tab, Enter and typing, as someone who cannot
 * use a pointer works. At each stop the journey checks where focus is and that it can be seen (an outline or a
 * ring drawn by :focus-visible). Staging goes through the API, as in the other journeys.
 */
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { demoProgramWithoutChecklist } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { heading, shot } from "./support/journeys";
import { focusIsVisible, hasFocus, signInByKeyboard, tabTo } from "./support/keyboard";

const { app, newSession } = useJourneyApp({ env: { WORKER_POLL_MS: "200" } });

describe("keyboard only", () => {
  it("signs in with Tab and Enter: the skip link comes first and moves focus to the main content", async () => {
    const { mentee, password } = app().demoAccounts();
    const { page } = await newSession();
    await page.goto(`${app().url}/sign-in`);
    await heading(page, "Sign in");
    // The skip link is the first stop and is shown when focused; Enter moves focus into <main>.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    expect(await hasFocus(skip)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    // The next stop after skipping is inside the main content, not the header.
    expect(
      await page.evaluate(() =>
        Boolean(
          (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } } }).document.activeElement.closest(
            "main",
          ),
        ),
      ),
    ).toBe(true);

    await signInByKeyboard(page, app().url, mentee, password);
    expect(new URL(page.url()).pathname).not.toBe("/sign-in");
    await shot(page, "keyboard-01-signed-in");
  });

  it("a mentee requests a mentor from Find a mentor: the dialog opens on its message field and focus returns to the result", async () => {
    const { mentor, mentee, password } = app().demoAccounts();
    const { program } = await demoProgramWithoutChecklist(app());
    const mentorName = (await (await apiAs(app(), mentor)).auth.me.query())?.name ?? "";
    expect(mentorName).not.toBe("");

    const { page } = await newSession();
    await signInByKeyboard(page, app().url, mentee, password);
    await page.goto(`${app().url}/programs/${program.id}/mentors`);
    await page.getByRole("heading", { level: 2, name: "Browse mentors" }).waitFor();
    const requestButton = page.getByRole("button", { name: `Request mentor: ${mentorName}` }).first();
    await requestButton.waitFor();
    await tabTo(page, requestButton, `The Request mentor button for ${mentorName}`, 80);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");

    const dialog = page.getByRole("dialog", { name: `Ask ${mentorName} to mentor you` });
    await dialog.waitFor();
    const message = dialog.getByLabel("Message to the mentor");
    await expect.poll(() => hasFocus(message)).toBe(true);
    await page.keyboard.type("I would love help growing into a backend role.");
    const send = dialog.getByRole("button", { name: "Send request" });
    await tabTo(page, send, "The Send request button", 10);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });

    // Focus is on the sentence that replaced the button, not lost to the page body.
    const result = page
      .getByRole("status")
      .filter({ hasText: `Request sent to ${mentorName}` })
      .first();
    await expect.poll(() => hasFocus(result)).toBe(true);
    expect(await focusIsVisible(page)).toBe(true);
    await shot(page, "keyboard-02-request-sent");
  });
});
