/**
 * The scheduling journey of the issue, end to end in real browsers: the demo mentor (Amara, Africa/Lagos) drags
 * bookable time into the availability grid, the demo mentee (Grace, Asia/Seoul) books it from the booking page,
 * and the mentor's calendar shows the session without a reload. Then, signed out, the mentee opens the Reschedule
 * link of her confirmation email (read in the dev mailbox), picks a new time, and cancels; the mentor's calendar
 * follows each change live.
 *
 * Grace's intake allows Tuesdays 19:00-22:00 Seoul time, which is Tuesday 11:00-14:00 in Lagos (no DST in either
 * zone), so the mentor drags Tuesday 11:00-14:00 and the pair's free times are that window on Tuesdays.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { dragWeeklyWindow } from "./support/availability-grid";
import { matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { heading, openCapturedMail, pageWidth, shot } from "./support/journeys";

const { app, newSession, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" }, viewport: { width: 1280, height: 1200 } });

const HOUR = 3_600_000;
/** The first Tuesday whose last free start (13:00 Lagos = 12:00 UTC) is still ahead: the first day with free times. */
function firstBookableTuesday(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  while (day.getUTCDay() !== 2 || day.getTime() + 12 * HOUR <= now.getTime() + HOUR) day.setUTCDate(day.getUTCDate() + 1);
  return day;
}
/**
 * The Monday (as a UTC day) of the week holding `d` in Seoul: the booking grid is drawn in Grace's profile zone,
 * Asia/Seoul (UTC+9, no DST), and its weeks start on Monday.
 */
const mondayOf = (at: Date) => {
  const d = new Date(at.getTime() + 9 * HOUR);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  m.setUTCDate(m.getUTCDate() - ((m.getUTCDay() + 6) % 7));
  return m.getTime();
};

/** Drags Tuesday 11:00 to 14:00 in the availability editor's week grid and saves it. */
async function dragTuesdayWindow(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Availability" }).click();
  await heading(page, "Availability");
  await dragWeeklyWindow(page, { weekday: 2, from: "11:00", to: "14:00" });
  await page.getByText("Added Tuesday 11:00 to 14:00. Save to keep it.").waitFor();
  await page.getByRole("button", { name: "Save bookable times" }).click();
  await page.getByText("Your bookable times are saved.").waitFor();
}

