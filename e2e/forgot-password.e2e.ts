/**
 * A member who forgot their password gets a new one through the forms: the reset link is read in the dev
 * mailbox by the platform admin (the app runs without SMTP, and nobody signed out may read captured mail), the
 * new password works and the old one no longer does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { heading, openCapturedMail, shot, signInThroughForm } from "./support/journeys";
import { type AppProcess, startApp } from "./support/server";

let app: AppProcess;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startApp({ env: { WORKER_POLL_MS: "200" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("forgot password", () => {
  it("a demo mentee asks for a reset link from the sign-in page, reads it in the dev mailbox, sets a new password and signs in with it", async () => {
    const { mentee, password: oldPassword } = app.demoAccounts();
    const newPassword = "orange kites above the dunes";
    const session = await browser.newSession();
    const { page } = session;

    await page.goto(`${app.url}/sign-in`);
    await heading(page, "Sign in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL((u) => u.pathname === "/forgot-password");
    await heading(page, "Reset your password");
    await page.getByLabel("Email").fill(mentee);
    await page.getByRole("button", { name: "Send reset link" }).click();
    const sent = page.getByRole("status").filter({ hasText: "Check your email" });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(mentee);
    await shot(page, "reset-01-link-sent");

    // Signed out, she cannot read the captured mail herself: the page says the platform admin can.
    await page.getByText("Ask your platform admin to read your reset link in the dev mailbox.").waitFor();
    expect(await page.getByRole("link", { name: "Open the dev mailbox" }).count()).toBe(0);
    // Opening the mailbox signed out shows nobody's mail, only the way to sign in.
    await page.goto(`${app.url}/dev/mailbox`);
    await heading(page, "Dev mailbox");
    await page.getByRole("link", { name: "Sign in to read the messages sent to you" }).waitFor();
    expect(await page.getByRole("button").filter({ hasText: "Reset your password" }).count()).toBe(0);
    const admin = await browser.newSession();
    await signInThroughForm(admin.page, app.url, app.demoAccounts().admin, oldPassword);
    await admin.page.goto(`${app.url}/dev/mailbox`);
    const mail = await openCapturedMail(admin.page, { to: mentee, subject: "Reset your password" });
    const resetHref = await mail.getByRole("link", { name: /\/reset-password\?token=/ }).getAttribute("href");
    await shot(admin.page, "reset-02-dev-mailbox");
    expect(resetHref).toMatch(/\/reset-password\?token=/);
    await admin.close();
    await page.goto(new URL(resetHref ?? "", app.url).href);

    await page.waitForURL((u) => u.pathname === "/reset-password");
    await heading(page, "Choose a new password");
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByRole("status").filter({ hasText: "Your password has been changed" }).waitFor();
    await shot(page, "reset-03-changed");
    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/sign-in");

    // The old password is refused...
    await heading(page, "Sign in");
    await page.getByLabel("Email").fill(mentee);
    await page.getByLabel("Password").fill(oldPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");

    // ...and the new one opens the home page.
    const landed = await signInThroughForm(page, app.url, mentee, newPassword);
    expect(landed.pathname).toBe("/");
    // Grace Kim is the first demo mentee; her home page shows the demo program she is in.
    await heading(page, "Welcome, Grace");
    await page.getByRole("region", { name: "Your programs" }).getByRole("link", { name: "Women in Tech 2027" }).waitFor();
    await shot(page, "reset-04-home");
    // The only failed requests the browser saw are the refused mailbox read and the refused old password.
    expect(session.errors.length).toBeGreaterThanOrEqual(2);
    expect(new Set(session.errors)).toEqual(new Set(["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]));
    await session.close();
  });
});
