/**
 * The booking page: a mentee books from the slot calendar, the mentor proposes other times for a requested
 * session and the mentee accepts one, and a mentee books a weekly series.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { bookableAnyTime, matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp();

/** The demo mentor and mentee matched in the demo program, the mentor bookable every hour of every day. */
async function matchedPair(bookingConfirmation: "instant" | "mentor_confirms") {
  const pair = await matchDemoPair(app());
  await pair.staff.program.update.mutate({ programId: pair.program.id, bookingConfirmation });
  await bookableAnyTime(pair.mentorApi);
  return pair;
}

/** The first free time in the booking calendar, moving on a week when this one has none left. */
async function firstFreeSlot(page: Page) {
  const region = page.getByRole("region", { name: "Available times" });
  await region.waitFor();
  // Each free time is a button whose name starts with the local time ("10:00-11:00 · ...").
  const slots = region.getByRole("button", { name: /^\d{2}:\d{2}-/ });
  for (let week = 0; week < 3; week++) {
    const found = await slots
      .first()
      .waitFor({ timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (found) return slots;
    await region.getByRole("button", { name: "Next Week" }).click();
  }
  throw new Error("no free time in the next three weeks");
}

describe("booking", () => {
  it("a mentee books a weekly series from the booking page and reads every booked date", async () => {
    const pair = await matchedPair("instant");
    const session = await signedIn(pair.mentee);
    const { page } = session;
    await page.goto(`${app().url}/calendar`);
    await page.getByRole("link", { name: `Book a session with ${pair.mentorMe.name}` }).click();
    const slots = await firstFreeSlot(page);
    const slotText = (await slots.first().textContent()) ?? "";
    expect(slotText).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}/);
    // Keyboard: a free time is focusable and Enter opens the confirmation.
    await slots.first().focus();
    await page.keyboard.press("Enter");

    const dialog = page.getByRole("dialog", { name: "Confirm booking" });
    await dialog.getByLabel("Repeat").selectOption("weekly");
    await dialog.getByLabel("How many").selectOption("3");
    const dates = dialog.getByRole("list", { name: "Dates in this series" }).getByRole("listitem");
    await expect.poll(() => dates.count()).toBe(3);
    // Weekly dates keep the day of the week: each is simply free, with no note about a moved day.
    expect(await dates.allTextContents()).toEqual([
      expect.stringMatching(/: free$/),
      expect.stringMatching(/: free$/),
      expect.stringMatching(/: free$/),
    ]);
    await shot(page, "booking-series-preview");
    await dialog.getByRole("button", { name: "Book session" }).click();

    await page.getByText("3 sessions booked").waitFor();
    const booked = page.getByRole("list", { name: "Booked dates" }).getByRole("listitem");
    expect(await booked.count()).toBe(3);
    // Each date is the same time of day, a week apart.
    const clocks = (await booked.allTextContents()).map((t) => t.slice(t.indexOf(", ") + 2));
    expect(new Set(clocks).size).toBe(1);
    const mine = await pair.menteeApi.scheduling.mySessions.query({
      from: new Date().toISOString(),
      to: new Date(Date.now() + 40 * 86_400_000).toISOString(),
    });
    const series = mine.filter((s) => s.status === "confirmed" && s.other?.id === pair.mentorMe.id);
    expect(series).toHaveLength(3);
    expect(series[1]!.start.getTime() - series[0]!.start.getTime()).toBe(7 * 86_400_000);
    await shot(page, "booking-series-booked");
    expect(session.errors).toEqual([]);
  });

  it("the mentor proposes other times for a requested session, the mentee accepts one live, and the request is confirmed at it", async () => {
    const pair = await matchedPair("mentor_confirms");
    // The mentee asks for the first free time; the mentor's program wants to confirm each request.
    const now = Date.now();
    const free = await pair.menteeApi.scheduling.slots.query({
      matchId: pair.matchId,
      from: new Date(now + 3_600_000).toISOString(),
      to: new Date(now + 21 * 86_400_000).toISOString(),
    });
    const asked = free.slots[0];
    if (!asked) throw new Error(`no slots: ${free.whyNone.join(" ")}`);
    const requested = await pair.menteeApi.scheduling.book.mutate({ matchId: pair.matchId, start: asked.start });
    expect(requested.status).toBe("requested");

    const menteeSession = await signedIn(pair.mentee);
    await menteeSession.page.goto(`${app().url}/book/${pair.matchId}`);
    await menteeSession.page.getByRole("heading", { name: "Waiting for your mentor" }).waitFor();

    const mentorSession = await signedIn(pair.mentor);
    const { page } = mentorSession;
    await page.goto(`${app().url}/book/${pair.matchId}`);
    const request = page.getByRole("region", { name: `${pair.menteeMe.name} asked for` });
    await request.getByRole("button", { name: "Propose other times" }).click();
    const slots = await firstFreeSlot(page);
    await slots.nth(0).click();
    await slots.nth(1).click();
    const chosen = page.getByRole("list", { name: "Times to propose" }).getByRole("listitem");
    await expect.poll(() => chosen.count()).toBe(2);
    await page.getByLabel("Message").fill("Mornings are full this week.");
    await shot(page, "booking-propose");
    await page.getByRole("button", { name: "Send proposal" }).click();
    await page.getByText("Proposal sent").waitFor();

    // The mentee's open page shows the proposal without a reload, and they take the second time.
    const { page: menteePage } = menteeSession;
    const proposal = menteePage.getByRole("region", { name: `${pair.mentorMe.name} proposed other times` });
    await proposal.waitFor();
    expect(await proposal.textContent()).toContain("Mornings are full this week.");
    const accept = proposal.getByRole("button", { name: /^Accept / });
    expect(await accept.count()).toBe(2);
    const acceptLabel = (await accept.nth(1).getAttribute("aria-label")) ?? "";
    await accept.nth(1).click();
    await menteePage.getByText("Confirmed: you both get an email with a calendar invite.").waitFor();
    await shot(menteePage, "booking-proposal-accepted");

    // The mentor's page drops the answered request live; the session is confirmed at the picked time.
    await request.waitFor({ state: "detached" });
    const [session] = await pair.mentorApi.scheduling.mySessions
      .query({ from: new Date(now).toISOString(), to: new Date(now + 30 * 86_400_000).toISOString() })
      .then((all) => all.filter((s) => s.id === requested.id));
    expect(session?.status).toBe("confirmed");
    expect(session?.start.toISOString()).not.toBe(asked.start);
    // The accepted label's clock is the session's start in the mentee's profile zone (the browser runs in UTC).
    const clock = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: pair.menteeMe.timezone,
    });
    expect(acceptLabel).toContain(`, ${clock.format(session?.start ?? new Date(0))}-`);
    const notices = await pair.menteeApi.notification.list.query({ limit: 20 });
    expect(notices.items.map((n) => n.type)).toEqual(expect.arrayContaining(["session.proposed", "session.confirmed"]));
    expect(menteeSession.errors).toEqual([]);
    expect(mentorSession.errors).toEqual([]);
  });
});
