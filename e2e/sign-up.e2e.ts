/**
 * A newcomer joins through the real forms, on an app without SMTP: the confirmation email is read in the dev
 * mailbox, the welcome wizard is filled step by step, and the account works again after signing out.
 * Also: what the forms say when the input is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "./support/browser";
import {
  describedByText,
  fillSignUpForm,
  heading,
  openCapturedMail,
  shot,
  signInThroughForm,
  signOutFromUserMenu,
  signUpThroughForm,
  uniqueEmail,
} from "./support/journeys";
import { type AppProcess, startApp } from "./support/server";

let app: AppProcess;
let browser: TestBrowser;

beforeAll(async () => {
  // No SMTP_* variables: the app captures its mail for the dev mailbox.
  app = await startApp({ env: { WORKER_POLL_MS: "200" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("signing up through the forms, with the dev mailbox", () => {
  it("a newcomer signs up, confirms the address from the dev mailbox, completes the wizard as a mentee, signs out and signs in again", async () => {
    const session = await browser.newSession();
    const { page } = session;
    const member = { name: "Noor Haddad", email: uniqueEmail("noor"), password: "a quiet river under old bridges" };

    // Sign up.
    await signUpThroughForm(page, app.url, member);
    expect(await page.getByRole("main").textContent()).toContain(member.email);
    await shot(page, "signup-01-check-email");

    // Read the confirmation email in the dev mailbox and follow its link.
    await page.getByRole("link", { name: "Open the dev mailbox" }).click();
    await page.waitForURL((u) => u.pathname === "/dev/mailbox");
    const mail = await openCapturedMail(page, { to: member.email, subject: "Confirm your email address" });
    const confirmLink = mail.getByRole("link", { name: /\/verify-email\?token=/ });
    expect(await confirmLink.getAttribute("href")).toMatch(/^\/verify-email\?token=[A-Za-z0-9_-]+$/);
    await shot(page, "signup-02-dev-mailbox");
    await confirmLink.click();

    await page.waitForURL((u) => u.pathname === "/verify-email");
    await heading(page, "Confirm your email");
    await page.getByText("Your email address is confirmed").waitFor();
    await shot(page, "signup-03-confirmed");
    await page.getByRole("link", { name: "Continue" }).click();

    // The welcome wizard: About you.
    await page.waitForURL((u) => u.pathname === "/welcome");
    await heading(page, "Set up your profile");
    await page.getByRole("heading", { level: 2, name: "About you" }).waitFor();
    expect(await page.getByLabel("Full name").inputValue()).toBe(member.name);
    await page.getByLabel("Full name").fill("Noor Al-Haddad");
    await page.getByLabel("Bio").fill("Junior data analyst in Amman, learning to build data pipelines.");
    await page.getByLabel("Time zone").selectOption("Asia/Amman");
    await page.getByLabel("Languages").fill("Arabic, English");
    await shot(page, "signup-04-about-you");
    await page.getByRole("button", { name: "Next" }).click();

    // Your role.
    await page.getByRole("heading", { level: 2, name: "Your role" }).waitFor();
    await page.getByLabel("I want to be mentored").check();
    expect(await page.getByLabel("I want to mentor").isChecked()).toBe(false);
    await page.getByRole("button", { name: "Next" }).click();

    // Mentee details.
    await page.getByRole("heading", { level: 2, name: "Mentee details" }).waitFor();
    await page.getByLabel("Background").fill("Two years of SQL reporting; a first Python course last spring.");
    await page.getByLabel("Interests").fill("data engineering, python");
    await page.getByLabel("Level").selectOption({ label: "Early career" });
    await page.getByRole("button", { name: "Add goal" }).click();
    await page.getByRole("textbox", { name: "Goal", exact: true }).fill("Ship a first data pipeline to production");
    await page.getByLabel("Priority").selectOption({ label: "High" });
    await shot(page, "signup-05-mentee-details");
    // Back keeps what was typed.
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("heading", { level: 2, name: "Your role" }).waitFor();
    expect(await page.getByLabel("I want to be mentored").isChecked()).toBe(true);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { level: 2, name: "Mentee details" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Goal", exact: true }).inputValue()).toBe("Ship a first data pipeline to production");
    await page.getByRole("button", { name: "Finish" }).click();

    // Home, with real data.
    await page.waitForURL((u) => u.pathname === "/");
    await heading(page, "Welcome, Noor");
    const profileCard = page.getByRole("region", { name: "Your profile" });
    await profileCard.getByText("Profile completeness").waitFor();
    const percent = Number(await profileCard.getByRole("progressbar", { name: "Profile completeness" }).getAttribute("aria-valuenow"));
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(100);
    expect(await profileCard.textContent()).toContain(`${percent}%`);
    // Everything was filled in except the photo, and the card says so.
    expect(percent).toBeLessThan(100);
    expect(await profileCard.getByRole("listitem").allTextContents()).toContain("Photo");
    const programsCard = page.getByRole("region", { name: "Your programs" });
    await programsCard.getByText("You have not joined a program yet").waitFor();
    // The address is confirmed, so the home page does not ask for it again.
    expect(await page.getByText("Confirm your email address").count()).toBe(0);
    await shot(page, "signup-06-home");

    // Sign out from the user menu, then sign in again with the same password.
    await signOutFromUserMenu(page, "Noor Al-Haddad");
    await shot(page, "signup-07-signed-out");
    const landed = await signInThroughForm(page, app.url, member.email, member.password);
    expect(landed.pathname).toBe("/");
    await heading(page, "Welcome, Noor");
    expect(session.errors).toEqual([]);
    await session.close();
  });
});

describe("what the forms say when the input is refused", () => {
  it("a common password is refused next to the Password field, and the wizard keeps an invalid phone number on its step", async () => {
    const session = await browser.newSession();
    const { page } = session;
    const member = { name: "Tomas Berg", email: uniqueEmail("tomas"), password: "password123" };

    await fillSignUpForm(page, app.url, member);
    const password = page.getByLabel("Password");
    // Before submit, the live hint (the server's own rule) already says why it will be refused.
    const hint = page.getByTestId("password-strength");
    await hint.filter({ hasText: "Too weak: This password is too common. Choose another." }).waitFor();
    expect(await describedByText(password)).toContain("Too weak: This password is too common");
    await password.fill("aaaaaaaaaa");
    await hint.filter({ hasText: 'Too weak: Repeated characters like "aaa" are easy to guess.' }).waitFor();
    await shot(page, "errors-00-weak-password-hint");
    await password.fill(member.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("This password is too common").first().waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Check the highlighted fields");
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    expect(await describedByText(password)).toContain("too common");
    expect(new URL(page.url()).pathname).toBe("/sign-up");
    await shot(page, "errors-01-common-password");

    // A better password goes through, and the hint says so first.
    await password.fill("tall pines lean over the fjord");
    await hint.filter({ hasText: "Strong enough." }).waitFor();
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((u) => u.pathname === "/check-email");
    await heading(page, "Check your email");

    // The wizard refuses a phone number that is not in international format and stays on "About you".
    await page.getByRole("link", { name: /Continue setting up your profile/ }).click();
    await page.waitForURL((u) => u.pathname === "/welcome");
    await page.getByRole("heading", { level: 2, name: "About you" }).waitFor();
    const phone = page.getByLabel("Phone");
    await phone.fill("0170 1234");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("alert").filter({ hasText: "Check the highlighted fields." }).waitFor();
    expect(await phone.getAttribute("aria-invalid")).toBe("true");
    expect(await describedByText(phone)).toContain("Use international format, for example +14155550123.");
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe("About you");
    expect(await page.getByText("Step 1 of", { exact: false }).textContent()).toMatch(/^Step 1 of \d$/);
    await shot(page, "errors-02-invalid-phone");

    // Fixed, it moves on.
    await phone.fill("+4917012345678");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { level: 2, name: "Your role" }).waitFor();
    // The refused sign-up is the only failed request the browser saw.
    expect(session.errors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
    await session.close();
  });

  it("signing up with an address that already has an account shows the same page, and its owner gets an email", async () => {
    const owner = { name: "Ines Moreau", email: uniqueEmail("ines"), password: "the lantern hums at dusk" };
    const first = await browser.newSession();
    await signUpThroughForm(first.page, app.url, owner);
    const newAnswer = await first.page.getByRole("main").textContent();

    // Someone else, signed out, tries the same address.
    const second = await browser.newSession();
    await signUpThroughForm(second.page, app.url, { name: "Not Ines", email: owner.email, password: "another lantern at dawn" });
    expect(await second.page.getByRole("main").textContent()).toBe(newAnswer);
    expect(await second.page.getByRole("main").textContent()).toContain(owner.email);
    await shot(second.page, "signup-04-known-address");

    // The owner reads the notice in their mailbox.
    await first.page.goto(`${app.url}/dev/mailbox`);
    const mail = await openCapturedMail(first.page, { to: owner.email, subject: "You already have an account" });
    expect(await mail.textContent()).toContain("You already have one, so nothing was changed.");
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await first.close();
    await second.close();
  });
});
