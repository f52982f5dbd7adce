/**
 * The stage most scheduling journeys start from, set through the API: the demo mentor and mentee matched in the
 * demo program, and the mentor bookable at any time. Free of vitest so server tests and e2e tests share it.
 */
import { apiAs } from "./api-client";
import type { AppProcess } from "./server";

export type ApiClient = Awaited<ReturnType<typeof apiAs>>;

export const DEMO_PROGRAM = "Women in Tech 2027";

/**
 * The demo program with its checklist cleared, and the coordinator's API client: the demo checklist would keep
 * its mentors from being matched until it is done, and these journeys are about what comes after. Saving a
 * checklist that asks for nothing marks the program's mentors ready.
 */
export async function demoProgramWithoutChecklist(app: AppProcess) {
  const staff = await apiAs(app, app.demoAccounts().coordinator);
  const program = (await staff.program.list.query()).find((p) => p.name === DEMO_PROGRAM);
  if (!program) throw new Error("the demo program is missing");
  await staff.onboarding.setChecklist.mutate({
    programId: program.id,
    codeOfConduct: false,
    documents: [],
    trainingUrl: null,
    backgroundCheck: false,
  });
  return { staff, program };
}

/**
 * An active match between the demo mentor and mentee in the demo program (the mentee asks, the mentor accepts),
 * or the one they already have; the program's checklist is cleared first.
 */
export async function matchDemoPair(app: AppProcess) {
  const { mentor, mentee } = app.demoAccounts();
  const { staff, program } = await demoProgramWithoutChecklist(app);
  const mentorApi = await apiAs(app, mentor);
  const menteeApi = await apiAs(app, mentee);
  const mentorMe = await mentorApi.auth.me.query();
  const menteeMe = await menteeApi.auth.me.query();
  if (!mentorMe || !menteeMe) throw new Error("the demo accounts cannot sign in");
  let matchId = (await menteeApi.scheduling.myMatches.query()).find((m) => m.partner.id === mentorMe.id)?.matchId;
  if (!matchId) {
    const request = await menteeApi.request.create.mutate({ programId: program.id, mentorId: mentorMe.id, message: "Hello" });
    const accepted = await mentorApi.request.accept.mutate({ requestId: request.id });
    if (!accepted.matchId) throw new Error("accepting made no match");
    matchId = accepted.matchId;
  }
  return { program, staff, mentor, mentee, mentorApi, menteeApi, mentorMe, menteeMe, matchId };
}

/** The mentor bookable every hour of every day: no notice, no buffers, no daily or weekly cap. */
export async function bookableAnyTime(mentorApi: ApiClient): Promise<void> {
  const rules = await mentorApi.scheduling.myAvailability.query();
  await mentorApi.scheduling.saveAvailability.mutate({
    ...rules,
    weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNotice: { kind: "hours", hours: 0 },
    maxPerDay: null,
    maxPerWeek: null,
  });
}
