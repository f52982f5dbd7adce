/**
 * Outside review point 23, as a person meets it: required fields are marked (and announced) before anything is
 * submitted, the wizard's errors follow what is typed, counts agree with their nouns, the delivery log's Summary
 * reads as lines of text rather than a column of single words, and the templates have one tab.
 * The reschedule and cancel reasons are checked on the one-click session page (/s/<token>) of a confirmation email.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { bookableAnyTime, matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { describedByText, heading, pageWidth, shot, signUpThroughForm, uniqueEmail } from "./support/journeys";

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const { app, newSession, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" }, viewport: WIDE });

/** The field's wrapper shows a "*" beside its label, and the control itself says it is required. */
async function expectMarkedRequired(page: Page, control: Locator, label: string) {
  const id = await control.getAttribute("id");
  const labelRow = page.locator(`label[for="${id}"]`).locator("..");
  expect(await labelRow.textContent(), `${label} shows a required marker beside its label`).toMatch(new RegExp(`^${label}\\s*\\*$`));
  expect(await control.evaluate((el) => (el as unknown as { required: boolean }).required), `${label} is required`).toBe(true);
  expect(await control.getAttribute("aria-required"), `${label} is announced as required`).toBe("true");
}

const isFocused = (control: Locator) =>
  control.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement);

