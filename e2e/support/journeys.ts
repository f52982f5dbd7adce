/**
 * Steps shared by the browser journeys that go through the real client forms: sign up, read a captured mail
 * in the dev mailbox, sign in, sign out, read a field's error the way assistive technology does. Every step
 * waits for what a person would see (headings, URLs), never for a fixed time.
 * Set E2E_SCREENSHOTS=<folder> to keep a screenshot of the key moments (`shot`); without it nothing is written.
 * Free of vitest so server tests and e2e tests share it.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";

/** Writes a full-page screenshot to $E2E_SCREENSHOTS/<name>.png when that variable is set. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The page's single h1 with this text, once it is visible. */
export async function heading(page: Page, name: string | RegExp): Promise<Locator> {
  const h1 = page.getByRole("heading", { level: 1, name });
  await h1.waitFor();
  return h1;
}

/** A unique address per run, so journeys never trip over each other's accounts. */
export function uniqueEmail(local: string): string {
  return `${local}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.test`;
}

export type NewMember = { name: string; email: string; password: string };

/** Opens /sign-up and fills the form; `submit: false` leaves the button unclicked. */
export async function fillSignUpForm(page: Page, baseUrl: string, member: NewMember): Promise<void> {
  await page.goto(`${baseUrl}/sign-up`);
  await heading(page, "Create your account");
  await page.getByLabel("Full name").fill(member.name);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
}

/** Signs up through the form and waits for the "Check your email" page. */
export async function signUpThroughForm(page: Page, baseUrl: string, member: NewMember): Promise<void> {
  await fillSignUpForm(page, baseUrl, member);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((u) => u.pathname === "/check-email");
  await heading(page, "Check your email");
}

/**
 * In the dev mailbox (already open): waits for the message with this subject to `to` (the list refreshes on
 * its own), opens it and returns the reader, whose text shows links as links.
 */
export async function openCapturedMail(page: Page, opts: { to: string; subject: string }): Promise<Locator> {
  await heading(page, "Dev mailbox");
  const item = page
    .getByRole("button")
    .filter({ hasText: opts.subject })
    .filter({ hasText: `To ${opts.to}` });
  await item.first().waitFor({ timeout: 30_000 });
  await item.first().click();
  const reader = page.locator("article").filter({ has: page.getByRole("heading", { level: 2, name: opts.subject }) });
  await reader.waitFor();
  return reader;
}

/** Signs in through the /sign-in form and waits until the browser left the sign-in page. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<URL> {
  if (new URL(page.url()).pathname !== "/sign-in") await page.goto(`${baseUrl}/sign-in`);
  await heading(page, "Sign in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => u.pathname !== "/sign-in");
  return new URL(page.url());
}

/** Opens the account menu in the header and signs out; waits for the sign-in page. */
export async function signOutFromUserMenu(page: Page, fullName: string): Promise<void> {
  await page.getByRole("button", { name: `Account menu for ${fullName}` }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname === "/sign-in");
  await heading(page, "Sign in");
}

/** The text a screen reader announces as the control's description: the elements named by aria-describedby. */
export async function describedByText(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts: string[] = [];
  for (const id of ids) texts.push(((await control.page().locator(`[id="${id}"]`).textContent()) ?? "").trim());
  return texts.join(" ");
}

/** The first http(s) link in a plain-text mail body that points at `pathname` of the app. */
export function linkIn(text: string, baseUrl: string, pathname: string): string | undefined {
  for (const m of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    const url = m[0].replace(/[.,;:!?)\]}]+$/, "");
    const u = new URL(url);
    if (u.origin === new URL(baseUrl).origin && u.pathname === pathname) return url;
  }
  return undefined;
}

/** How wide the page is against how wide the window is: more than the window means sideways scrolling. */
export async function pageWidth(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } })
      .document;
    return { scrollWidth: documentElement.scrollWidth, clientWidth: documentElement.clientWidth };
  });
}
