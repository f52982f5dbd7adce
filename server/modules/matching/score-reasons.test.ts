/**
 * Score reasons are worded for the reader: on Grace's request to Amara and the match it becomes, Grace (the mentee)
 * reads "you", Amara (the mentor) reads "Grace", and the coordinator reads both names; nobody else is called "you".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts, demoPassword, seedDemo } from "../../../db/seed/seed";
import { hashPassword } from "../../auth/password";
import { createTestClock } from "../../clock";
import { startTestApp, type TestApp } from "../../test-support/test-app";
import { reasonFor } from "./score-reasons";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock("2026-12-07T15:00:00Z") });
  await seedDemo(t.handle.db, { clock: t.clock, hashPassword });
});
afterAll(async () => {
  await t?.close();
});

type Client = ReturnType<TestApp["client"]>;
async function signedIn(email: string): Promise<Client> {
  const c = t.client();
  await c.auth.signIn.mutate({ email, password: demoPassword });
  return c;
}

describe("score reasons for each reader", () => {
  it("says you to the mentee, names the mentee to the mentor and both people to staff, on the request and the match", async () => {
    const grace = await signedIn(demoAccounts.mentee);
    const amara = await signedIn(demoAccounts.mentor);
    const cora = await signedIn("coordinator@demo.mentoring.local");
    const program = (await grace.program.list.query()).find((p) => p.name === "Women in Tech 2027");
    const amaraMe = await amara.auth.me.query();
    const request = await grace.request.create.mutate({ programId: program?.id ?? "", mentorId: amaraMe?.id ?? "", message: "Hello" });
    const onRequest = async (c: Client) => (await c.request.get.query({ requestId: request.id })).score?.reasons ?? [];
    const mentee = await onRequest(grace);
    const mentor = await onRequest(amara);
    const staff = await onRequest(cora);
    expect(mentee.length).toBeGreaterThan(0);
    expect(mentee.some((r) => /\byou\b/.test(r))).toBe(true);
    expect(mentor).toHaveLength(mentee.length);
    expect(staff).toHaveLength(mentee.length);
    for (const r of mentor) expect(r).not.toMatch(/which you want|what you asked|in your time zones/);
    expect(mentor.some((r) => r.includes("Grace"))).toBe(true);
    for (const r of staff) expect(r).not.toMatch(/\byou(r)?\b/i);
    expect(staff.some((r) => r.includes("Amara") && r.includes("Grace"))).toBe(true);

    const { matchId } = await amara.request.accept.mutate({ requestId: request.id });
    const onMatch = async (c: Client) => (await c.match.get.query({ matchId: matchId ?? "" })).score?.reasons ?? [];
    expect(await onMatch(grace)).toEqual(mentee);
    expect(await onMatch(amara)).toEqual(mentor);
    expect(await onMatch(cora)).toEqual(staff);
  });
});

describe("each reason the scorer writes", () => {
  const pair = { mentorName: "Amara Okafor", menteeName: "Grace Kim" };
  const cases: [string, string, string][] = [
    [
      "Knows SQL and React, which you want to learn",
      "You know SQL and React, which Grace wants to learn",
      "Amara knows SQL and React, which Grace wants to learn",
    ],
    [
      "Knows Python, close to what you asked for",
      "You know Python, close to what Grace asked for",
      "Amara knows Python, close to what Grace asked for",
    ],
    [
      "4 hours a week overlap in your time zones",
      "4 hours a week overlap with Grace's hours",
      "4 hours a week overlap in Amara's and Grace's hours",
    ],
    ["Prefers video calls, like you", "Grace prefers video calls, like you", "Amara and Grace both prefer video calls"],
    ["Has 1 of 3 places free", "You have 1 of 3 places free", "Amara has 1 of 3 places free"],
  ];
  it.each(cases)("%s", (menteeWords, mentorWords, staffWords) => {
    expect(reasonFor(menteeWords, "mentee", pair)).toBe(menteeWords);
    expect(reasonFor(menteeWords, "mentor", pair)).toBe(mentorWords);
    expect(reasonFor(menteeWords, "staff", pair)).toBe(staffWords);
  });
});
