/**
 * A newcomer's first hour on the demo, with no setup at all (no API calls, no availability dragged): a seeded
 * matched mentee signs in, follows Home's "Book a session", picks the first free time and books it; the result says
 * when and what happens next, and the mentor is told among her notifications, worded for her and in her time zone.
 */
import { describe, expect, it } from "vitest";
import { useJourneyApp } from "./support/journey";
import { heading, shot } from "./support/journeys";

const { signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" }, viewport: { width: 1280, height: 1000 } });

describe("the demo, straight after npm start", () => {
  it("a seeded mentee books a session with his mentor from Home, and the mentor is told", async () => {
    const { page, errors } = await signedIn("omar.mentee@demo.mentoring.local");
    await heading(page, "Welcome, Omar");
    await page.getByRole("link", { name: "Book a session with Amara Okafor" }).click();
    await heading(page, "Book a session with Amara Okafor");

    const times = page.getByRole("region", { name: "Available times" });
    const first = times.getByRole("button", { name: /^\d{2}:\d{2}-\d{2}:\d{2}/ }).first();
    // The seeded hours are weekly; late in a week the next free time can be in the next one.
    for (let week = 0; week < 2; week++) {
      await page.waitForLoadState("networkidle");
      if (await first.isVisible()) break;
      await times.getByRole("button", { name: /^next/i }).click();
    }
    await first.waitFor();
    expect(await times.getByText("No free times this week.").count()).toBe(0);
    const picked = ((await first.textContent()) ?? "").slice(0, 11);
    await first.click();

    const confirm = page.getByRole("dialog", { name: "Confirm booking" });
    await confirm.getByRole("button", { name: "Book session" }).click();
    const result = page.getByRole("status").filter({ hasText: "Session booked" });
    await result.waitFor();
    // The result names the time and the next step, for the person who booked.
    const said = (await result.textContent()) ?? "";
    // The demo program books instantly: no waiting for the mentor.
    expect(said).toContain("Confirmed: you both get an email with a calendar invite.");
    await shot(page, "demo-first-hour-01-booked");

    expect(said).toMatch(/^Session booked\w{3} \d{1,2} \w{3}, \d{2}:\d{2}-\d{2}:\d{2}\./);
    expect(said.slice("Session booked".length)).toContain(picked);
    expect(errors).toEqual([]);

    // The mentor is told in her own words and her own zone (Amara's profile: Africa/Lagos, GMT+1).
    const mentor = await signedIn("amara.mentor@demo.mentoring.local");
    await mentor.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
    await heading(mentor.page, "Notifications");
    const notice = mentor.page.getByRole("listitem").filter({ hasText: "Omar Aziz" }).first();
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Session with Omar Aziz confirmed.*\d{2}:\d{2} GMT\+1/);
    expect(mentor.errors).toEqual([]);
  }, 120_000);
});
