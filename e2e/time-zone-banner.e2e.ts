/**
 * Outside review point 18: times are shown in the profile's zone everywhere; a device set to another zone is
 * offered to move the profile to it ("Use …") or to keep the profile's ("Keep …", remembered on the device).
 * Demo accounts: Omar (Asia/Dubai) is matched with Amara, Hugo (Europe/Paris) with Bruno.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { useJourneyApp } from "./support/journey";
import { heading, openCapturedMail, shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp();

const banner = (page: Page) => page.getByRole("region", { name: "Time zone" });

/** From Home, through "Book a session with …", to the booking page's free times. */
async function openBooking(page: Page, mentorName: string) {
  await page.goto(`${app().url}/`);
  await heading(page, /^Welcome/);
  await page
    .getByRole("link", { name: `Book a session with ${mentorName}` })
    .first()
    .click();
  await heading(page, `Book a session with ${mentorName}`);
  await page.getByText(/Times are in your time zone \(/).waitFor();
}

describe("the time-zone banner", () => {
  it("a device in another zone is offered it; Use moves the profile, and the booking page then shows times in it", async () => {
    const email = "omar.mentee@demo.mentoring.local";
    const omar = await signedIn(email, { timezoneId: "America/New_York" });
    const page = omar.page;

    await openBooking(page, "Amara Okafor");
    // Before: the booking page is in the profile's zone, and the banner says the device differs.
    await page.getByText("Times are in your time zone (Asia/Dubai)").waitFor();
    await banner(page).getByText("Your device is in another time zone").waitFor();
    await shot(page, "time-zone-01-offer");

    await banner(page).getByRole("button", { name: "Use America/New_York" }).click();
    await page.getByText("Your time zone is now America/New_York.").waitFor();
    expect((await (await apiAs(app(), email)).auth.me.query())?.timezone).toBe("America/New_York");

    // The page already open follows, and a fresh load of it too; the device and the profile agree, so no offer.
    await page.getByText("Times are in your time zone (America/New_York)").waitFor();
    await page.reload();
    await page.getByText("Times are in your time zone (America/New_York)").waitFor();
    expect(await banner(page).count()).toBe(0);
  });

  it("Keep hides the offer, the profile's zone stays, and it stays hidden after a reload", async () => {
    const email = "hugo.mentee@demo.mentoring.local";
    const hugo = await signedIn(email, { timezoneId: "Asia/Tokyo" });
    const page = hugo.page;

    await openBooking(page, "Bruno Silva");
    await page.getByText("Times are in your time zone (Europe/Paris)").waitFor();
    const keep = banner(page).getByRole("button", { name: "Keep Europe/Paris" });
    await keep.waitFor();
    await keep.click();
    await banner(page).waitFor({ state: "detached" });

    await page.reload();
    await heading(page, "Book a session with Bruno Silva");
    await page.getByText("Times are in your time zone (Europe/Paris)").waitFor();
    expect(await banner(page).count()).toBe(0);
    // Elsewhere too: Home has no offer either.
    await page.goto(`${app().url}/`);
    await heading(page, /^Welcome/);
    await page.getByRole("region", { name: /^Your next steps?$/ }).waitFor();
    expect(await banner(page).count()).toBe(0);
    expect((await (await apiAs(app(), email)).auth.me.query())?.timezone).toBe("Europe/Paris");
  });

  it("the dev mailbox, opened straight from a link, says when a message was sent in the profile's zone, not the device's", async () => {
    const email = "lena.mentee@demo.mentoring.local";
    const lenaApi = await apiAs(app(), email);
    const zone = (await lenaApi.auth.me.query())?.timezone ?? "";
    // The device is in UTC; the check only means something when the profile's zone is somewhere else.
    expect(zone).not.toBe("UTC");
    await lenaApi.auth.requestPasswordReset.mutate({ email });
    // The worker sends it from the outbox: wait for it to be captured.
    let sent: { createdAt: Date } | undefined;
    for (const until = Date.now() + 30_000; !sent && Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
      sent = (await lenaApi.devMailbox.list.query({ to: email })).messages.find((m) => m.subject === "Reset your password");
    }
    if (!sent) throw new Error("no reset mail was captured within 30 s");
    const sentAt = sent.createdAt;

    const lena = await signedIn(email);
    await lena.page.goto(`${app().url}/dev/mailbox`);
    const reader = await openCapturedMail(lena.page, { to: email, subject: "Reset your password" });
    const shown = (await reader.locator("dt", { hasText: "Sent" }).locator("xpath=following-sibling::dd[1]").textContent()) ?? "";
    const inZone = (timeZone: string) =>
      new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(sentAt).replace(/\s+/g, " ");
    expect(shown.replace(/\s+/g, " ")).toBe(inZone(zone));
    expect(inZone(zone)).not.toBe(inZone("UTC"));
  });
});