describe("forms mark what is required and check it as people type", () => {
  it("the welcome wizard marks Full name and Level before any submit, shows and clears errors live, and focuses Level when Finish is refused", async () => {
    const session = await newSession();
    const { page } = session;
    await signUpThroughForm(page, app().url, {
      name: "Rania Saleh",
      email: uniqueEmail("rania"),
      password: "amber lanterns drift at noon",
    });
    await page.getByRole("link", { name: /Continue setting up your profile/ }).click();
    await page.waitForURL((u) => u.pathname === "/welcome");
    await page.getByRole("heading", { level: 2, name: "About you" }).waitFor();

    // Before anything is submitted: the marker, its explanation, and no error yet.
    await page.getByText("Fields marked * are required.").waitFor();
    const name = page.getByLabel("Full name");
    await expectMarkedRequired(page, name, "Full name");
    expect(await page.getByLabel("Phone (optional)").count()).toBe(1);
    expect(await name.getAttribute("aria-invalid")).toBeNull();

    // Emptied and left, the field says what is missing; typing clears it without pressing Next.
    await name.fill("");
    expect(await name.getAttribute("aria-invalid")).toBeNull();
    await page.keyboard.press("Tab");
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
    expect(await describedByText(name)).toContain("Enter your name.");
    await shot(page, "forms-01-name-error-on-leave");
    await name.fill("Rania Saleh");
    await expect.poll(() => name.getAttribute("aria-invalid")).toBeNull();
    expect(await describedByText(name)).not.toContain("Enter your name.");
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe("About you");

    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { level: 2, name: "Your role" }).waitFor();
    await page.getByLabel("I want to be mentored").check();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { level: 2, name: "Mentee details" }).waitFor();

    // Level is marked required before submit.
    const level = page.getByLabel("Level");
    await expectMarkedRequired(page, level, "Level");
    expect(await level.getAttribute("aria-invalid")).toBeNull();

    // Finish without a level: refused on this step, focus on Level, and the error names it.
    await page.getByRole("button", { name: "Finish" }).click();
    await expect.poll(() => level.getAttribute("aria-invalid")).toBe("true");
    expect(await isFocused(level)).toBe(true);
    expect(await describedByText(level)).toContain("Choose your level.");
    expect(new URL(page.url()).pathname).toBe("/welcome");
    await shot(page, "forms-02-level-required");

    // Choosing a level clears the error at once, before Finish is pressed again.
    await level.selectOption({ label: "Student" });
    await expect.poll(() => level.getAttribute("aria-invalid")).toBeNull();
    expect(await describedByText(level)).not.toContain("Choose your level.");
    await page.getByRole("button", { name: "Finish" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    await heading(page, "Welcome, Rania");
    expect(session.errors).toEqual([]);
  }, 120_000);
  it("the session link's reschedule and cancel reasons are marked required, refuse an empty reason on its field, and clear the error as it is typed", async () => {
    // Stage: the demo pair matched, the mentor bookable at any hour, a confirmed session booked by the mentor.
    const pair = await matchDemoPair(app());
    await bookableAnyTime(pair.mentorApi);
    const now = Date.now();
    const { slots, whyNone } = await pair.menteeApi.scheduling.slots.query({
      matchId: pair.matchId,
      from: new Date(now + 2 * 3_600_000).toISOString(),
      to: new Date(now + 8 * 86_400_000).toISOString(),
    });
    const slot = slots[0];
    if (!slot) throw new Error(`no slots: ${whyNone.join(" ")}`);
    await pair.mentorApi.scheduling.book.mutate({ matchId: pair.matchId, start: slot.start });
    // The mentee's confirmation email carries the one-click links.
    let href: string | undefined;
    await expect
      .poll(
        async () => {
          const { messages } = await pair.menteeApi.devMailbox.list.query({});
          href = messages.map((m) => /https?:\/\/\S+\/s\/[^\s?]+\?action=reschedule/.exec(m.text)?.[0]).find(Boolean);
          return href;
        },
        { timeout: 20_000 },
      )
      .toBeDefined();

    const session = await newSession({ viewport: PHONE });
    const { page } = session;
    await page.goto(new URL(href ?? "", app().url).href);
    await heading(page, "Your mentoring session");
    const choose = page.getByRole("region", { name: "Choose a new time" });
    await choose.getByRole("group").first().getByRole("button").first().click();
    const move = page.getByRole("dialog", { name: "Confirm the new time" });
    await move.waitFor();

    // Marked and announced before anything is sent.
    const moveReason = move.getByLabel("Why are you moving it?");
    await move.getByText("Fields marked * are required.").waitFor();
    await expectMarkedRequired(page, moveReason, "Why are you moving it\\?");
    expect(await moveReason.getAttribute("aria-invalid")).toBeNull();

    // Moving without a reason keeps the dialog open, puts focus on the reason and names what is missing.
    await move.getByRole("button", { name: "Move session" }).click();
    await expect.poll(() => moveReason.getAttribute("aria-invalid")).toBe("true");
    expect(await move.isVisible()).toBe(true);
    expect(await isFocused(moveReason)).toBe(true);
    expect(await describedByText(moveReason)).toContain("Enter a reason for moving the session.");
    await shot(page, "forms-05-move-reason-required");
    // Typing clears the error at once, before Move session is pressed again.
    await moveReason.fill("My class moved");
    await expect.poll(() => moveReason.getAttribute("aria-invalid")).toBeNull();
    expect(await describedByText(moveReason)).not.toContain("Enter a reason");
    await move.getByRole("button", { name: "Move session" }).click();
    await page.getByRole("status").filter({ hasText: "Session moved" }).waitFor();

    // Cancelling: leaving the reason empty shows the error; spaces are no reason; a real one clears it live.
    await page.getByRole("button", { name: "Cancel this session" }).click();
    const cancel = page.getByRole("region", { name: "Cancel this session" });
    const cancelReason = cancel.getByLabel("Why are you cancelling?");
    await expectMarkedRequired(page, cancelReason, "Why are you cancelling\\?");
    await cancelReason.focus();
    await cancelReason.blur();
    await expect.poll(() => cancelReason.getAttribute("aria-invalid")).toBe("true");
    expect(await describedByText(cancelReason)).toContain("Enter a reason for cancelling.");
    await cancelReason.fill("   ");
    expect(await cancelReason.getAttribute("aria-invalid")).toBe("true");
    await cancelReason.fill("I cannot make it after all");
    await expect.poll(() => cancelReason.getAttribute("aria-invalid")).toBeNull();
    // Submitting empty again focuses it.
    await cancelReason.fill("");
    await cancel.getByRole("button", { name: "Cancel session" }).click();
    await expect.poll(() => isFocused(cancelReason)).toBe(true);
    expect(await describedByText(cancelReason)).toContain("Enter a reason for cancelling.");
    await cancelReason.fill("I cannot make it after all");
    await cancel.getByRole("button", { name: "Cancel session" }).click();
    await page.getByRole("status").filter({ hasText: "Session cancelled" }).waitFor();
    expect(session.errors).toEqual([]);
  }, 120_000);
});

