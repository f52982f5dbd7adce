/**
 * A program from its creation to its first ready mentor, in three browsers: a platform admin creates an
 * invite-code program that needs approval (the weights error shows at the weights; fixed, the settings save),
 * appoints the demo coordinator and sets up the checklist (code of conduct with a published text, a training
 * link). A newcomer signs up and asks to join with the invite code as a mentor; the coordinator approves the
 * request; the mentor fills the intake, agrees to the code of conduct and marks the training done; the
 * coordinator's review queue shows both steps without a reload, approves them in bulk, and the mentor's
 * "Get started" page says she is ready to be matched.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useJourneyApp } from "./support/journey";
import { describedByText, heading, shot, signUpThroughForm, uniqueEmail } from "./support/journeys";

const { app, newSession, signedIn } = useJourneyApp({ env: { WORKER_POLL_MS: "200" } });

async function programTab(page: Page, label: string): Promise<void> {
  await page.getByRole("navigation", { name: "Program pages" }).getByRole("link", { name: label, exact: true }).click();
}

describe("program onboarding", () => {
  it("an admin sets up an invite-code program; a new mentor joins, is approved, finishes the checklist and is approved in bulk", async () => {
    const { admin, coordinator } = app().demoAccounts();
    const programName = `Returners in Data ${Date.now().toString(36)}`;
    const cocText = "Be kind, be on time, and keep what your mentee shares private.";
    const trainingUrl = "https://training.example.test/mentoring-basics";

    // 1. The admin finds the programs page through the admin navigation and creates the program.
    const a = await signedIn(admin);
    const ap = a.page;
    await ap.getByRole("link", { name: "Admin", exact: true }).click();
    await ap.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Programs" }).click();
    await ap.waitForURL((u) => u.pathname === "/admin/programs");
    await heading(ap, "Programs");
    await ap.getByLabel("Name", { exact: true }).fill(programName);
    expect(await ap.getByLabel("Address (slug)").inputValue()).toMatch(/^returners-in-data-/);
    await ap.getByLabel("How people join").selectOption({ label: "Invite code only" });
    await ap.getByLabel("A coordinator approves each person who joins").check();
    await ap.getByLabel("Matching mode").selectOption({ label: "Mentees choose their mentor" });
    await ap.getByRole("button", { name: "Create program" }).click();
    await ap.getByText(`${programName} was created.`).waitFor();
    await ap.getByRole("link", { name: programName }).first().waitFor();
    await shot(ap, "onboarding-01-program-created");
    await ap.getByRole("link", { name: "Appoint its coordinators" }).click();
    await heading(ap, programName);
    const programId = /\/programs\/([^/]+)\/members$/.exec(new URL(ap.url()).pathname)?.[1];
    expect(programId).toBeTruthy();

    // Its weights live on the Settings tab: a total other than 100 is refused at the weights.
    await programTab(ap, "Settings");
    const skills = ap.getByLabel("Skills", { exact: true });
    expect(await skills.inputValue()).toBe("60");
    await skills.fill("70");
    await ap.getByText("Total: 110 of 100 (remove 10)").waitFor();
    await ap.getByRole("button", { name: "Save settings" }).click();
    const weightsGroup = ap.getByRole("group", { name: "Score weights" });
    await weightsGroup.getByText("The weights must add up to 100; these add up to 110.").waitFor();
    expect(await skills.getAttribute("aria-invalid")).toBe("true");
    expect(await describedByText(skills)).toContain("The weights must add up to 100; these add up to 110.");
    expect(await ap.getByText("Settings saved.").count()).toBe(0);
    await shot(ap, "onboarding-02-weights-error");
    await ap.getByLabel("Availability overlap").fill("10");
    await ap.getByText("Total: 100 of 100").waitFor();
    await weightsGroup.getByText("these add up to 110", { exact: false }).waitFor({ state: "detached" });
    expect(await skills.getAttribute("aria-invalid")).toBeNull();
    await ap.getByRole("button", { name: "Save settings" }).click();
    await ap.getByText("Settings saved.").waitFor();

    // Members tab: the demo coordinator is appointed; the invite code is on the invite panel.
    await programTab(ap, "Members");
    const addForm = ap.locator("form").filter({ has: ap.getByRole("button", { name: "Add member" }) });
    await addForm.getByLabel("Email").fill(coordinator);
    await addForm.getByLabel("Role").selectOption("coordinator");
    await addForm.getByRole("button", { name: "Add member" }).click();
    await ap.getByText(`${coordinator} was added as coordinator.`).waitFor();
    const invite = ap.getByRole("region", { name: "Invite people" });
    await invite.getByText("Invite code only, approval required.").waitFor();
    const inviteCode = ((await invite.locator("output").first().textContent()) ?? "").trim();
    expect(inviteCode).not.toBe("");
    await shot(ap, "onboarding-03-coordinator-appointed");

    // Reviews tab: publish a code of conduct, then require it and a training.
    await programTab(ap, "Reviews");
    await ap.getByText("Nothing is waiting for review.").waitFor();
    await ap.getByLabel("Text", { exact: true }).fill(cocText);
    await ap.getByRole("button", { name: "Publish as version 1" }).click();
    await ap.getByRole("status").filter({ hasText: "Version 1 published." }).waitFor();
    const coc = ap.getByLabel("Mentors agree to the code of conduct");
    await ap.getByText("Current text: version 1.").waitFor();
    await coc.check();
    await ap.getByLabel("Training link").fill(trainingUrl);
    await ap.getByRole("button", { name: "Save checklist" }).click();
    await ap
      .getByRole("status")
      .filter({ hasText: /^Saved\.$/ })
      .waitFor();
    await ap.getByRole("button", { name: "Publish as version 2" }).waitFor();
    await shot(ap, "onboarding-04-checklist-set");

    // 2. A newcomer signs up, completes the welcome wizard as a mentor, and asks to join with the code.
    const n = await newSession();
    const np = n.page;
    const member = { name: "Ines Okafor", email: uniqueEmail("ines"), password: "lanterns drifting over a calm harbour" };
    await signUpThroughForm(np, app().url, member);
    await np.getByRole("link", { name: /Continue setting up your profile/ }).click();
    await np.waitForURL((u) => u.pathname === "/welcome");
    await np.getByRole("heading", { level: 2, name: "About you" }).waitFor();
    await np.getByRole("button", { name: "Next" }).click();
    await np.getByRole("heading", { level: 2, name: "Your role" }).waitFor();
    await np.getByLabel("I want to mentor").check();
    await np.getByRole("button", { name: "Next" }).click();
    await np.getByRole("heading", { level: 2, name: "Mentor details" }).waitFor();
    await np.getByLabel("Headline").fill("Data engineer helping people return to tech after a break.");
    await np.getByLabel("Expertise").fill("data engineering, SQL");
    await np.getByLabel("Years of experience").fill("9");
    await np.getByLabel("Default capacity").fill("2");
    await np.getByRole("group", { name: "Mentoring styles" }).getByRole("checkbox").first().check();
    await np.getByRole("button", { name: "Finish" }).click();
    await np.waitForURL((u) => u.pathname === "/");

    await np.goto(`${app().url}/join`);
    await heading(np, "Join a program");
    await np.getByRole("textbox", { name: "Invite code" }).fill(inviteCode);
    await np.getByRole("button", { name: "Continue", exact: true }).click();
    await np.getByRole("heading", { name: programName }).waitFor();
    await np.getByRole("radio", { name: /Mentor/ }).check();
    await np.getByRole("button", { name: "Ask to join" }).click();
    await np.getByText("Request sent").waitFor();
    await np.getByText("A coordinator will review your request", { exact: false }).waitFor();
    await shot(np, "onboarding-05-request-sent");
    // Back on the join page, the program says the request is waiting for approval.
    await np.goto(`${app().url}/join`);
    await np.getByRole("textbox", { name: "Invite code" }).fill(inviteCode);
    await np.getByRole("button", { name: "Continue", exact: true }).click();
    await np.getByText("Your request to join as mentor is waiting for a coordinator's approval.").waitFor();

    // 3. The coordinator approves the request from the Members tab.
    const c = await signedIn(coordinator);
    const cp = c.page;
    await cp.getByRole("link", { name: programName }).first().click();
    await heading(cp, programName);
    await programTab(cp, "Members");
    const queue = cp.getByRole("region", { name: "Approval queue" });
    await queue.getByRole("listitem").filter({ hasText: member.email }).getByText("Mentor", { exact: true }).waitFor();
    await shot(cp, "onboarding-06-approval-queue");
    await queue.getByRole("button", { name: `Approve ${member.name}` }).click();
    await queue.getByText("1 request approved. Each person was notified.").waitFor();
    await queue.getByText("No one is waiting for approval.").waitFor();

    // The coordinator keeps the Reviews tab open.
    await programTab(cp, "Reviews");
    await cp.getByText("Nothing is waiting for review.").waitFor();

    // 4. The mentor opens the program's "Get started" page.
    await np.goto(`${app().url}/`);
    await np.getByRole("link", { name: programName }).first().click();
    await heading(np, programName);
    await programTab(np, "Get started");
    await np.getByRole("heading", { name: "Your mentoring in this program" }).waitFor();
    await np.getByText("Not saved yet.", { exact: false }).waitFor();
    const topics = np.getByRole("textbox", { name: "Topics you mentor on" });
    await topics.fill("Data pipelines");
    await topics.press("Enter");
    await topics.fill("Returning after a break");
    await topics.press("Enter");
    await np.getByRole("list", { name: "Topics you mentor on: chosen" }).getByText("Data pipelines").waitFor();
    await np.getByLabel("Mentees you can take in this program").fill("2");
    await np.getByRole("button", { name: "Add a window on Tuesday" }).click();
    await np.getByLabel("Tuesday window 1 start").fill("18:00");
    await np.getByLabel("Tuesday window 1 end").fill("19:30");
    await np.getByLabel("Video call").check();
    await np.getByRole("button", { name: "Save answers" }).click();
    await np
      .getByRole("status")
      .filter({ hasText: /^Saved\.$/ })
      .waitFor();
    await np.getByText("Not saved yet.", { exact: false }).waitFor({ state: "detached" });
    await shot(np, "onboarding-07-intake-saved");

    // The checklist: the code of conduct text with its version; agree; then the training.
    const checklist = np.getByRole("region", { name: "Mentor checklist" });
    await checklist.getByText(cocText).waitFor();
    await checklist.getByText("Version 1", { exact: true }).waitFor();
    await checklist.getByRole("button", { name: "I agree to version 1" }).click();
    await checklist.getByText(/^You agreed to version 1 on .+\.$/).waitFor();
    expect(await checklist.getByRole("link", { name: "Open the training" }).getAttribute("href")).toBe(trainingUrl);
    await checklist.getByRole("button", { name: "I finished the training" }).click();
    await checklist.getByText(/^You marked it done on .+\.$/).waitFor();
    expect(await checklist.getByText("Waiting for review", { exact: true }).count()).toBe(2);
    await shot(np, "onboarding-08-steps-submitted");

    // 5. Without a reload, the coordinator's review queue shows both steps; they are approved together.
    const review = cp.getByRole("region", { name: "Review queue" });
    await review.getByText(`${member.name}: Code of conduct`).waitFor();
    await review.getByText(`${member.name}: Training`).waitFor();
    await review.getByText("agreed to version 1", { exact: false }).waitFor();
    await shot(cp, "onboarding-09-review-queue-live");
    await review.getByLabel("Select all submitted steps").check();
    await review.getByRole("button", { name: "Approve selected (2)" }).click();
    await review.getByText("2 steps approved. 1 mentor is now ready to be matched.").waitFor();
    await review.getByText("Nothing is waiting for review.").waitFor();
    await shot(cp, "onboarding-10-approved");

    // The mentor's page turns to ready without a reload.
    await checklist.getByText("You are ready to be matched").waitFor();
    expect(await checklist.getByText("Approved", { exact: true }).count()).toBe(2);
    await shot(np, "onboarding-11-ready");

    // The refused weights are the only failed request the admin's browser saw.
    expect(a.errors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
    expect(n.errors).toEqual([]);
    expect(c.errors).toEqual([]);
  });
});
