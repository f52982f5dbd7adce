/**
 * Steps for the keyboard-only journeys: move with Tab until a control has focus, check that focus can be seen,
 * sign in without the mouse. Free of vitest so any e2e file can use them.
 */
import type { Locator, Page } from "playwright-core";
import { heading } from "./journeys";

/** Whether this element is the one with focus. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement).catch(() => false);
}

/** Presses Tab until `target` has focus; fails naming the target when it is not reached within `max` presses. */
export async function tabTo(page: Page, target: Locator, what: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await hasFocus(target)) return;
  }
  const at = await page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { outerHTML: string } | null } }).document.activeElement;
    return (el?.outerHTML ?? "nothing").slice(0, 200);
  });
  throw new Error(`${what} was not reached with ${max} presses of Tab; focus ended on ${at}`);
}

/** Focus can be seen: the focused element draws an outline or a box-shadow ring. */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { activeElement: unknown } }).document;
    const el = d.activeElement as object | null;
    if (!el) return false;
    const style = (globalThis as unknown as { getComputedStyle(e: object): Record<string, string> }).getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth ?? "0") > 0;
    const ring = style.boxShadow !== "none" && style.boxShadow !== "";
    return outline || ring;
  });
}

/** Signs in with the keyboard alone: skip link first, then the fields in reading order, Enter to send. */
export async function signInByKeyboard(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await heading(page, "Sign in");
  await page.keyboard.press("Tab");
  if (!(await hasFocus(page.getByRole("link", { name: "Skip to main content" }))))
    throw new Error("the first Tab did not reach the skip link");
  const emailField = page.getByLabel("Email");
  await tabTo(page, emailField, "The Email field");
  if (!(await focusIsVisible(page))) throw new Error("the Email field shows no focus ring");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  if (!(await hasFocus(page.getByLabel("Password")))) throw new Error("Tab from Email did not reach Password");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname !== "/sign-in");
}
