/**
 * Cohort runs: a coordinator asks for a dry run (start), the worker solves it (cohort-runner.ts) and stores the
 * preview, the coordinator reads it, locks or excludes pairs and starts again, then publishes it (every pair
 * becomes a match, both people are told) or discards it.
 *
 * Only one run per program is queued or running at a time: start locks the program's row, so two coordinators
 * pressing Run together get one run and one CONFLICT (there is no unique index for it in the schema).
 */

import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { cohortRuns, matches } from "../../../db/schema/matching";
import { programMemberships, programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import type { Realtime } from "../../realtime/realtime";
import { audit } from "../auth/auth.service";
import { createMatch, liveMatchCount, type MatchDeps, mentorCapacity } from "../match/match-core.service";
import { findExclusion, spareCapacity } from "../matching/constraints";
import { loadProgramPool, loadProgramSettings } from "../matching/program-pool.service";
import { hasProgramRole } from "../program/program-membership.service";
import { toProgramStaff } from "../program/staff-events.service";
import {
  type CohortPreview,
  type CohortRunDetail,
  type CohortRunSummary,
  cohortPreview,
  type PairRefInput,
  type StartCohortData,
} from "./cohort.schema";

export type CohortDeps = MatchDeps & { db: Db };

type RunStatus = (typeof cohortRuns.$inferSelect)["status"];

/** The live signal the run's page listens to; sent to the program's coordinators and the admins. */
export async function emitProgress(
  realtime: Realtime,
  db: DbOrTx,
  run: { id: string; programId: string; status: RunStatus; progress: number },
): Promise<void> {
  await toProgramStaff(realtime, db, run.programId, "cohort:progress", {
    runId: run.id,
    programId: run.programId,
    status: run.status,
    progress: run.progress,
  });
}

type Membership = { role: string; readyAt: Date | null };

async function activeMemberships(tx: DbOrTx, programId: string): Promise<Map<string, Membership[]>> {
  const rows = await tx
    .select({ userId: programMemberships.userId, role: programMemberships.role, readyAt: programMemberships.readyAt })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.status, "active"), eq(users.status, "active")));
  const map = new Map<string, Membership[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), { role: r.role, readyAt: r.readyAt }]);
  return map;
}

async function liveMenteeIds(tx: DbOrTx, programId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ menteeId: matches.menteeId })
    .from(matches)
    .where(and(eq(matches.programId, programId), inArray(matches.status, ["active", "paused"])));
  return new Set(rows.map((r) => r.menteeId));
}

/**
 * Every locked and excluded id must be a mentor / mentee of this program; a locked pair must be makeable
 * (mentor ready with a free place, mentee waiting, no never-pair or declined rule). All problems at once, each
 * under its field path (locked.0.mentorId).
 */
