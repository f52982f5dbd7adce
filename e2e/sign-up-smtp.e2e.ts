/**
 * Signing up on an app that sends real email: the confirmation leaves through SMTP (a local sink that keeps
 * what it receives), and the link from the message confirms the address in the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { heading, linkIn, shot, signUpThroughForm, uniqueEmail } from "./support/journeys";
import { type AppProcess, startApp } from "./support/server";
import { type SmtpSink, startSmtpSink } from "./support/smtp-sink";

let smtp: SmtpSink;
let app: AppProcess;
let browser: TestBrowser;

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await startApp({ env: { ...smtp.env(), WORKER_POLL_MS: "200" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

describe("signing up when the app sends real email", () => {
  it("the confirmation email arrives over SMTP from MAIL_FROM, with text and HTML, and its link confirms the address", async () => {
    const session = await browser.newSession();
    const { page } = session;
    const member = { name: "Ayodele Okafor", email: uniqueEmail("ayodele"), password: "seven lanterns over a still lake" };

    // The check-email page asks the server which helpers it offers; the answer comes once, after sign-up.
    const providers = page.waitForResponse((r) => r.url().includes("auth.providers"));
    await signUpThroughForm(page, app.url, member);
    const providersBody = await (await providers).text();
    expect(providersBody).toContain('"devMailbox":false');
    await page.getByRole("button", { name: "Send the link again" }).waitFor();
    expect(await page.getByRole("main").textContent()).toContain(member.email);
    // Real email is sent, so there is no dev mailbox to offer.
    expect(await page.getByRole("link", { name: "Open the dev mailbox" }).count()).toBe(0);
    await shot(page, "smtp-01-check-email");

    const [mail] = await smtp.waitFor(1, { filter: (m) => m.envelopeTo.includes(member.email) });
    if (!mail) throw new Error("no confirmation email");
    expect(mail.subject).toBe("Confirm your email address");
    expect(mail.to).toEqual([member.email]);
    const mailFrom = smtp.env().MAIL_FROM ?? "";
    expect(mail.from).toBe(/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom);
    expect(mail.text).toContain("Ayodele Okafor");
    expect(mail.html).toBeDefined();
    const link = linkIn(mail.text, app.url, "/verify-email") ?? "";
    expect(link).toMatch(/\/verify-email\?token=[A-Za-z0-9_-]+$/);
    // The HTML part carries the same words and link.
    expect(mail.html).toContain("Ayodele Okafor");
    expect(mail.html).toContain(link);

    // Open the link in the browser (same browser: still signed in from the sign-up).
    await page.goto(link);
    await heading(page, "Confirm your email");
    await page.getByText("Your email address is confirmed").waitFor();
    await shot(page, "smtp-02-confirmed");
    await page.getByRole("link", { name: "Continue" }).click();
    await page.waitForURL((u) => u.pathname === "/welcome");
    await heading(page, "Set up your profile");
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it("the confirmation link also works in a browser that is not signed in", async () => {
    const signUp = await browser.newSession();
    const member = { name: "Lior Ben-David", email: uniqueEmail("lior"), password: "paper boats drift to the harbour" };
    await signUpThroughForm(signUp.page, app.url, member);
    await signUp.close();

    const [mail] = await smtp.waitFor(1, { filter: (m) => m.envelopeTo.includes(member.email) });
    const link = linkIn(mail?.text ?? "", app.url, "/verify-email");
    const elsewhere = await browser.newSession();
    await elsewhere.page.goto(link ?? "");
    await elsewhere.page.getByText("Your email address is confirmed").waitFor();
    // Not signed in here: "Continue" leads to the sign-in page, which then leads into the app.
    await elsewhere.page.getByRole("link", { name: "Continue" }).click();
    await elsewhere.page.waitForURL((u) => u.pathname === "/sign-in");
    await heading(elsewhere.page, "Sign in");
    expect(elsewhere.errors).toEqual([]);
    await elsewhere.close();
  });
});
