import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp();

describe("office hours", () => {
  it("a mentor hosts office hours, a mentee takes a seat, the host sees it live, and it is in the mentee's calendar", async () => {
    const { coordinator, mentor, mentee } = app().demoAccounts();
    const program = (await (await apiAs(app(), coordinator)).program.list.query()).find((p) => p.name === "Women in Tech 2027");
    if (!program) throw new Error("the demo program is missing");
    const menteeMe = await (await apiAs(app(), mentee)).auth.me.query();
    if (!menteeMe) throw new Error("the demo mentee cannot sign in");
    // Three days ahead at 15:00 in the browser's zone (UTC), clear of anything the demo data books.
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const title = "Office hours: CV reviews";

    const host = await signedIn(mentor);
    await host.page.goto(`${app().url}/programs/${program.id}/office-hours`);
    const form = host.page.getByRole("form", { name: "Host office hours" });
    await form.waitFor();
    // An empty title is named next to its field.
    await form.getByRole("button", { name: "Host office hours" }).click();
    await form.getByText("Give the session a title.").waitFor();
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Date").fill(day);
    await form.getByLabel("Start time").fill("15:00");
    await form.getByLabel("Seats").fill("2");
    await form.getByRole("button", { name: "Host office hours" }).click();
    await form.getByText(`"${title}" is open for 2 people.`).waitFor();
    const hosted = host.page.getByRole("region", { name: "Office hours you host" });
    await hosted.getByText("No one has taken a seat yet.").waitFor();
    await shot(host.page, "office-hours-hosted");

    const guest = await signedIn(mentee);
    await guest.page.goto(`${app().url}/programs/${program.id}/office-hours`);
    const upcoming = guest.page.getByRole("region", { name: "Upcoming office hours" });
    await upcoming.getByRole("heading", { name: title }).waitFor();
    await upcoming.getByText("2 of 2 seats left").waitFor();
    await upcoming.getByRole("button", { name: "Take a seat" }).click();
    await upcoming.getByText("You have a seat").waitFor();
    await upcoming.getByRole("button", { name: "Leave" }).waitFor();
    await shot(guest.page, "office-hours-seat-taken");

    // The host's page heard of it without a reload.
    await hosted.getByText(menteeMe.name).waitFor();
    await hosted.getByText("1 of 2 seats taken", { exact: false }).waitFor();

    await guest.page.goto(`${app().url}/calendar?date=${day}`);
    const calendar = guest.page.getByRole("region", { name: "My sessions" });
    await calendar.getByRole("tab", { name: "List view" }).click();
    await calendar.getByText(title, { exact: false }).first().waitFor();
    await shot(guest.page, "office-hours-in-calendar");
    expect(host.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
  }, 120_000);
});