async function validatePairs(tx: DbOrTx, now: Date, input: { programId: string; locked: PairRefInput[]; excluded: PairRefInput[] }) {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (path: string, message: string) => {
    fieldErrors[path] = [...(fieldErrors[path] ?? []), message];
  };
  const members = await activeMemberships(tx, input.programId);
  const holds = (userId: string, role: string) => (members.get(userId) ?? []).find((m) => m.role === role);
  const live = await liveMenteeIds(tx, input.programId);

  const excludedKeys = new Set(input.excluded.map((p) => `${p.mentorId}/${p.menteeId}`));
  for (const [i, pair] of input.excluded.entries()) {
    if (!holds(pair.mentorId, "mentor")) fail(`excluded.${i}.mentorId`, "This person is not a mentor in this program.");
    if (!holds(pair.menteeId, "mentee")) fail(`excluded.${i}.menteeId`, "This person is not a mentee in this program.");
  }

  const lockedMentees = new Set<string>();
  const makeable: { index: number; pair: PairRefInput }[] = [];
  for (const [i, pair] of input.locked.entries()) {
    const mentor = holds(pair.mentorId, "mentor");
    const mentee = holds(pair.menteeId, "mentee");
    let isOk = true;
    if (!mentor) {
      fail(`locked.${i}.mentorId`, "This person is not a mentor in this program.");
      isOk = false;
    } else if (!mentor.readyAt) {
      fail(`locked.${i}.mentorId`, "This mentor is not ready to be matched yet.");
      isOk = false;
    }
    if (!mentee) {
      fail(`locked.${i}.menteeId`, "This person is not a mentee in this program.");
      isOk = false;
    } else if (live.has(pair.menteeId)) {
      fail(`locked.${i}.menteeId`, "This mentee already has a mentor in this program.");
      isOk = false;
    } else if (lockedMentees.has(pair.menteeId)) {
      fail(`locked.${i}.menteeId`, "This mentee is locked to more than one mentor.");
      isOk = false;
    }
    lockedMentees.add(pair.menteeId);
    if (excludedKeys.has(`${pair.mentorId}/${pair.menteeId}`)) {
      fail(`locked.${i}`, "This pair is both locked and excluded.");
      isOk = false;
    }
    if (isOk) makeable.push({ index: i, pair });
  }

  if (makeable.length > 0) {
    const pool = await loadProgramPool(tx, input.programId, now, {
      mentorIds: [...new Set(makeable.map((m) => m.pair.mentorId))],
      menteeIds: [...new Set(makeable.map((m) => m.pair.menteeId))],
    });
    const mentorOf = new Map(pool.mentors.map((m) => [m.userId, m]));
    const menteeOf = new Map(pool.mentees.map((m) => [m.userId, m]));
    const lockedPerMentor = new Map<string, number>();
    for (const { index, pair } of makeable) {
      const mentor = mentorOf.get(pair.mentorId);
      const mentee = menteeOf.get(pair.menteeId);
      if (!mentor || !mentee) continue;
      // Capacity is checked over all locks below; here only the rules that forbid the pair itself.
      const exclusion = findExclusion({ ...mentor, activeMatches: 0, capacity: 1 }, mentee, pool.rules);
      if (exclusion) fail(`locked.${index}`, `${mentor.name} and ${mentee.name} cannot be locked together: ${exclusion.message}`);
      const count = (lockedPerMentor.get(pair.mentorId) ?? 0) + 1;
      lockedPerMentor.set(pair.mentorId, count);
      if (count > spareCapacity(mentor)) {
        fail(`locked.${index}.mentorId`, `${mentor.name} has ${spareCapacity(mentor)} free places; this is one lock too many.`);
      }
    }
  }

  const paths = Object.keys(fieldErrors);
  if (paths.length > 0) {
    const first = paths[0]!;
    throw new AppError("VALIDATION", `${first}: ${fieldErrors[first]![0]}`, fieldErrors);
  }
}

/** Queues a run; returns it as it stands at commit (queued), so the caller shows it at once. */
export async function startRun(
  deps: CohortDeps,
  actor: SessionUser,
  input: StartCohortData,
): Promise<{ runId: string; run: CohortRunDetail }> {
  return deps.db.transaction(async (tx) => {
    // Serialises starts per program (see the module comment).
    const [program] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId)).for("update");
    if (!program) throw new AppError("NOT_FOUND", "This program does not exist.");
    const [busy] = await tx
      .select({ id: cohortRuns.id, status: cohortRuns.status })
      .from(cohortRuns)
      .where(and(eq(cohortRuns.programId, input.programId), inArray(cohortRuns.status, ["queued", "running"])))
      .limit(1);
    if (busy) {
      throw new AppError("CONFLICT", `A cohort run is already ${busy.status} for this program; wait for it to finish or discard it.`);
    }
    await validatePairs(tx, deps.clock.now(), input);
    const now = deps.clock.now();
    const [run] = await tx
      .insert(cohortRuns)
      .values({
        programId: input.programId,
        mode: input.mode,
        status: "queued",
        progress: 0,
        locked: input.locked,
        excluded: input.excluded,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: cohortRuns.id });
    const runId = run!.id;
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "cohort.started",
      targetType: "cohort_run",
      targetId: runId,
      programId: input.programId,
      detail: `${input.mode === "max-score" ? "Best total score" : "Stable"}; ${plural(input.locked.length, "locked pair")}, ${plural(input.excluded.length, "excluded pair")}`,
    });
    await emitProgress(deps.realtime, tx, { id: runId, programId: input.programId, status: "queued", progress: 0 });
    return { runId, run: await getRun(tx, actor, runId) };
  });
}

