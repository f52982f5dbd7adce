import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { demoProgramWithoutChecklist } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" } });

describe("match requests", () => {
  it("a mentee requests a mentor, the mentor sees it live and accepts, the mentee sees the acceptance live", async () => {
    const { mentor, mentee } = app().demoAccounts();

    // Stage: the demo program requires no checklist, so saving it marks its mentors ready to be matched.
    const { program } = await demoProgramWithoutChecklist(app());
    const mentorName = (await (await apiAs(app(), mentor)).auth.me.query())?.name ?? "";
    const menteeName = (await (await apiAs(app(), mentee)).auth.me.query())?.name ?? "";
    expect(mentorName).not.toBe("");

    // The mentor opens the Requests tab and waits.
    const m = await signedIn(mentor);
    await m.page.goto(`${app().url}/programs/${program.id}/requests`);
    await m.page.getByRole("heading", { level: 2, name: "Requests to you" }).waitFor();
    await m.page.getByText("No open requests right now.").waitFor();

    // The mentee finds the mentor and sends a request with a message.
    const e = await signedIn(mentee);
    await e.page.goto(`${app().url}/programs/${program.id}/mentors`);
    await e.page.getByRole("heading", { level: 2, name: "Browse mentors" }).waitFor();
    await e.page
      .getByText(/\d+ of \d+ open requests/)
      .first()
      .waitFor();
    await e.page
      .getByRole("button", { name: `Request mentor: ${mentorName}` })
      .first()
      .click();
    const dialog = e.page.getByRole("dialog", { name: `Ask ${mentorName} to mentor you` });
    await dialog.waitFor();
    await dialog.getByLabel("Message to the mentor").fill("I would love help growing into a backend role.");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await dialog.waitFor({ state: "hidden" });
    await e.page.getByText(`Request sent to ${mentorName}`).first().waitFor();
    await shot(e.page, "request-01-sent");

    // The mentee goes to Requests (a client-side navigation) and sees it waiting.
    await e.page.getByRole("link", { name: "Requests", exact: true }).click();
    await e.page.getByRole("heading", { level: 2, name: "Your requests" }).waitFor();
    await e.page.getByText("Waiting for an answer").first().waitFor();

    // The mentor's page shows it without a reload, with the message; the mentor accepts.
    const accept = m.page.getByRole("button", { name: `Accept ${menteeName}` });
    await accept.waitFor();
    await m.page.getByText("I would love help growing into a backend role.").first().waitFor();
    await shot(m.page, "request-02-arrived");
    // Why this mentee: the reasons are worded for the mentor reading them, not for the mentee they were written for.
    const reasons = await m.page.locator("li", { has: accept }).locator("ul.list-disc li").allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons)
      expect(r).not.toMatch(/which you want to learn|what you asked for|in your time zones|^Knows |^Prefers |^Has \d/);
    const menteeFirst = menteeName.split(" ")[0] ?? menteeName;
    expect(reasons.some((r) => r.startsWith("You ") || r.includes(menteeFirst))).toBe(true);
    await accept.click();
    await m.page.getByText("Past requests").waitFor();

    // The mentee's page turns to accepted without a reload.
    await e.page.getByText(`${mentorName} accepted. You are matched!`).waitFor();
    await shot(e.page, "request-03-accepted");
    expect(e.errors.filter((x) => !x.includes("favicon"))).toEqual([]);
    expect(m.errors.filter((x) => !x.includes("favicon"))).toEqual([]);
  });
});
