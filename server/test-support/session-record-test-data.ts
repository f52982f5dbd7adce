/**
 * Test data for the session record tests: a program with a coordinator, a mentor open all week, a mentee, their
 * match and signed-in clients, and booked sessions. Only imported by tests.
 */
import { enrol, makeUser } from "./factories";
import { schedulingTestData } from "./scheduling-test-data";
import type { TestApp } from "./test-app";

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));

export function sessionRecordTestData(t: TestApp) {
  const data = schedulingTestData(t);

  /** A fresh program and pair; the mentor in Berlin, the mentee in New York. */
  async function pair(opts: { noShowThreshold?: number } = {}) {
    const program = await data.program({
      bookingConfirmation: "instant",
      ...(opts.noShowThreshold ? { noShowThreshold: opts.noShowThreshold } : {}),
    });
    const mentor = await data.mentor(program.id, { name: "Mia Mentor", timezone: "Europe/Berlin", rules: { weekly: allWeek } });
    const mentee = await data.mentee(program.id, { name: "Ned Mentee", timezone: "America/New_York" });
    const coordinator = await makeUser(t.deps.db, { name: "Cora Coordinator" });
    await enrol(t.deps.db, program.id, coordinator.id, "coordinator");
    const matchId = await data.match(program.id, mentor.id, mentee.id);
    return {
      program,
      mentor,
      mentee,
      coordinator,
      matchId,
      mentorClient: await data.clientFor(mentor.id),
      menteeClient: await data.clientFor(mentee.id),
      coordinatorClient: await data.clientFor(coordinator.id),
    };
  }

  /** Someone with no part in the pair's program: a coordinator of another program. */
  async function outsider() {
    const other = await data.program();
    const u = await makeUser(t.deps.db, { name: "Otto Outsider" });
    await enrol(t.deps.db, other.id, u.id, "coordinator");
    return { user: u, client: await data.clientFor(u.id) };
  }

  return { ...data, pair, outsider };
}
