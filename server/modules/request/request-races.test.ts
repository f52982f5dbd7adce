/**
 * Races on accepting requests, meant for a real PostgreSQL server (TEST_DATABASE_URL) where the calls run on
 * separate connections at the same moment; on PGlite they run one after another and must give the same answer.
 */
import { TRPCClientError } from "@trpc/client";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches, matchRequests } from "../../../db/schema/matching";
import { requestTestData } from "../../test-support/request-test-data";
import { startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let data: ReturnType<typeof requestTestData>;
beforeAll(async () => {
  t = await startTestApp();
  data = requestTestData(t);
});
afterAll(async () => {
  await t?.close();
});

async function liveMatches(programId: string) {
  return t.deps.db
    .select({ mentorId: matches.mentorId, menteeId: matches.menteeId })
    .from(matches)
    .where(and(eq(matches.programId, programId), inArray(matches.status, ["active", "paused"])));
}

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

describe("accepting at the same moment", () => {
  it("two mentors accepting the same mentee leave exactly one active match; the other gets a CONFLICT", async () => {
    for (let round = 0; round < 5; round++) {
      const p = await data.program();
      const a = await data.mentor(p.id, { name: "Ana" });
      const b = await data.mentor(p.id, { name: "Ben" });
      const me = await data.mentee(p.id);
      const menteeClient = await data.clientFor(me.id);
      const ra = await menteeClient.request.create.mutate({ programId: p.id, mentorId: a.id, message: "" });
      const rb = await menteeClient.request.create.mutate({ programId: p.id, mentorId: b.id, message: "" });
      const [ca, cb] = [await data.clientFor(a.id), await data.clientFor(b.id)];

      const result = await outcomes([ca.request.accept.mutate({ requestId: ra.id }), cb.request.accept.mutate({ requestId: rb.id })]);

      expect(result.sort()).toEqual(["CONFLICT", "ok"]);
      expect(await liveMatches(p.id)).toHaveLength(1);
      const statuses = (
        await t.deps.db.select({ status: matchRequests.status }).from(matchRequests).where(eq(matchRequests.programId, p.id))
      )
        .map((r) => r.status)
        .sort();
      expect(statuses).toEqual(["accepted", "withdrawn"]);
    }
  });

  it("a mentor with one free place and ten simultaneous accepts ends with exactly one match", async () => {
    const p = await data.program({ openRequestLimit: 3 });
    const mentor = await data.mentor(p.id, { capacity: 1 });
    const requestIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const me = await data.mentee(p.id);
      const { id } = await (await data.clientFor(me.id)).request.create.mutate({ programId: p.id, mentorId: mentor.id, message: "" });
      requestIds.push(id);
    }
    const clients = await Promise.all(requestIds.map(() => data.clientFor(mentor.id)));

    const result = await outcomes(requestIds.map((requestId, i) => clients[i]!.request.accept.mutate({ requestId })));

    expect(result.filter((r) => r === "ok")).toHaveLength(1);
    expect(result.filter((r) => r === "CONFLICT")).toHaveLength(9);
    expect(await liveMatches(p.id)).toHaveLength(1);
    const accepted = await t.deps.db
      .select({ id: matchRequests.id })
      .from(matchRequests)
      .where(and(eq(matchRequests.programId, p.id), eq(matchRequests.status, "accepted")));
    expect(accepted).toHaveLength(1);
  });

  it("a mentee sending many requests at once never gets past the open-request limit", async () => {
    const p = await data.program({ openRequestLimit: 3 });
    const me = await data.mentee(p.id);
    const mentors = [];
    for (let i = 0; i < 8; i++) mentors.push(await data.mentor(p.id));
    const clients = await Promise.all(mentors.map(() => data.clientFor(me.id)));

    const result = await outcomes(
      mentors.map((m, i) => clients[i]!.request.create.mutate({ programId: p.id, mentorId: m.id, message: "" })),
    );

    expect(result.filter((r) => r === "ok")).toHaveLength(3);
    expect(result.filter((r) => r === "CONFLICT")).toHaveLength(5);
  });
});
