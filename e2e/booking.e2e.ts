/**
 * The booking page: a mentee books from the slot calendar, the mentor proposes other times for a requested
 * session and the mentee accepts one, and a mentee books a weekly series.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { type BrowserSession, launchBrowser, type TestBrowser } from "./support/browser";
import { shot, signInThroughForm } from "./support/journeys";
import { type AppProcess, startApp } from "./support/server";

let app: AppProcess;
let browser: TestBrowser;
const sessions: BrowserSession[] = [];

async function signedIn(email: string): Promise<BrowserSession> {
  const session = await browser.newSession();
  sessions.push(session);
  await signInThroughForm(session.page, app.url, email, app.demoAccounts().password);
  return session;
}

/** The demo mentor and mentee matched in the demo program, the mentor bookable every hour of every day. */
async function matchedPair(bookingConfirmation: "instant" | "mentor_confirms") {
  const { coordinator, mentor, mentee } = app.demoAccounts();
  const staff = await apiAs(app, coordinator);
  const program = (await staff.program.list.query()).find((p) => p.name === "Women in Tech 2027");
  if (!program) throw new Error("the demo program is missing");
  await staff.onboarding.setChecklist.mutate({
    programId: program.id,
    codeOfConduct: false,
    documents: [],
    trainingUrl: null,
    backgroundCheck: false,
  });
  const mentorApi = await apiAs(app, mentor);
  const menteeApi = await apiAs(app, mentee);
  const mentorMe = await mentorApi.auth.me.query();
  const menteeMe = await menteeApi.auth.me.query();
  if (!mentorMe || !menteeMe) throw new Error("the demo accounts cannot sign in");
  const existing = (await menteeApi.scheduling.myMatches.query()).find((m) => m.partner.id === mentorMe.id);
  let matchId = existing?.matchId;
  if (!matchId) {
    const request = await menteeApi.request.create.mutate({ programId: program.id, mentorId: mentorMe.id, message: "Hello" });
    const accepted = await mentorApi.request.accept.mutate({ requestId: request.id });
    if (!accepted.matchId) throw new Error("accepting made no match");
    matchId = accepted.matchId;
  }
  const rules = await mentorApi.scheduling.myAvailability.query();
  await mentorApi.scheduling.saveAvailability.mutate({
    ...rules,
    weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    minimumNotice: { kind: "hours", hours: 0 },
    maxPerDay: null,
    maxPerWeek: null,
  });
  return { program, matchId, mentor, mentee, mentorMe, menteeMe, mentorApi, menteeApi, staff, bookingConfirmation };
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  await browser?.close();
  await app?.close();
});

describe("booking", () => {
  it("a mentee books a free time from the booking page", async () => {
    const pair = await matchedPair("instant");
    const session = await signedIn(pair.mentee);
    const { page } = session;
    await page.goto(`${app.url}/calendar`);
    await page.getByRole("link", { name: `Book a session with ${pair.mentorMe.name}` }).click();
    const region = page.getByRole("region", { name: "Available times" });
    await region.waitFor();
    // Each free time is a button whose name starts with the local time ("10:00-11:00 · ...").
    const slot = region.getByRole("button", { name: /^\d{2}:\d{2}-/ }).first();
    await slot.waitFor();
    const text = (await slot.textContent()) ?? "";
    expect(text).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}/);
    await slot.click();
    const dialog = page.getByRole("dialog", { name: "Confirm booking" });
    await dialog.waitFor();
    await shot(page, "booking-confirm");
    await dialog.getByRole("button", { name: "Book session" }).click();
    await page.getByText(/Session (booked|requested)/).waitFor();
    await shot(page, "booking-done");
    expect(session.errors).toEqual([]);
  });
});