const summaryColumns = {
  id: cohortRuns.id,
  programId: cohortRuns.programId,
  mode: cohortRuns.mode,
  status: cohortRuns.status,
  progress: cohortRuns.progress,
  lockedCount: sql<number>`jsonb_array_length(${cohortRuns.locked})::int`,
  excludedCount: sql<number>`jsonb_array_length(${cohortRuns.excluded})::int`,
  // Read inside the database so listing runs never ships every stored preview.
  pairCount: sql<
    number | null
  >`(case when ${cohortRuns.result} is null then null else jsonb_array_length(${cohortRuns.result}->'pairs') end)::int`,
  averageScore: sql<number | null>`(${cohortRuns.result}->>'averageScore')::float8`,
  error: cohortRuns.error,
  createdByName: users.name,
  createdAt: cohortRuns.createdAt,
  finishedAt: cohortRuns.finishedAt,
  publishedAt: cohortRuns.publishedAt,
};

const asSummary = (r: {
  id: string;
  programId: string;
  mode: "max-score" | "stable";
  status: RunStatus;
  progress: number;
  lockedCount: number;
  excludedCount: number;
  pairCount: number | null;
  averageScore: number | null;
  error: string | null;
  createdByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  publishedAt: Date | null;
}): CohortRunSummary => ({
  ...r,
  lockedCount: Number(r.lockedCount),
  excludedCount: Number(r.excludedCount),
  pairCount: r.pairCount === null ? null : Number(r.pairCount),
  averageScore: r.averageScore === null ? null : Number(r.averageScore),
  createdAt: new Date(r.createdAt),
  finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
  publishedAt: r.publishedAt ? new Date(r.publishedAt) : null,
});

export async function listRuns(db: DbOrTx, programId: string): Promise<CohortRunSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(cohortRuns)
    .leftJoin(users, eq(users.id, cohortRuns.createdBy))
    .where(eq(cohortRuns.programId, programId))
    .orderBy(desc(cohortRuns.createdAt), desc(cohortRuns.id))
    .limit(50);
  return rows.map(asSummary);
}

/** The run's program, when the user is its coordinator (or a platform admin); NOT_FOUND otherwise. */
async function programOfRunForStaff(db: DbOrTx, user: SessionUser, runId: string): Promise<string> {
  const [run] = await db.select({ programId: cohortRuns.programId }).from(cohortRuns).where(eq(cohortRuns.id, runId));
  if (!run) throw new AppError("NOT_FOUND", "This cohort run does not exist.");
  if (user.isPlatformAdmin) return run.programId;
  // NOT_FOUND rather than FORBIDDEN: another program's run ids are not confirmed to exist.
  if (!(await hasProgramRole(db, user.id, run.programId, ["coordinator"])))
    throw new AppError("NOT_FOUND", "This cohort run does not exist.");
  return run.programId;
}

export async function getRun(db: DbOrTx, user: SessionUser, runId: string): Promise<CohortRunDetail> {
  await programOfRunForStaff(db, user, runId);
  const [row] = await db
    .select({ ...summaryColumns, locked: cohortRuns.locked, excluded: cohortRuns.excluded, result: cohortRuns.result })
    .from(cohortRuns)
    .leftJoin(users, eq(users.id, cohortRuns.createdBy))
    .where(eq(cohortRuns.id, runId));
  if (!row) throw new AppError("NOT_FOUND", "This cohort run does not exist.");
  const { locked, excluded, result, ...summary } = row;
  return { ...asSummary(summary), locked, excluded, preview: result ? cohortPreview.parse(result) : null };
}

export async function discardRun(deps: CohortDeps, actor: SessionUser, runId: string): Promise<void> {
  const programId = await programOfRunForStaff(deps.db, actor, runId);
  await deps.db.transaction(async (tx) => {
    const [run] = await tx.select({ status: cohortRuns.status }).from(cohortRuns).where(eq(cohortRuns.id, runId)).for("update");
    if (!run) throw new AppError("NOT_FOUND", "This cohort run does not exist.");
    if (run.status === "published")
      throw new AppError("CONFLICT", "This run was published; its matches are live and it cannot be discarded.");
    if (run.status === "discarded") throw new AppError("CONFLICT", "This run was discarded already.");
    // A running run's worker finds the status changed when it next reports and drops its result.
    await tx.update(cohortRuns).set({ status: "discarded", leaseOwner: null, leaseUntil: null }).where(eq(cohortRuns.id, runId));
    await audit(tx, deps.clock, { actorId: actor.id, action: "cohort.discarded", targetType: "cohort_run", targetId: runId, programId });
    await emitProgress(deps.realtime, tx, { id: runId, programId, status: "discarded", progress: 0 });
  });
}

const stale = (what: string) => new AppError("CONFLICT", `${what} Re-run the cohort to get a fresh preview; nothing was published.`);

