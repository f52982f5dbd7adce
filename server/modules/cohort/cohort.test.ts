import { and, eq, inArray } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cohortRuns, matches, neverPairRules } from "../../../db/schema/matching";
import { notifications } from "../../../db/schema/notifications";
import { programMemberships, programs } from "../../../db/schema/programs";
import { auditLog, menteeProfiles, mentorProfiles } from "../../../db/schema/users";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { runCohortRunnerTick } from "./cohort-runner";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});
// The runner takes any program's queued run: leave no run of an earlier test waiting.
beforeEach(async () => {
  await t.deps.db
    .update(cohortRuns)
    .set({ status: "discarded" })
    .where(inArray(cohortRuns.status, ["queued", "running"]));
});

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, userId));
  return client;
}

type Person = { id: string; name: string };

/**
 * A program with a coordinator, ready mentors (one place each unless told) and mentees, each with one skill:
 * mentors Ana (TypeScript), Ben (Python), Cai (Design); mentees Dee (TypeScript), Eve (Python), Fay (Design),
 * Gus (TypeScript). Three places for four mentees: someone is left over.
 */
async function cohortProgram(opts: { capacity?: number } = {}) {
  const db = t.deps.db;
  const program = await makeProgram(db, { name: "Spring Cohort" });
  await db.update(programs).set({ minScore: 0 }).where(eq(programs.id, program.id));
  const coordinator = await makeUser(db, { name: "Cora Coordinator" });
  await enrol(db, program.id, coordinator.id, "coordinator");
  const mentor = async (name: string, skill: string): Promise<Person> => {
    const u = await makeUser(db, { name });
    await db.insert(mentorProfiles).values({ userId: u.id, expertise: [skill], defaultCapacity: opts.capacity ?? 1 });
    const m = await enrol(db, program.id, u.id, "mentor");
    await db.update(programMemberships).set({ readyAt: t.clock.now() }).where(eq(programMemberships.id, m.id));
    return { id: u.id, name };
  };
  const mentee = async (name: string, skill: string): Promise<Person> => {
    const u = await makeUser(db, { name });
    await db.insert(menteeProfiles).values({ userId: u.id, interests: [skill] });
    await enrol(db, program.id, u.id, "mentee");
    return { id: u.id, name };
  };
  const mentors = {
    ana: await mentor("Ana Mentor", "TypeScript"),
    ben: await mentor("Ben Mentor", "Python"),
    cai: await mentor("Cai Mentor", "Design"),
  };
  const mentees = {
    dee: await mentee("Dee Mentee", "TypeScript"),
    eve: await mentee("Eve Mentee", "Python"),
    fay: await mentee("Fay Mentee", "Design"),
    gus: await mentee("Gus Mentee", "TypeScript"),
  };
  const client = await signedInAs(coordinator.id);
  return { programId: program.id, coordinator, mentors, mentees, client };
}

function socketFor(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });
}

async function runRow(runId: string) {
  const [row] = await t.deps.db.select().from(cohortRuns).where(eq(cohortRuns.id, runId));
  return row!;
}

async function startAndSolve(p: Awaited<ReturnType<typeof cohortProgram>>, input: Record<string, unknown> = {}) {
  // Runs are listed newest first; a second apart keeps that order well defined under the test clock.
  t.clock.advance(1_000);
  const { runId } = await p.client.cohort.start.mutate({ programId: p.programId, mode: "max-score", ...input });
  expect(await runCohortRunnerTick(t.deps, { workerId: "test-worker" })).toBe(1);
  return p.client.cohort.get.query({ runId });
}

