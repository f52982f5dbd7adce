import { describe, expect, it } from "vitest";
import { axeFindings, describeFindings } from "./support/a11y";
import { apiAs } from "./support/api-client";
import { dragWeeklyWindow } from "./support/availability-grid";
import { bookableAnyTime, matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp();

describe("calendar", () => {
  it("a mentor drags a weekly window into the grid, saves it, sees it after a reload, and reads the calendar as a list", async () => {
    const session = await signedIn(app().demoAccounts().mentor);
    const { page } = session;

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Availability" }).click();
    await page.getByRole("heading", { level: 1, name: "Availability" }).waitFor();
    const grid = page.getByRole("region", { name: "Weekly windows grid" });
    await grid.locator("[data-time='10:00:00']").first().waitFor();

    await dragWeeklyWindow(page, { weekday: 3, from: "10:00", to: "12:00" });
    await page.getByText("Added Wednesday 10:00 to 12:00. Save to keep it.").waitFor();
    await shot(page, "calendar-availability-dragged");

    await page.getByRole("button", { name: "Save bookable times" }).click();
    await page.getByText("Your bookable times are saved.").waitFor();

    await page.reload();
    const table = page.getByRole("table", { name: "Weekly windows" });
    await table.waitFor();
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => {
        const [day, start, end] = [...tr.querySelectorAll("select, input")].map((c) => (c as unknown as { value: string }).value);
        return `${day} ${start}-${end}`;
      }),
    );
    expect(rows).toContain("3 10:00-12:00");
    await grid.getByText("Available").first().waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
    await page.getByRole("heading", { level: 1, name: "My calendar" }).waitFor();
    const calendar = page.getByRole("region", { name: "My sessions" });
    await shot(page, "calendar-month");
    // FullCalendar v7 marks its view switcher as tabs.
    await calendar.getByRole("tab", { name: "List view" }).click();
    await expect.poll(() => calendar.getByRole("tab", { name: "List view" }).getAttribute("aria-selected")).toBe("true");
    await shot(page, "calendar-list-view");

    // A week and a day with no session in them: the view holds nothing focusable, so it must not scroll on its own
    // (a keyboard could not scroll it); switching views is no navigation, so axe is run here by hand.
    await calendar.getByRole("tab", { name: "Week view" }).click();
    for (let i = 0; i < 8; i++) await calendar.getByRole("button", { name: /^next/i }).click();
    await page.waitForLoadState("networkidle");
    expect(await calendar.getByRole("button", { name: /\(with (mentee|mentor)\)/ }).count()).toBe(0);
    const week = await axeFindings(page, "an empty week of My calendar");
    expect(week, describeFindings(week)).toEqual([]);
    await calendar.getByRole("tab", { name: "Day view" }).click();
    const day = await axeFindings(page, "an empty day of My calendar");
    expect(day, describeFindings(day)).toEqual([]);
    expect(session.errors).toEqual([]);
  }, 120_000);

  it("a booked session shows in the mentor's list view, and choosing it shows who, when and its status", async () => {
    const { mentor, mentorApi, menteeApi, menteeMe, matchId } = await matchDemoPair(app());
    await bookableAnyTime(mentorApi);
    const now = new Date();
    const slots = await menteeApi.scheduling.slots.query({
      matchId,
      from: new Date(now.getTime() + 2 * 3_600_000).toISOString(),
      to: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
    });
    const slot = slots.slots[0];
    if (!slot) throw new Error(`no slots: ${slots.whyNone.join(" ")}`);
    const booked = await menteeApi.scheduling.book.mutate({ matchId, start: slot.start });

    const session = await signedIn(mentor);
    const { page } = session;
    await page.goto(`${app().url}/calendar`);
    const calendar = page.getByRole("region", { name: "My sessions" });
    await calendar.getByRole("tab", { name: "List view" }).click();
    const event = calendar.getByText(`${menteeMe.name} (with mentee)`).first();
    await event.waitFor();
    await event.click();
    const dialog = page.getByRole("dialog", { name: "Session" });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain(`${menteeMe.name}, your mentee`);
    expect(text).toContain(booked.status === "confirmed" ? "Confirmed" : "Requested");
    await shot(page, "calendar-session-dialog");

    // The link in the confirmation email opens the calendar on that day with the session's details shown.
    const [notice] = await (await apiAs(app(), mentor)).notification.list
      .query({ limit: 20 })
      .then((p) => p.items.filter((n) => n.type === "session.confirmed" || n.type === "session.requested"));
    expect(notice?.link).toMatch(/^\/calendar\?date=\d{4}-\d{2}-\d{2}&session=/);
    await page.goto(`${app().url}${notice?.link}`);
    const linked = page.getByRole("dialog", { name: "Session" });
    await linked.waitFor();
    expect((await linked.textContent()) ?? "").toContain(`${menteeMe.name}, your mentee`);
    expect(session.errors).toEqual([]);
  }, 120_000);
});