/**
 * Every pair of a finished preview becomes a match, in one transaction: all or nothing. What the run saw may
 * have changed since (a mentee matched by request, a mentor filled up, someone left the program): each is a
 * CONFLICT naming the person, checked before any write. createMatch locks membership rows mentor first; pairs
 * go in mentor-id then mentee-id order so two writers never lock in a cycle.
 */
export async function publishRun(deps: CohortDeps, actor: SessionUser, runId: string): Promise<{ matchesCreated: number }> {
  const programId = await programOfRunForStaff(deps.db, actor, runId);
  return deps.db.transaction(async (tx) => {
    const [run] = await tx
      .select({ status: cohortRuns.status, result: cohortRuns.result, publishedAt: cohortRuns.publishedAt })
      .from(cohortRuns)
      .where(eq(cohortRuns.id, runId))
      .for("update");
    if (!run) throw new AppError("NOT_FOUND", "This cohort run does not exist.");
    if (run.status === "published" || run.publishedAt) throw new AppError("CONFLICT", "This run was published already.");
    if (run.status !== "done" || !run.result) {
      throw new AppError("CONFLICT", `Only a finished run can be published; this one is ${run.status}.`);
    }
    const preview: CohortPreview = cohortPreview.parse(run.result);
    if (preview.pairs.length === 0) throw new AppError("CONFLICT", "This run has no pairs to publish.");
    const program = await loadProgramSettings(tx, programId);

    const members = await activeMemberships(tx, programId);
    const holds = (userId: string, role: string) => (members.get(userId) ?? []).some((m) => m.role === role);
    const live = await liveMenteeIds(tx, programId);
    const perMentor = new Map<string, { name: string; assigned: number }>();
    for (const pair of preview.pairs) {
      if (live.has(pair.menteeId)) throw stale(`${pair.menteeName} was matched with a mentor after this run.`);
      if (!holds(pair.menteeId, "mentee")) throw stale(`${pair.menteeName} is no longer an active mentee of the program.`);
      if (!holds(pair.mentorId, "mentor")) throw stale(`${pair.mentorName} is no longer an active mentor of the program.`);
      const entry = perMentor.get(pair.mentorId) ?? { name: pair.mentorName, assigned: 0 };
      entry.assigned++;
      perMentor.set(pair.mentorId, entry);
    }
    const mentorMemberships = await tx
      .select({ id: programMemberships.id, userId: programMemberships.userId })
      .from(programMemberships)
      .where(and(eq(programMemberships.programId, programId), eq(programMemberships.role, "mentor")));
    const membershipOf = new Map(mentorMemberships.map((m) => [m.userId, m.id]));
    for (const [mentorId, { name, assigned }] of perMentor) {
      const capacity = await mentorCapacity(tx, membershipOf.get(mentorId)!, mentorId);
      const load = await liveMatchCount(tx, programId, mentorId);
      if (load + assigned > capacity) {
        const free = Math.max(0, capacity - load);
        throw stale(
          `${name} now has ${free} free place${free === 1 ? "" : "s"} but this run gives them ${assigned} mentee${assigned === 1 ? "" : "s"}.`,
        );
      }
    }

    const ordered = [...preview.pairs].sort((a, b) =>
      a.mentorId !== b.mentorId ? (a.mentorId < b.mentorId ? -1 : 1) : a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : 0,
    );
    for (const pair of ordered) {
      try {
        await createMatch(tx, deps, {
          programId,
          programName: program.name,
          mentorId: pair.mentorId,
          menteeId: pair.menteeId,
          source: "cohort",
          score: { total: pair.score, breakdown: pair.breakdown, reasons: pair.reasons },
          actorId: actor.id,
          reason: "Published from a cohort matching run.",
          notifyParties: ["mentor", "mentee"],
        });
      } catch (err) {
        // The checks above should have caught it; a concurrent change in between still ends as a named CONFLICT.
        if (err instanceof AppError) throw stale(`${pair.mentorName} and ${pair.menteeName} can no longer be matched: ${err.message}`);
        throw err;
      }
    }

    const now = deps.clock.now();
    await tx.update(cohortRuns).set({ status: "published", publishedAt: now }).where(eq(cohortRuns.id, runId));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "cohort.published",
      targetType: "cohort_run",
      targetId: runId,
      programId,
      detail: `${ordered.length} matches`,
    });
    await emitProgress(deps.realtime, tx, { id: runId, programId, status: "published", progress: 100 });
    return { matchesCreated: ordered.length };
  });
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
