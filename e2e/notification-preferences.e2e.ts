/**
 * The notification engine through the client: a mentee switches the enrolment email off in the preferences
 * matrix; a coordinator in another browser adds her to a program; her bell rises live, the notification's link
 * is followed, and the dev mailbox shows no enrolment email for her (while another mentee's arrives). Then a
 * platform admin edits a template: an unknown variable is named next to the field, the live preview follows the
 * fix, and the save goes through.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useJourneyApp } from "./support/journey";
import { describedByText, heading, shot } from "./support/journeys";

// No SMTP_* variables: email and SMS are captured for the dev mailbox; a quick worker poll keeps it prompt.
const { app, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" } });

/** The unread count the bell announces ("Notifications, 3 unread"). */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  const label = (await bell.getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(label)?.[1] ?? Number.NaN);
}

describe("notification preferences", () => {
  it("a mentee turns the enrolment email off; being added to a program shows up live in the bell and sends no email", async () => {
    const { mentee, coordinator } = app().demoAccounts();
    const other = "hugo.mentee@demo.mentoring.local";

    // The mentee opens her notification settings from the account menu.
    const m = await signedIn(mentee);
    const page = m.page;
    await page.getByRole("button", { name: /^Account menu for / }).click();
    await page.getByRole("link", { name: "Notification settings" }).click();
    await page.waitForURL((u) => u.pathname === "/settings/notifications");
    await heading(page, "Notifications");

    // Locked cells explain themselves; the enrolment email is on by default.
    const lockedSms = page.getByRole("checkbox", { name: "Program enrolment by SMS" });
    expect(await lockedSms.isDisabled()).toBe(true);
    expect(await describedByText(lockedSms)).toBe("Not sent by SMS");
    const resetEmail = page.getByRole("checkbox", { name: "Password reset by email" });
    expect(await resetEmail.isDisabled()).toBe(true);
    expect(await describedByText(resetEmail)).toBe("Required for account security");
    const enrolmentEmail = page.getByRole("checkbox", { name: "Program enrolment by email" });
    expect(await enrolmentEmail.isChecked()).toBe(true);

    // Switch it off: it saves at once, and is still off after a reload.
    await enrolmentEmail.uncheck();
    await page.getByRole("status").filter({ hasText: "Program enrolment by email: off. Saved." }).waitFor({ state: "attached" });
    await shot(page, "prefs-01-email-off");
    await page.reload();
    await heading(page, "Notifications");
    await page.getByRole("checkbox", { name: "Program enrolment by email" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Program enrolment by email" }).isChecked()).toBe(false);
    expect(await page.getByRole("checkbox", { name: "Program enrolment in the app" }).isChecked()).toBe(true);

    const before = await bellCount(page);

    // Meanwhile, in another browser, the coordinator adds her (and, for comparison, another mentee) as mentors.
    const c = await signedIn(coordinator);
    await c.page.getByRole("link", { name: "Women in Tech 2027" }).first().click();
    await heading(c.page, "Women in Tech 2027");
    await c.page.getByRole("navigation", { name: "Program pages" }).getByRole("link", { name: "Members" }).click();
    const form = c.page.locator("form").filter({ has: c.page.getByRole("button", { name: "Add member" }) });
    for (const email of [mentee, other]) {
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Role").selectOption("mentor");
      await form.getByRole("button", { name: "Add member" }).click();
      await c.page.getByText(`${email} was added as mentor.`).waitFor();
    }
    await shot(c.page, "prefs-02-coordinator-added");

    // The mentee's bell rises without a reload.
    await page.getByRole("button", { name: `Notifications, ${before + 1} unread` }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe("/settings/notifications");
    await shot(page, "prefs-03-bell-live");

    // She opens the notification and follows its link; it is marked read on the way.
    await page.getByRole("button", { name: `Notifications, ${before + 1} unread` }).click();
    await page.waitForURL((u) => u.pathname === "/notifications");
    await heading(page, "Notifications");
    const link = page.getByRole("list", { name: "Notifications" }).getByRole("link", { name: "You joined Women in Tech 2027 as mentor" });
    const href = await link.first().getAttribute("href");
    expect(href).toMatch(/^\//);
    await link.first().click();
    await page.waitForURL((u) => u.pathname === href);
    await page.getByRole("button", { name: `Notifications, ${before} unread` }).waitFor();

    // The dev mailbox, read by the platform admin (who sees everyone's captured mail): the other mentee's
    // enrolment email arrives; none was written for her.
    const adminSession = await signedIn(app().demoAccounts().admin);
    const adminPage = adminSession.page;
    await adminPage.goto(`${app().url}/dev/mailbox`);
    await heading(adminPage, "Dev mailbox");
    const joined = adminPage.getByRole("button").filter({ hasText: "You joined Women in Tech 2027" });
    await joined
      .filter({ hasText: `To ${other}` })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await joined.filter({ hasText: `To ${mentee}` }).count()).toBe(0);
    await shot(adminPage, "prefs-04-dev-mailbox");

    expect(m.errors).toEqual([]);
    expect(c.errors).toEqual([]);
  });
});

describe("message templates", () => {
  it("an admin's unknown variable is named at the field; after the fix the live preview shows the text and the save succeeds", async () => {
    const a = await signedIn(app().demoAccounts().admin);
    const page = a.page;
    await page.goto(`${app().url}/admin/templates`);
    await heading(page, "Message templates");
    await page
      .getByRole("navigation", { name: "Notification types" })
      .getByRole("link", { name: /^Program enrolment, Email/ })
      .click();
    await page.getByRole("heading", { level: 2, name: "Program enrolment · Email" }).waitFor();

    const body = page.getByLabel("Body");
    await body.fill("Hello {{recipient.name}},\n\nWelcome aboard {{programName}}, {{nickname}}!\n\n{{link}}");
    // The live preview already lists the problem...
    await page.getByRole("status").filter({ hasText: "Unknown variable {{nickname}}" }).waitFor();
    // ...and saving is refused with the message next to the body.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.locator("[aria-invalid=true]").first().waitFor();
    expect(await describedByText(body)).toContain("Unknown variable {{nickname}}");
    await shot(page, "templates-01-unknown-variable");

    // Fix it: insert a known variable with its chip at the end of the body.
    await body.fill("Hello {{recipient.name}},\n\nWelcome aboard {{programName}} as a ");
    await body.press("End");
    await page.getByRole("button", { name: "Insert {{role}}" }).click();
    expect(await body.inputValue()).toBe("Hello {{recipient.name}},\n\nWelcome aboard {{programName}} as a {{role}}");
    const preview = page.getByTestId("template-preview");
    await preview.getByText("Welcome aboard Women in Tech 2027 as a mentee").first().waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Unknown variable" }).count()).toBe(0);

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await body.getAttribute("aria-invalid")).toBeNull();
    await page
      .getByRole("navigation", { name: "Notification types" })
      .getByRole("link", { name: "Program enrolment, Email Customised" })
      .waitFor();
    await shot(page, "templates-02-saved");

    // Reset to default asks first, then brings the built-in wording back.
    await page.getByRole("button", { name: "Reset to default" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset to default?" });
    await dialog.getByRole("button", { name: "Reset to default" }).click();
    await page.getByRole("status").filter({ hasText: "the built-in default is used again" }).waitFor();
    expect(await body.inputValue()).toContain("You are now a {{role}} in {{programName}}");
    expect(a.errors.filter((e) => !e.includes("the server responded with a status of 400"))).toEqual([]);
  });

  it("hostile HTML is taken out of the preview before saving, and saving stores the cleaned HTML and says what went", async () => {
    const a = await signedIn(app().demoAccounts().admin);
    const page = a.page;
    await page.goto(`${app().url}/admin/templates`);
    await heading(page, "Message templates");
    await page
      .getByRole("navigation", { name: "Notification types" })
      .getByRole("link", { name: /^Program enrolment, Email/ })
      .click();
    await page.getByRole("heading", { level: 2, name: "Program enrolment · Email" }).waitFor();

    const html = page.getByLabel("HTML (optional)", { exact: true });
    await html.fill(
      '<h1>Welcome to {{programName}}</h1><script>alert(1)</script><img src="https://tracker.example/p.gif">' +
        '<p onclick="steal()"><a href="javascript:alert(2)">Prize</a> <a href="{{link}}">Start</a></p><form><input name="pw"></form>',
    );
    const removed = page.getByRole("status").filter({ hasText: "Removed from the HTML" });
    await removed.getByText("<script>").waitFor();
    for (const item of ["<form>", "<input>", "the onclick event handler", "a link address that is not http, https or mailto"]) {
      await removed.getByText(item, { exact: true }).waitFor();
    }
    await removed.getByText(/^<img>: images are not allowed/).waitFor();
    // The sandboxed preview frame holds what recipients would get.
    const srcdoc = (await page.getByTitle("HTML preview of the email").getAttribute("srcdoc")) ?? "";
    expect(srcdoc).toContain("<h1>Welcome to Women in Tech 2027</h1>");
    for (const part of ["<script", "<img", "onclick", "javascript:", "<form", "<input"]) expect(srcdoc).not.toContain(part);
    await shot(page, "templates-03-html-removed");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved. New messages use this template. Removed from the HTML: <script>" }).waitFor();
    expect(await html.inputValue()).toBe(
      '<h1>Welcome to {{programName}}</h1><p><a rel="noopener noreferrer">Prize</a> <a href="{{link}}" rel="noopener noreferrer">Start</a></p>',
    );
    await page.getByRole("button", { name: "Reset to default" }).click();
    await page.getByRole("dialog", { name: "Reset to default?" }).getByRole("button", { name: "Reset to default" }).click();
    await page.getByRole("status").filter({ hasText: "the built-in default is used again" }).waitFor();
    expect(a.errors).toEqual([]);
  });
});