describe("booking, moving and cancelling a session", () => {
  it("the mentor sets times by dragging, the mentee books, moves the session from the email link and cancels it; the mentor's calendar follows live", async () => {
    const { mentor, mentee } = app().demoAccounts();
    const pair = await matchDemoPair(app());
    const tuesday = firstBookableTuesday(new Date());
    const tuesdayDate = tuesday.toISOString().slice(0, 10);
    // The demo seeds bookable hours for every mentor; this journey starts from none, so the dragged window is all there is.
    await pair.mentorApi.scheduling.saveAvailability.mutate({ ...(await pair.mentorApi.scheduling.myAvailability.query()), weekly: [] });

    const mentorSession = await signedIn(mentor);
    const mentorPage = mentorSession.page;
    await dragTuesdayWindow(mentorPage);
    await shot(mentorPage, "session-booking-01-availability");

    // The mentor's calendar stays open on that day's month for the rest of the journey; it must never reload.
    await mentorPage.goto(`${app().url}/calendar?date=${tuesdayDate}`);
    await heading(mentorPage, "My calendar");
    const calendar = mentorPage.getByRole("region", { name: "My sessions" });
    await calendar.waitFor();
    await mentorPage.evaluate(() => {
      (globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });
    const event = calendar.getByRole("button", { name: new RegExp(`${pair.menteeMe.name} \\(with mentee\\)`) });

    // The mentee books the first free time from the booking page.
    const menteeSession = await signedIn(mentee);
    const menteePage = menteeSession.page;
    await menteePage.goto(`${app().url}/calendar`);
    await menteePage.getByRole("link", { name: `Book a session with ${pair.mentorMe.name}` }).click();
    const times = menteePage.getByRole("region", { name: "Available times" });
    await times.waitFor();
    if (mondayOf(tuesday) > mondayOf(new Date())) await times.getByRole("button", { name: /^next/i }).click();
    const slot = times.getByRole("button", { name: /^\d{2}:\d{2}-/ }).first();
    await slot.waitFor();
    // The booking page shows Grace's profile zone (Asia/Seoul, as her emails and link pages do, although the
    // browser runs in UTC), with the mentor's Lagos time beside it.
    await menteePage.getByText("Times are in your time zone (Asia/Seoul)", { exact: false }).waitFor();
    expect((await slot.textContent()) ?? "").toMatch(/^19:00-20:00 · .*11:00-12:00 \(Africa\/Lagos\)/);
    await slot.click();
    const confirm = menteePage.getByRole("dialog", { name: "Confirm booking" });
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Book session" }).click();
    await menteePage.getByText(/Session booked/).waitFor();
    await shot(menteePage, "session-booking-02-booked");

    // Live on the mentor's calendar: the session appears, confirmed, at 10:00 UTC (11:00 in Lagos).
    await event.waitFor();
    expect(await event.textContent()).toContain("Confirmed");
    const bookedText = (await event.textContent()) ?? "";
    await shot(mentorPage, "session-booking-03-mentor-sees-it");

    // Grace reads her confirmation email in her own dev mailbox (only her messages are shown to her)...
    await menteePage.goto(`${app().url}/dev/mailbox`);
    const mail = await openCapturedMail(menteePage, { to: mentee, subject: `Session with ${pair.mentorMe.name} confirmed` });
    const rescheduleHref = await mail.getByRole("link", { name: /\/s\/[^?]+\?action=reschedule$/ }).getAttribute("href");
    expect(rescheduleHref).toMatch(/\/s\/[^?]+\?action=reschedule$/);
    // ...and follows its Reschedule link signed out, on a phone.
    const linkSession = await newSession({ viewport: { width: 390, height: 844 } });
    const linkPage = linkSession.page;
    await linkPage.goto(new URL(rescheduleHref ?? "", app().url).href);
    await linkPage.waitForURL((u) => u.pathname.startsWith("/s/"));
    await shot(linkPage, "session-booking-04-link-page");
    await heading(linkPage, "Your mentoring session");
    const summary = linkPage.getByRole("region", { name: `Session with ${pair.mentorMe.name}` });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("19:00-20:00");
    const choose = linkPage.getByRole("region", { name: "Choose a new time" });
    const day = choose.getByRole("group").first();
    await day.getByRole("button").first().waitFor();
    // The last free time of that Tuesday: 21:00 for Grace, 13:00 for the mentor.
    const later = day.getByRole("button").last();
    expect(await later.textContent()).toMatch(/^21:00-22:00.*13:00-14:00 \(Africa\/Lagos\)/);
    // The page fits the phone's width: nothing scrolls sideways.
    const width = await pageWidth(linkPage);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.clientWidth);
    await later.click();
    const move = linkPage.getByRole("dialog", { name: "Confirm the new time" });
    await move.waitFor();
    await move.getByLabel("Why are you moving it?").fill("My class moved");
    await shot(linkPage, "session-booking-05-confirm-new-time");
    await move.getByRole("button", { name: "Move session" }).click();
    await linkPage.getByRole("status").filter({ hasText: "Session moved" }).waitFor();
    expect(await summary.textContent()).toContain("21:00-22:00");

    // The mentor's calendar moved the session by itself.
    await expect.poll(async () => (await event.textContent()) ?? "", { timeout: 15_000 }).not.toBe(bookedText);
    expect(await event.textContent()).toContain("Confirmed");
    const [moved] = await pair.mentorApi.scheduling.mySessions.query({
      from: tuesday.toISOString(),
      to: new Date(tuesday.getTime() + 24 * HOUR).toISOString(),
    });
    expect(moved?.start.toISOString()).toBe(`${tuesdayDate}T12:00:00.000Z`);
    await shot(mentorPage, "session-booking-06-mentor-sees-the-move");

    // Then she cancels from the same page.
    await linkPage.getByRole("button", { name: "Cancel this session" }).click();
    const cancel = linkPage.getByRole("region", { name: "Cancel this session" });
    await cancel.getByLabel("Why are you cancelling?").fill("I cannot make it after all");
    await cancel.getByRole("button", { name: "Cancel session" }).click();
    await linkPage.getByRole("status").filter({ hasText: "Session cancelled" }).waitFor();
    await shot(linkPage, "session-booking-07-cancelled");

    await expect.poll(async () => (await event.textContent()) ?? "", { timeout: 15_000 }).toContain("Cancelled");
    expect(await mentorPage.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await shot(mentorPage, "session-booking-08-mentor-sees-it-cancelled");

    // The link no longer works once the session is cancelled.
    await linkPage.reload();
    await linkPage.getByRole("alert").filter({ hasText: "This link no longer works" }).waitFor();
    await linkPage.getByRole("link", { name: "Sign in", exact: true }).waitFor();

    for (const s of [mentorSession, menteeSession]) expect(s.errors).toEqual([]);
    // The only failure the link page saw is the refused, cancelled link.
    expect(linkSession.errors.filter((e) => !e.includes("409 (Conflict)"))).toEqual([]);
  }, 180_000);
});
