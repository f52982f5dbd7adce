/**
 * The session record in two browsers: a mentor and a mentee open the same session, write shared notes that reach
 * the other live, keep private notes to themselves, add and tick an action item, check in and complete it.
 *
 * Check-in and completion depend on the real time, and bookings only start in the future. So the stage is set
 * through the API on a first run of the app, the app is stopped, the booked session is moved to have started
 * five minutes ago directly in the embedded database (as the server tests move their clock), and the app is
 * started again on the same data and port.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { bookableAnyTime, matchDemoPair } from "./support/demo-pair";
import { useJourneyApp } from "./support/journey";
import { shot } from "./support/journeys";
import { type AppProcess, type DemoAccounts, startApp } from "./support/server";

const MINUTE = 60_000;
let dataDir: string;
let accounts: DemoAccounts;
let sessionId: string;
let names: { mentor: string; mentee: string };

async function stage(first: AppProcess) {
  const { mentorApi, menteeApi, mentorMe, menteeMe, matchId } = await matchDemoPair(first);
  names = { mentor: mentorMe.name, mentee: menteeMe.name };
  await bookableAnyTime(mentorApi);
  const now = Date.now();
  const slots = await menteeApi.scheduling.slots.query({
    matchId,
    from: new Date(now + 2 * 3_600_000).toISOString(),
    to: new Date(now + 3 * 86_400_000).toISOString(),
  });
  const slot = slots.slots[0];
  if (!slot) throw new Error(`no slots: ${slots.whyNone.join(" ")}`);
  // The mentor books, so the session is confirmed whatever the program's confirmation setting.
  const booked = await mentorApi.scheduling.book.mutate({ matchId, start: slot.start });
  expect(booked.status).toBe("confirmed");
  return { id: booked.id, minutes: (booked.end.getTime() - booked.start.getTime()) / MINUTE };
}

/** Moves the session so it started five minutes ago, in the stopped app's embedded database. */
async function moveToNow(id: string, minutes: number) {
  const handle = await openDb({ pgliteDir: path.join(dataDir, "pglite"), migrate: false });
  try {
    const start = new Date(Date.now() - 5 * MINUTE).toISOString();
    const end = new Date(Date.now() - 5 * MINUTE + minutes * MINUTE).toISOString();
    await handle.db.execute(sql`update sessions set starts_at = ${start}::timestamptz, ends_at = ${end}::timestamptz where id = ${id}`);
    await handle.db.execute(
      sql`update session_participants set during = tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)') where session_id = ${id}`,
    );
  } finally {
    await handle.close();
  }
}

const { app, signedIn } = useJourneyApp({
  async start() {
    const first = await startApp();
    dataDir = first.dataDir;
    try {
      accounts = first.demoAccounts();
      const booked = await stage(first);
      sessionId = booked.id;
      await first.process.stop();
      await moveToNow(booked.id, booked.minutes);
      // The second start does not own the first one's data folder, so closing it removes that folder too.
      const second = await startApp({ dataDir, port: first.port });
      return {
        ...second,
        async close() {
          await second.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await first.close();
      throw err;
    }
  },
});

describe("session record", () => {
  it("mentor and mentee share notes live, keep private notes private, tick an action item, check in and complete", async () => {
    const mentor = await signedIn(accounts.mentor, { password: accounts.password });
    const mentee = await signedIn(accounts.mentee, { password: accounts.password });
    await mentor.page.goto(`${app().url}/sessions/${sessionId}`);
    await mentee.page.goto(`${app().url}/sessions/${sessionId}`);
    await mentor.page.getByRole("heading", { level: 1, name: `Session with ${names.mentee}` }).waitFor();
    await mentee.page.getByRole("heading", { level: 1, name: `Session with ${names.mentor}` }).waitFor();

    // The mentee writes shared notes; the mentor's open page shows them without a reload.
    const menteeNotes = mentee.page.getByRole("textbox", { name: "Shared notes" });
    await menteeNotes.fill("We will go through my CV and two job offers.");
    await mentee.page.getByRole("button", { name: "Save shared notes" }).click();
    await mentee.page.getByRole("status").filter({ hasText: "Saved" }).first().waitFor();
    const mentorNotes = mentor.page.getByRole("textbox", { name: "Shared notes" });
    await expect.poll(() => mentorNotes.inputValue()).toBe("We will go through my CV and two job offers.");

    // The mentor's private note stays on the mentor's side.
    await mentor.page.getByText("Only you can see these.").waitFor();
    await mentor.page.getByRole("textbox", { name: "Private notes" }).fill("Ask about the relocation worry.");
    await mentor.page.getByRole("button", { name: "Save private notes" }).click();
    await mentor.page.getByRole("status").filter({ hasText: "Saved" }).first().waitFor();
    await mentee.page.reload();
    await expect.poll(() => mentee.page.getByRole("textbox", { name: "Private notes" }).inputValue()).toBe("");
    expect(await mentee.page.content()).not.toContain("relocation worry");
    await mentor.page.reload();
    await expect
      .poll(() => mentor.page.getByRole("textbox", { name: "Private notes" }).inputValue())
      .toBe("Ask about the relocation worry.");

    // An action item for the mentee, ticked by the mentee; the mentor sees it done.
    await mentor.page.getByRole("textbox", { name: "New action item" }).fill("Update the CV summary");
    await mentor.page.getByRole("combobox", { name: "Owner" }).selectOption({ label: names.mentee });
    await mentor.page.getByRole("button", { name: "Add action item" }).click();
    const menteeItem = mentee.page.getByRole("checkbox", { name: "Update the CV summary" });
    await menteeItem.waitFor();
    await mentee.page.getByRole("region", { name: "Your open action items" }).getByText("Update the CV summary").waitFor();
    await menteeItem.check();
    await expect.poll(() => mentor.page.getByRole("checkbox", { name: "Update the CV summary" }).isChecked()).toBe(true);
    await mentee.page.getByRole("region", { name: "Your open action items" }).getByText("Nothing open.").waitFor();

    // Check-in is open (the session started five minutes ago); then the mentor completes the session.
    await mentee.page.getByRole("button", { name: "Check in" }).click();
    await mentee.page.getByText(/You checked in at/).waitFor();
    await mentor.page
      .getByText(/Checked in at/)
      .first()
      .waitFor();
    await shot(mentor.page, "session-record-before-completion");
    await mentor.page.getByRole("button", { name: "Complete session" }).click();
    await mentor.page.getByText(/Completed by /).waitFor();
    await mentee.page.getByText(/Completed by /).waitFor();
    await expect
      .poll(async () => (await mentee.page.getByRole("region", { name: "Attendance" }).textContent()) ?? "")
      .toContain("Attended");
    await shot(mentee.page, "session-record-completed");

    expect(mentor.errors).toEqual([]);
    expect(mentee.errors).toEqual([]);
  }, 180_000);
});
