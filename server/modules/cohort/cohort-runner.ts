/**
 * The background job that solves queued cohort runs. Each tick claims at most one run: a queued one, or a
 * running one whose lease ran out (its worker died), with FOR UPDATE SKIP LOCKED so two workers never take the
 * same run. The pool is loaded, scored and solved OUTSIDE any transaction (it can take seconds, and PGlite has one
 * connection); every step writes progress with a conditional UPDATE that also renews the lease, so a worker that
 * lost its lease, or a run discarded meanwhile, stops without writing anything more.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { execRows } from "../../../db/client";
import { cohortRuns, matches } from "../../../db/schema/matching";
import { users } from "../../../db/schema/users";
import type { AppDeps } from "../../deps";
import { AppError } from "../../errors";
import type { BackgroundJob } from "../../worker/background-jobs";
import { prepareCohort, solveCohort } from "../matching/cohort";
import { loadProgramPool } from "../matching/program-pool.service";
import type { CohortPreview } from "./cohort.schema";
import { emitProgress } from "./cohort.service";

/** One id per process: leases name the worker that holds them. */
const processWorkerId = `cohort-${randomUUID().slice(0, 8)}`;

export type CohortRunnerOptions = {
  workerId?: string;
  /** How long a claimed run is ours without a progress write; a crashed worker's run is reclaimed after it. */
  leaseMs?: number;
};

type ClaimedRun = {
  id: string;
  program_id: string;
  mode: "max-score" | "stable";
  locked: { mentorId: string; menteeId: string }[];
  excluded: { mentorId: string; menteeId: string }[];
};

/** The lease was lost (reclaimed by another worker) or the run was discarded: stop quietly. */
class LeaseLost extends Error {}

/** One pass: claims one run and solves it. Returns 1 when it handled a run, 0 when there was none. */
export async function runCohortRunnerTick(deps: AppDeps, opts: CohortRunnerOptions = {}): Promise<number> {
  const workerId = opts.workerId ?? processWorkerId;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const now = deps.clock.now();
  const [claimed] = await execRows<ClaimedRun>(
    deps.db,
    sql`update ${cohortRuns} r set status = 'running', progress = 0, error = null, lease_owner = ${workerId},
          lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        where r.id = (
          select id from ${cohortRuns}
          where status = 'queued' or (status = 'running' and lease_until < ${now.toISOString()}::timestamptz)
          order by created_at
          limit 1
          for update skip locked)
        returning r.id, r.program_id, r.mode, r.locked, r.excluded`,
  );
  if (!claimed) return 0;
  const run = { id: claimed.id, programId: claimed.program_id, mode: claimed.mode };

  /** Writes progress (or the final state) if the run is still ours, and tells the program's staff. */
  const report = async (progress: number, extra: Partial<typeof cohortRuns.$inferInsert> = {}) => {
    const status = extra.status ?? "running";
    await deps.db.transaction(async (tx) => {
      const at = deps.clock.now();
      const updated = await tx
        .update(cohortRuns)
        .set({ progress, leaseUntil: new Date(at.getTime() + leaseMs), ...extra })
        .where(and(eq(cohortRuns.id, run.id), eq(cohortRuns.status, "running"), eq(cohortRuns.leaseOwner, workerId)))
        .returning({ id: cohortRuns.id });
      if (updated.length === 0) throw new LeaseLost();
      await emitProgress(deps.realtime, tx, { ...run, status, progress });
    });
  };

  try {
    await report(0);
    const pool = await loadProgramPool(deps.db, run.programId, deps.clock.now());
    const live = await deps.db
      .select({ menteeId: matches.menteeId })
      .from(matches)
      .where(and(eq(matches.programId, run.programId), inArray(matches.status, ["active", "paused"])));
    const matched = new Set(live.map((m) => m.menteeId));
    const mentees = pool.mentees.filter((m) => !matched.has(m.userId));
    const mentors = pool.mentors.filter((m) => m.isApproved);
    const menteeName = new Map(mentees.map((m) => [m.userId, m.name]));
    const mentorName = new Map(mentors.map((m) => [m.userId, m.name]));

    // Locks checked at start may have gone stale while queued; say who, by name.
    const stale = claimed.locked.filter((p) => !menteeName.has(p.menteeId) || !mentorName.has(p.mentorId));
    if (stale.length > 0) {
      const ids = [...new Set(stale.flatMap((p) => [p.mentorId, p.menteeId]))];
      const people = await deps.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
      const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "someone who left";
      const p = stale[0]!;
      throw new AppError(
        "CONFLICT",
        !menteeName.has(p.menteeId)
          ? `${nameOf(p.menteeId)} is locked but no longer waits for a mentor (matched or left the program). Start a new run without that lock.`
          : `${nameOf(p.mentorId)} is locked but is no longer a ready mentor of the program. Start a new run without that lock.`,
      );
    }
    // Exclusions naming people who have left simply no longer apply.
    const excluded = claimed.excluded.filter((p) => menteeName.has(p.menteeId) && mentorName.has(p.mentorId));
    await report(10);

    const started = performance.now();
    const problem = prepareCohort({
      mentors,
      mentees,
      settings: pool.settings,
      minScore: pool.program.minScore,
      rules: pool.rules,
      locked: claimed.locked,
      excluded,
    });
    await report(30);
    const result = solveCohort(problem, run.mode);
    const solveMs = Math.round(performance.now() - started);
    await report(90);

    const preview: CohortPreview = {
      pairs: result.pairs.map((p) => ({
        mentorId: p.mentorId,
        mentorName: mentorName.get(p.mentorId) ?? "",
        menteeId: p.menteeId,
        menteeName: menteeName.get(p.menteeId) ?? "",
        score: p.total,
        breakdown: p.breakdown,
        reasons: p.reasons,
        isLocked: p.isLocked,
      })),
      unmatched: result.unmatched.map((u) => ({ ...u, menteeName: menteeName.get(u.menteeId) ?? "" })),
      totalScore: result.totalScore,
      averageScore: result.averageScore,
      lowestScore: result.lowestScore,
      blockingPairs: result.blockingPairs,
      mentorLoad: result.mentorLoad.map((l) => ({ ...l, mentorName: mentorName.get(l.mentorId) ?? "" })),
      certificate: result.certificate
        ? {
            isVerified: result.certificate.primal === result.certificate.dual,
            primal: result.certificate.primal,
            dual: result.certificate.dual,
            rounds: result.certificate.rounds,
            candidatePairs: result.certificate.candidatePairs,
            allowedPairs: result.certificate.allowedPairs,
          }
        : null,
      poolSize: { mentees: mentees.length, mentors: mentors.length },
      solveMs,
    };
    await report(100, { status: "done", result: preview, finishedAt: deps.clock.now(), leaseOwner: null, leaseUntil: null });
    return 1;
  } catch (err) {
    if (err instanceof LeaseLost) return 1;
    const message =
      err instanceof AppError ? err.message : "The run failed unexpectedly. Try again; if it keeps failing, tell a platform administrator.";
    if (!(err instanceof AppError)) deps.logger.error({ err, runId: run.id }, "cohort run failed");
    try {
      await report(100, { status: "failed", error: message, finishedAt: deps.clock.now(), leaseOwner: null, leaseUntil: null });
    } catch (reportErr) {
      if (!(reportErr instanceof LeaseLost)) throw reportErr;
    }
    return 1;
  }
}

/** Listed in server/worker/background-jobs.ts; a queued run is picked up within about a second. */
export const cohortRunnerJob: BackgroundJob = { name: "cohort-runs", intervalMs: 1_000, tick: (deps) => runCohortRunnerTick(deps) };
