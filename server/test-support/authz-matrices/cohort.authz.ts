import { and, eq, inArray } from "drizzle-orm";
import { cohortRuns } from "../../../db/schema/matching";
import type { CohortPreview } from "../../modules/cohort/cohort.schema";
import { all, type Entry, type Fixtures, programAStaff } from "../authz";

const emptyPreview: CohortPreview = {
  pairs: [],
  unmatched: [],
  totalScore: 0,
  averageScore: null,
  lowestScore: null,
  blockingPairs: 0,
  mentorLoad: [],
  certificate: null,
  poolSize: { mentees: 0, mentors: 0 },
  solveMs: 0,
};

/** A finished run in program A with an empty preview (so it never collides with start's one-run-at-a-time rule). */
async function finishedRunInA(f: Fixtures): Promise<{ runId: string }> {
  const [run] = await f.deps.db
    .insert(cohortRuns)
    .values({ programId: f.programA, mode: "stable", status: "done", progress: 100, result: emptyPreview })
    .returning({ id: cohortRuns.id });
  return { runId: run!.id };
}

export const cohortAuthz: Record<string, Entry> = {
  "cohort.start": {
    input: async (f) => {
      // Each actor's call may queue a run; clear the previous one so the next caller reaches the same rule.
      await f.deps.db
        .update(cohortRuns)
        .set({ status: "discarded" })
        .where(and(eq(cohortRuns.programId, f.programA), inArray(cohortRuns.status, ["queued", "running"])));
      return { programId: f.programA, mode: "stable" };
    },
    expect: programAStaff,
  },
  "cohort.runs": { input: (f) => ({ programId: f.programA }), expect: programAStaff },
  // By run id: other programs' staff and members get NOT_FOUND (counted as denied).
  "cohort.get": { input: finishedRunInA, expect: programAStaff },
  "cohort.discard": { input: finishedRunInA, expect: programAStaff },
  // An empty preview has nothing to publish: staff reach that rule, everyone else is refused first.
  "cohort.publish": { input: finishedRunInA, expect: { ...all("denied"), coordinator: "CONFLICT", admin: "CONFLICT" } },
};