describe("wording and layout", () => {
  it("program counts agree with their nouns: the demo program has 1 coordinator and several mentors", async () => {
    const session = await signedIn(app().demoAccounts().admin);
    const { page } = session;
    await page.goto(`${app().url}/admin/programs`);
    await heading(page, "Programs");
    const main = page.getByRole("main");
    await main
      .getByText(/\b1 coordinator\b/)
      .first()
      .waitFor();
    const text = ((await main.textContent()) ?? "").replace(/\s+/g, " ");
    expect(text).not.toMatch(/\b1 (coordinators|mentors|mentees)\b/);
    const mentors = Number(/(\d+) mentors\b/.exec(text)?.[1]);
    expect(mentors).toBeGreaterThan(1);
    expect(session.errors).toEqual([]);
  });

  it("the program and the admin pages each have one Message templates tab, and the templates route lands on it", async () => {
    const session = await signedIn(app().demoAccounts().coordinator);
    const { page } = session;
    await page.getByRole("link", { name: "Women in Tech 2027" }).first().click();
    await page.waitForURL((u) => /^\/programs\/[^/]+$/.test(u.pathname));
    const base = new URL(page.url()).pathname;
    const tabs = page.getByRole("navigation", { name: "Program pages" });
    await tabs.getByRole("link").first().waitFor();
    const labels = (await tabs.getByRole("link").allTextContents()).map((t) => t.trim());
    expect(labels.filter((l) => /templates/i.test(l))).toEqual(["Message templates"]);
    await page.goto(`${app().url}${base}/templates`);
    await expect.poll(() => page.title()).toMatch(/^Message templates · Women in Tech 2027/);
    expect(await tabs.getByRole("link", { name: "Message templates" }).getAttribute("aria-current")).toBe("page");

    const admin = await signedIn(app().demoAccounts().admin);
    await admin.page.goto(`${app().url}/admin/users`);
    const adminTabs = admin.page.getByRole("navigation", { name: "Administration" });
    await adminTabs.getByRole("link").first().waitFor();
    const adminLabels = (await adminTabs.getByRole("link").allTextContents()).map((t) => t.trim());
    expect(adminLabels.filter((l) => /templates/i.test(l))).toEqual(["Message templates"]);
    expect(session.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it("the delivery log's Summary reads in lines at 1280 px (never one word per line) and the page does not scroll sideways at 390 px", async () => {
    // Something to list: a sign-up sends its confirmation email, and an admin's test send has a longer subject.
    const newcomer = await newSession();
    await signUpThroughForm(newcomer.page, app().url, {
      name: "Tariq Nasser",
      email: uniqueEmail("tariq"),
      password: "copper kettles sing at dawn",
    });
    const adminApi = await apiAs(app(), app().demoAccounts().admin);
    await adminApi.template.sendTest.mutate({
      scope: "platform",
      type: "program.enrolled",
      channel: "email",
      subject: "Your mentoring program starts next week with a kickoff",
      body: "Welcome aboard.",
    });

    const session = await signedIn(app().demoAccounts().admin);
    const { page } = session;
    await page.goto(`${app().url}/admin/deliveries`);
    await heading(page, "Delivery log");
    const cells = page.getByRole("region", { name: "Deliveries" }).locator("td[data-column='summary']");
    await cells.filter({ hasText: "starts next week with a kickoff" }).waitFor();
    // Lines of text are counted from the text's own line boxes (a cell is as tall as its row).
    const shapes = await cells.evaluateAll((tds) =>
      tds.map((td) => {
        type Rect = { top: number; width: number; height: number };
        const doc = td.ownerDocument as unknown as {
          createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<Rect> };
        };
        const range = doc.createRange();
        range.selectNodeContents(td);
        const tops = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.height > 0)
            .map((r) => Math.round(r.top)),
        );
        const box = (td as unknown as { getBoundingClientRect(): Rect }).getBoundingClientRect();
        return { text: td.textContent ?? "", width: box.width, lines: tops.size };
      }),
    );
    await shot(page, "forms-03-delivery-log-wide");
    expect(shapes.length).toBeGreaterThan(0);
    for (const s of shapes) {
      // A summary of up to 80 characters (every one this app has made here) sits on one or two lines; a column
      // crushed to one word per line would need one line per word.
      const words = s.text.trim().split(/\s+/).length;
      if (s.text.length <= 80) expect(s.lines, `"${s.text}" takes ${s.lines} lines at ${Math.round(s.width)} px`).toBeLessThanOrEqual(2);
      else expect(s.lines, `"${s.text}" takes ${s.lines} lines`).toBeLessThan(words / 2);
      expect(s.width, `"${s.text}" has room`).toBeGreaterThanOrEqual(200);
    }

    await page.setViewportSize(PHONE);
    await page.getByRole("region", { name: "Deliveries" }).getByText("Confirm your email address").first().waitFor();
    const { scrollWidth, clientWidth } = await pageWidth(page);
    expect(clientWidth).toBe(PHONE.width);
    expect(scrollWidth, "the delivery log fits the phone's width").toBeLessThanOrEqual(PHONE.width);
    await shot(page, "forms-04-delivery-log-phone");
    expect(session.errors).toEqual([]);
  });
});
