/**
 * Outside review point 21: each person sees the one next step that fits their state, the same on Home and on the
 * program page, and the accepted request leads to booking. Demo accounts: Omar is matched with Amara and has
 * sessions booked; Grace is not matched yet.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api-client";
import { DEMO_PROGRAM, demoProgramWithoutChecklist } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { heading, shot } from "./support/journeys";

const { app, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" } });

const OMAR = "omar.mentee@demo.mentoring.local";
const AMARA = "Amara Okafor";
/** The sentence the program page used to show everyone, matched or not. */
const ONBOARDING_SENTENCE = /Finish your (checklist and )?intake/;

const nextStepOf = (page: Page) => page.getByRole("region", { name: /^Your next steps?$/ });

/** Home's next-step card, once loaded, as text. */
async function homeStep(page: Page): Promise<string> {
  await page.goto(`${app().url}/`);
  await heading(page, /^Welcome/);
  const card = nextStepOf(page);
  await card.getByRole("heading", { level: 3, name: new RegExp(DEMO_PROGRAM) }).waitFor();
  return ((await card.textContent()) ?? "").replace(/\s+/g, " ");
}

/** The program page's next-step card, reached from Home's step heading, as text. */
async function programStep(page: Page): Promise<string> {
  await nextStepOf(page).getByRole("link", { name: DEMO_PROGRAM }).click();
  await heading(page, DEMO_PROGRAM);
  const card = nextStepOf(page);
  await card.getByRole("link").first().waitFor();
  return ((await card.textContent()) ?? "").replace(/\s+/g, " ");
}

describe("the next step", () => {
  it("a matched mentee with a session booked sees that session, in the profile's zone, on Home and on the program page, and never the intake sentence", async () => {
    const omar = await signedIn(OMAR);
    const page = omar.page;

    const onHome = await homeStep(page);
    // Omar's profile zone is Asia/Dubai; the browser is in UTC: the time is the profile's, and says so.
    expect(onHome).toMatch(new RegExp(`Your next session with ${AMARA}: .+ \\(Asia/Dubai\\)`));
    expect(await page.locator("main").textContent()).not.toMatch(ONBOARDING_SENTENCE);
    await shot(page, "next-step-01-omar-home");

    const onProgram = await programStep(page);
    expect(onProgram).toMatch(new RegExp(`Your next session with ${AMARA}: .+ \\(Asia/Dubai\\)`));
    // Both pages read the same step: the same session at the same time.
    expect(onProgram.match(/session with .+\(Asia\/Dubai\)/)?.[0]).toBe(onHome.match(/session with .+\(Asia\/Dubai\)/)?.[0]);
    expect(await page.locator("main").textContent()).not.toMatch(ONBOARDING_SENTENCE);

    await nextStepOf(page).getByRole("link", { name: "Open the session" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/sessions/"));
    await heading(page, `Session with ${AMARA}`);
  });

  it("an unmatched mentee is sent to find a mentor; after a request they wait with the deadline; the accepted request offers booking", async () => {
    const { mentor, mentee } = app().demoAccounts();
    const { program } = await demoProgramWithoutChecklist(app());

    const grace = await signedIn(mentee);
    const page = grace.page;
    const onHome = await homeStep(page);
    expect(onHome).toContain("Find a mentor who fits what you want to learn");
    expect(await programStep(page)).toContain("Find a mentor who fits what you want to learn");
    await nextStepOf(page).getByRole("link", { name: "Find a mentor" }).click();
    await page.getByRole("heading", { level: 2, name: "Browse mentors" }).waitFor();

    // Grace asks Amara (through the API: the request form has its own journey).
    const menteeApi = await apiAs(app(), mentee);
    const mentorApi = await apiAs(app(), mentor);
    const amara = await mentorApi.auth.me.query();
    if (!amara) throw new Error("the demo mentor cannot sign in");
    await menteeApi.request.create.mutate({ programId: program.id, mentorId: amara.id, message: "Could you help me land an internship?" });

    const waiting = await homeStep(page);
    // The deadline is written in Grace's profile zone, Asia/Seoul, not the browser's UTC.
    expect(waiting).toMatch(new RegExp(`Waiting for ${AMARA} to answer your request \\(answer due by .+ \\(Asia/Seoul\\)\\)`));
    expect(await programStep(page)).toContain(`Waiting for ${AMARA} to answer your request`);

    // Amara's next step is the request; she accepts it on the Requests page and is offered proposing times.
    const mentorSession = await signedIn(mentor);
    const mentorPage = mentorSession.page;
    expect(await homeStep(mentorPage)).toMatch(/1 mentee is waiting for your answer \(the first is due by .+\)/);
    await nextStepOf(mentorPage).getByRole("link", { name: "Answer requests" }).click();
    await mentorPage.getByRole("button", { name: "Accept Grace Kim" }).click();
    await mentorPage.getByRole("heading", { level: 3, name: "Past requests" }).waitFor();
    await mentorPage.getByRole("link", { name: "Propose times to Grace Kim" }).waitFor();
    await shot(mentorPage, "next-step-02-amara-accepted");

    // Grace, matched now: Home and the program page say book; never the intake sentence.
    const matched = await homeStep(page);
    expect(matched).toContain(`You are matched with ${AMARA}`);
    expect(
      await nextStepOf(page)
        .getByRole("link", { name: `Book a session with ${AMARA}` })
        .count(),
    ).toBe(1);
    // Home offers it once: the "Book a session" card leaves out the match the next step already offers.
    await page.waitForLoadState("networkidle");
    expect(
      await page
        .getByRole("main")
        .getByRole("link", { name: `Book a session with ${AMARA}` })
        .count(),
    ).toBe(1);
    expect(await page.locator("main").textContent()).not.toMatch(ONBOARDING_SENTENCE);
    expect(await programStep(page)).toContain(`You are matched with ${AMARA}`);
    expect(await page.locator("main").textContent()).not.toMatch(ONBOARDING_SENTENCE);

    // The accepted request itself offers booking, and it leads to the booking page in the profile's zone.
    await page.goto(`${app().url}/programs/${program.id}/requests`);
    const accepted = page.getByRole("article", { name: `Request Grace Kim to ${AMARA}` });
    await accepted.getByText(`${AMARA} accepted. You are matched!`).waitFor();
    await shot(page, "next-step-03-grace-accepted");
    await accepted.getByRole("link", { name: `Book a session with ${AMARA}` }).click();
    await heading(page, `Book a session with ${AMARA}`);
    await page.getByText("Times are in your time zone (Asia/Seoul)").waitFor();
  });
});