describe("starting a cohort run", () => {
  it("refuses locks and exclusions naming people outside the program, each under its field", async () => {
    const p = await cohortProgram();
    const outsider = await makeUser(t.deps.db, { name: "Olive Outsider" });
    const err = await errorOf(
      p.client.cohort.start.mutate({
        programId: p.programId,
        mode: "stable",
        locked: [{ mentorId: outsider.id, menteeId: p.mentees.dee.id }],
        excluded: [{ mentorId: p.mentors.ana.id, menteeId: p.mentors.ben.id }],
      }),
    );
    expect(err.appCode).toBe("VALIDATION");
    expect(err.fieldErrors["locked.0.mentorId"]).toEqual(["This person is not a mentor in this program."]);
    expect(err.fieldErrors["excluded.0.menteeId"]).toEqual(["This person is not a mentee in this program."]);
    expect(await p.client.cohort.runs.query({ programId: p.programId })).toEqual([]);
  });

  it("refuses a lock that breaks a hard rule, a mentee locked twice, and a pair both locked and excluded", async () => {
    const p = await cohortProgram();
    await t.deps.db.insert(neverPairRules).values({ programId: p.programId, mentorId: p.mentors.ana.id, menteeId: p.mentees.dee.id });
    const err = await errorOf(
      p.client.cohort.start.mutate({
        programId: p.programId,
        mode: "max-score",
        locked: [
          { mentorId: p.mentors.ana.id, menteeId: p.mentees.dee.id },
          { mentorId: p.mentors.ben.id, menteeId: p.mentees.eve.id },
          { mentorId: p.mentors.cai.id, menteeId: p.mentees.eve.id },
          { mentorId: p.mentors.cai.id, menteeId: p.mentees.fay.id },
        ],
        excluded: [{ mentorId: p.mentors.cai.id, menteeId: p.mentees.fay.id }],
      }),
    );
    expect(err.appCode).toBe("VALIDATION");
    expect(err.fieldErrors["locked.0"]?.[0]).toMatch(/Ana Mentor and Dee Mentee cannot be locked together: .*never paired/);
    expect(err.fieldErrors["locked.2.menteeId"]).toEqual(["This mentee is locked to more than one mentor."]);
    expect(err.fieldErrors["locked.3"]).toEqual(["This pair is both locked and excluded."]);
    expect(err.fieldErrors["locked.1"]).toBeUndefined();
  });

  it("allows one queued or running run per program", async () => {
    const p = await cohortProgram();
    await p.client.cohort.start.mutate({ programId: p.programId, mode: "stable" });
    const err = await errorOf(p.client.cohort.start.mutate({ programId: p.programId, mode: "max-score" }));
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toMatch(/already queued/);
  });

  it("another program's coordinator cannot read or act on the run", async () => {
    const p = await cohortProgram();
    const { runId } = await p.client.cohort.start.mutate({ programId: p.programId, mode: "stable" });
    const other = await makeUser(t.deps.db);
    await enrol(t.deps.db, (await makeProgram(t.deps.db)).id, other.id, "coordinator");
    const stranger = await signedInAs(other.id);
    expect((await errorOf(stranger.cohort.get.query({ runId }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(stranger.cohort.discard.mutate({ runId }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(stranger.cohort.publish.mutate({ runId }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(stranger.cohort.runs.query({ programId: p.programId }))).appCode).toBe("FORBIDDEN");
  });
});

describe("the runner", () => {
  it("fills the preview (pairs with names and reasons, unmatched with why, stats, load) and reports progress live", async () => {
    const p = await cohortProgram();
    const socket = await socketFor(jarOf(p.client).header());
    const seen: { status: string; progress: number }[] = [];
    const finished = new Promise<void>((resolve) => {
      socket.on("cohort:progress", (e) => {
        seen.push({ status: e.status, progress: e.progress });
        if (e.status === "done") resolve();
      });
    });
    const { runId } = await p.client.cohort.start.mutate({ programId: p.programId, mode: "max-score" });
    expect(await runCohortRunnerTick(t.deps, { workerId: "test-worker" })).toBe(1);
    await finished;
    socket.close();
    expect(seen).toEqual([
      { status: "queued", progress: 0 },
      { status: "running", progress: 0 },
      { status: "running", progress: 10 },
      { status: "running", progress: 30 },
      { status: "running", progress: 90 },
      { status: "done", progress: 100 },
    ]);

    const run = await p.client.cohort.get.query({ runId });
    expect(run).toMatchObject({ status: "done", progress: 100, mode: "max-score", pairCount: 3, createdByName: "Cora Coordinator" });
    const preview = run.preview!;
    const pairOf = (menteeName: string) => preview.pairs.find((x) => x.menteeName === menteeName);
    // Each mentor takes the mentee who wants their skill; one TypeScript mentee is left over.
    expect(pairOf("Eve Mentee")?.mentorName).toBe("Ben Mentor");
    expect(pairOf("Fay Mentee")?.mentorName).toBe("Cai Mentor");
    expect(preview.pairs.filter((x) => x.mentorName === "Ana Mentor").map((x) => x.menteeName)).toHaveLength(1);
    for (const pair of preview.pairs) {
      expect(pair.reasons.length).toBeGreaterThan(0);
      expect(pair.breakdown.reduce((s, b) => s + b.points, 0)).toBe(pair.score);
      expect(pair.isLocked).toBe(false);
    }
    expect(preview.unmatched).toHaveLength(1);
    expect(["Dee Mentee", "Gus Mentee"]).toContain(preview.unmatched[0]?.menteeName);
    expect(preview.unmatched[0]?.message).toBe("All 3 mentors scoring at least 0 are full.");
    expect(preview.totalScore).toBe(preview.pairs.reduce((s, x) => s + x.score, 0));
    expect(preview.lowestScore).toBe(Math.min(...preview.pairs.map((x) => x.score)));
    expect(preview.averageScore).toBeCloseTo(preview.totalScore / 3, 1);
    expect(typeof preview.blockingPairs).toBe("number");
    expect(preview.mentorLoad.map((l) => [l.mentorName, l.assigned, l.spareAfter]).sort()).toEqual([
      ["Ana Mentor", 1, 0],
      ["Ben Mentor", 1, 0],
      ["Cai Mentor", 1, 0],
    ]);
    expect(preview.certificate).toMatchObject({ isVerified: true });
    expect(preview.poolSize).toEqual({ mentees: 4, mentors: 3 });
    expect(await runRow(runId)).toMatchObject({ progress: 100, leaseOwner: null });
  });

  it("stable mode leaves no blocking pairs and has no certificate", async () => {
    const p = await cohortProgram({ capacity: 2 });
    const { runId } = await p.client.cohort.start.mutate({ programId: p.programId, mode: "stable" });
    await runCohortRunnerTick(t.deps, { workerId: "test-worker" });
    const run = await p.client.cohort.get.query({ runId });
    expect(run.preview).toMatchObject({ blockingPairs: 0, certificate: null, unmatched: [] });
    expect(run.preview?.pairs).toHaveLength(4);
  });

  it("honours locks and exclusions in a re-run", async () => {
    const p = await cohortProgram();
    const first = (await startAndSolve(p)).preview!;
    const eveWith = first.pairs.find((x) => x.menteeId === p.mentees.eve.id)!;
    expect(eveWith.mentorId).toBe(p.mentors.ben.id);
    // Lock Dee with Cai (a poor fit on skills) and rule out Eve with Ben.
    const second = await startAndSolve(p, {
      locked: [{ mentorId: p.mentors.cai.id, menteeId: p.mentees.dee.id }],
      excluded: [{ mentorId: p.mentors.ben.id, menteeId: p.mentees.eve.id }],
    });
    expect(second.locked).toEqual([{ mentorId: p.mentors.cai.id, menteeId: p.mentees.dee.id }]);
    expect(second.lockedCount).toBe(1);
    const pairs = second.preview!.pairs;
    expect(pairs.find((x) => x.menteeId === p.mentees.dee.id)).toMatchObject({ mentorName: "Cai Mentor", isLocked: true });
    expect(pairs.some((x) => x.menteeId === p.mentees.eve.id && x.mentorId === p.mentors.ben.id)).toBe(false);
    expect(pairs.filter((x) => x.mentorId === p.mentors.cai.id)).toHaveLength(1);
    const runs = await p.client.cohort.runs.query({ programId: p.programId });
    expect(runs.map((r) => [r.status, r.lockedCount, r.excludedCount])).toEqual([
      ["done", 1, 1],
      ["done", 0, 0],
    ]);
  });

  it("fails a run whose lock went stale while it was queued, saying who", async () => {
    const p = await cohortProgram();
    const { runId } = await p.client.cohort.start.mutate({
      programId: p.programId,
      mode: "stable",
      locked: [{ mentorId: p.mentors.ana.id, menteeId: p.mentees.dee.id }],
    });
    await t.deps.db
      .update(programMemberships)
      .set({ status: "removed" })
      .where(and(eq(programMemberships.programId, p.programId), eq(programMemberships.userId, p.mentees.dee.id)));
    await runCohortRunnerTick(t.deps, { workerId: "test-worker" });
    const run = await p.client.cohort.get.query({ runId });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^Dee Mentee is locked but no longer waits for a mentor/);
    expect(run.preview).toBeNull();
  });

  it("two runners at once never process the same run twice", async () => {
    const p = await cohortProgram();
    const q = await cohortProgram();
    const a = await p.client.cohort.start.mutate({ programId: p.programId, mode: "max-score" });
    const b = await q.client.cohort.start.mutate({ programId: q.programId, mode: "stable" });
    const ticks = await Promise.all([
      runCohortRunnerTick(t.deps, { workerId: "worker-1" }),
      runCohortRunnerTick(t.deps, { workerId: "worker-2" }),
      runCohortRunnerTick(t.deps, { workerId: "worker-3" }),
    ]);
    expect(ticks.sort()).toEqual([0, 1, 1]);
    for (const runId of [a.runId, b.runId]) expect(await runRow(runId)).toMatchObject({ status: "done", leaseOwner: null });
    expect(await runCohortRunnerTick(t.deps, { workerId: "worker-1" })).toBe(0);
  });

  it("a run whose worker died is finished by another worker once the lease runs out", async () => {
    const p = await cohortProgram();
    const { runId } = await p.client.cohort.start.mutate({ programId: p.programId, mode: "max-score" });
    // As if a worker claimed it and was killed.
    await t.deps.db
      .update(cohortRuns)
      .set({ status: "running", progress: 30, leaseOwner: "dead-worker", leaseUntil: new Date(t.clock.now().getTime() + 60_000) })
      .where(eq(cohortRuns.id, runId));
    expect(await runCohortRunnerTick(t.deps, { workerId: "live-worker" })).toBe(0);
    t.clock.advance(61_000);
    expect(await runCohortRunnerTick(t.deps, { workerId: "live-worker" })).toBe(1);
    expect(await runRow(runId)).toMatchObject({ status: "done", progress: 100 });
  });
});

describe("publishing and discarding", () => {
  it("publish creates every match and tells both people, once", async () => {
    const p = await cohortProgram();
    const run = await startAndSolve(p);
    const pairs = run.preview!.pairs;
    expect(await p.client.cohort.publish.mutate({ runId: run.id })).toEqual({ matchesCreated: 3 });

    const made = await t.deps.db.select().from(matches).where(eq(matches.programId, p.programId));
    expect(made.map((m) => `${m.mentorId}/${m.menteeId}/${m.source}/${m.status}`).sort()).toEqual(
      pairs.map((x) => `${x.mentorId}/${x.menteeId}/cohort/active`).sort(),
    );
    expect(made.every((m) => m.score !== null && m.createdBy === p.coordinator.id)).toBe(true);
    const people = pairs.flatMap((x) => [x.mentorId, x.menteeId]);
    const told = await t.deps.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(inArray(notifications.userId, people), eq(notifications.type, "match.created")));
    expect(told.map((n) => n.userId).sort()).toEqual([...people].sort());

    const after = await p.client.cohort.get.query({ runId: run.id });
    expect(after.status).toBe("published");
    expect(after.publishedAt).toBeInstanceOf(Date);
    const logged = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "cohort.published"), eq(auditLog.targetId, run.id)));
    expect(logged).toHaveLength(1);
    const again = await errorOf(p.client.cohort.publish.mutate({ runId: run.id }));
    expect(again).toMatchObject({ appCode: "CONFLICT", message: "This run was published already." });

    // The next run sees only the mentee still waiting.
    const next = await startAndSolve(p);
    expect(next.preview?.poolSize.mentees).toBe(1);
    expect(next.preview?.pairs).toEqual([]);
  });

  it("publish after a mentee was matched meanwhile is a CONFLICT naming them, and writes nothing", async () => {
    const p = await cohortProgram({ capacity: 2 });
    const run = await startAndSolve(p);
    await t.deps.db.insert(matches).values({
      programId: p.programId,
      mentorId: p.mentors.ben.id,
      menteeId: p.mentees.fay.id,
      status: "active",
      source: "manual",
    });
    const err = await errorOf(p.client.cohort.publish.mutate({ runId: run.id }));
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toBe(
      "Fay Mentee was matched with a mentor after this run. Re-run the cohort to get a fresh preview; nothing was published.",
    );
    const made = await t.deps.db.select().from(matches).where(eq(matches.programId, p.programId));
    expect(made.map((m) => m.source)).toEqual(["manual"]);
    expect((await p.client.cohort.get.query({ runId: run.id })).status).toBe("done");
  });

  it("publish when a mentor filled up meanwhile is a CONFLICT naming the mentor", async () => {
    const p = await cohortProgram();
    const run = await startAndSolve(p);
    const ana = run.preview!.pairs.find((x) => x.mentorId === p.mentors.ana.id)!;
    const leftOver = run.preview!.unmatched[0]!;
    await t.deps.db
      .insert(matches)
      .values({ programId: p.programId, mentorId: p.mentors.ana.id, menteeId: leftOver.menteeId, status: "active", source: "manual" });
    const err = await errorOf(p.client.cohort.publish.mutate({ runId: run.id }));
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toMatch(/^Ana Mentor now has 0 free places but this run gives them 1 mentee\./);
    expect(ana.mentorName).toBe("Ana Mentor");
    const made = await t.deps.db.select().from(matches).where(eq(matches.programId, p.programId));
    expect(made.map((m) => m.source)).toEqual(["manual"]);
  });

  it("discard retires a run; a discarded queued run is never solved", async () => {
    const p = await cohortProgram();
    const { runId } = await p.client.cohort.start.mutate({ programId: p.programId, mode: "stable" });
    await p.client.cohort.discard.mutate({ runId });
    expect(await runCohortRunnerTick(t.deps, { workerId: "test-worker" })).toBe(0);
    expect(await runRow(runId)).toMatchObject({ status: "discarded", result: null });
    expect((await errorOf(p.client.cohort.discard.mutate({ runId }))).appCode).toBe("CONFLICT");
    expect((await errorOf(p.client.cohort.publish.mutate({ runId }))).message).toBe(
      "Only a finished run can be published; this one is discarded.",
    );
    // With the queue free again, a new run may start.
    await p.client.cohort.start.mutate({ programId: p.programId, mode: "stable" });
  });
});
