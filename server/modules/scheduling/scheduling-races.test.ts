/**
 * Booking races, meant for a real PostgreSQL server (TEST_DATABASE_URL) where the calls run on separate
 * connections at the same moment; on PGlite they run one after another and must give the same answer.
 */
import { TRPCClientError } from "@trpc/client";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { createTestClock } from "../../clock";
import { schedulingTestData } from "../../test-support/scheduling-test-data";
import { startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let data: ReturnType<typeof schedulingTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock("2026-03-02T08:00:00Z") });
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
});

/** Settles every call as "ok" or its app error code (an INTERNAL would show up and fail the test). */
async function outcomes(calls: Promise<unknown>[]) {
  return Promise.all(
    calls.map((c) =>
      c.then(
        () => "ok",
        (err: unknown) =>
          err instanceof TRPCClientError ? ((err.data as { appCode?: string } | undefined)?.appCode ?? "UNKNOWN") : String(err),
      ),
    ),
  );
}

async function liveSessionsOf(userId: string) {
  return t.deps.db
    .select({ id: sessions.id, start: sessions.start })
    .from(sessions)
    .innerJoin(sessionParticipants, eq(sessionParticipants.sessionId, sessions.id))
    .where(and(eq(sessionParticipants.userId, userId), inArray(sessions.status, ["requested", "confirmed"])));
}

/** Starts 08:00, 08:05 ... so every pair of the hour-long sessions overlaps. */
const overlappingStarts = (n: number) =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse("2026-03-03T08:00:00Z") + (i % 12) * 5 * 60_000).toISOString());

describe("booking at the same moment", () => {
  it("100 mentees booking overlapping times with one mentor: exactly one session, 99 clean conflicts", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id, { rules: { weekly: [{ weekday: 2, start: "08:00", end: "12:00" }] } });
    const bookings = [];
    for (let i = 0; i < 100; i++) {
      const mentee = await data.mentee(p.id, { name: `Mentee ${i}` });
      bookings.push({ matchId: await data.match(p.id, mentor.id, mentee.id), client: await data.clientFor(mentee.id) });
    }
    const starts = overlappingStarts(100);

    const result = await outcomes(bookings.map((b, i) => b.client.scheduling.book.mutate({ matchId: b.matchId, start: starts[i]! })));

    expect(result.filter((r) => r === "ok")).toHaveLength(1);
    expect(result.filter((r) => r === "CONFLICT")).toHaveLength(99);
    expect(await liveSessionsOf(mentor.id)).toHaveLength(1);
  }, 120_000);

  it("100 simultaneous bookings of one match for overlapping times leave one session", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id, { rules: { weekly: [{ weekday: 2, start: "08:00", end: "12:00" }] } });
    const mentee = await data.mentee(p.id);
    const matchId = await data.match(p.id, mentor.id, mentee.id);
    const clients = await Promise.all(Array.from({ length: 100 }, (_, i) => data.clientFor(i % 2 === 0 ? mentee.id : mentor.id)));
    const starts = overlappingStarts(100);

    const result = await outcomes(clients.map((c, i) => c.scheduling.book.mutate({ matchId, start: starts[i]! })));

    expect(result.filter((r) => r === "ok")).toHaveLength(1);
    expect(result.filter((r) => r === "CONFLICT")).toHaveLength(99);
    expect(await liveSessionsOf(mentee.id)).toHaveLength(1);
  }, 120_000);
});
