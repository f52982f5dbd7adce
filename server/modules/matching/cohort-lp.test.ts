/**
 * The cohort solvers against a general LP solver (HiGHS) on medium random instances. The assignment LP of a
 * bipartite b-matching has an integral optimum, so the LP's optimum must equal the best assignment's total
 * exactly; see server/test-support/assignment-lp.ts for the formulation.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { solveAssignmentLp } from "../../test-support/assignment-lp";
import { randomMentee, randomMentor, seededRandom } from "../../test-support/matching-profiles";
import { countBlockingPairs, prepareCohort, solveCohort } from "./cohort";
import { PairRules } from "./constraints";
import { defaultWeights, type ScoreSettings } from "./score";

const settings: ScoreSettings = { weights: defaultWeights, weekStart: Temporal.Instant.from("2026-05-04T00:00:00Z") };

/** 40-80 mentees x 10-20 mentors, capacities 1-5, some live load, never-pair and declined rules, a minimum score. */
function mediumInstance(seed: number) {
  const rng = seededRandom(seed);
  const menteeCount = 40 + Math.floor(rng() * 41);
  const mentorCount = 10 + Math.floor(rng() * 11);
  const mentors = Array.from({ length: mentorCount }, (_, i) => {
    const capacity = 1 + Math.floor(rng() * 5);
    return { ...randomMentor(rng, `m${String(i).padStart(3, "0")}`, { capacity }), activeMatches: Math.floor(rng() * 2) };
  });
  const mentees = Array.from({ length: menteeCount }, (_, i) => randomMentee(rng, `e${String(i).padStart(3, "0")}`));
  const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)]!;
  const forbidden = Array.from({ length: Math.floor(menteeCount / 4) }, () => [pick(mentors).userId, pick(mentees).userId] as const);
  const declined = Array.from({ length: Math.floor(menteeCount / 8) }, () => ({
    mentorId: pick(mentors).userId,
    menteeId: pick(mentees).userId,
  }));
  const minScore = [0, 30, 40, 55][seed % 4]!;
  return prepareCohort({ mentors, mentees, settings, minScore, rules: new PairRules({ neverPair: forbidden, declined }) });
}

describe("cohort matching against the HiGHS LP optimum", () => {
  it("max-score's total equals the LP optimum on 16 medium instances, and the LP's optimum is integral", async () => {
    for (let seed = 1; seed <= 16; seed++) {
      const problem = mediumInstance(seed);
      const best = solveCohort(problem, "max-score");
      const lp = await solveAssignmentLp(problem.matrix);
      expect(lp.columns).toBeGreaterThan(0);
      expect(lp.isIntegral).toBe(true);
      expect(Math.round(lp.objective)).toBe(best.totalScore);
      expect(Math.abs(lp.objective - best.totalScore)).toBeLessThan(1e-6);
      // Same objective as the solver's own (score, then mentees matched): the count agrees too.
      const lexicographic = await solveAssignmentLp(problem.matrix, { objective: "score-then-count" });
      expect(Math.round(lexicographic.matched)).toBe(best.pairs.length);
      expect(Math.round(lexicographic.objective)).toBe(best.certificate?.primal);
    }
  });

  it("with locked pairs taken out, max-score still matches the LP over the remaining places", async () => {
    for (let seed = 31; seed <= 36; seed++) {
      const plain = mediumInstance(seed);
      const first = solveCohort(plain, "max-score");
      const locked = first.pairs.slice(0, 3).map(({ mentorId, menteeId }) => ({ mentorId, menteeId }));
      const rebuilt = prepareCohort({
        mentors: plain.mentors,
        mentees: plain.mentees,
        settings,
        minScore: plain.minScore,
        locked,
        excluded: first.pairs.slice(3, 6).map(({ mentorId, menteeId }) => ({ mentorId, menteeId })),
      });
      const best = solveCohort(rebuilt, "max-score");
      const lp = await solveAssignmentLp(rebuilt.matrix, { skipRow: rebuilt.isLocked });
      const lockedTotal = best.pairs.filter((p) => p.isLocked).reduce((s, p) => s + p.total, 0);
      expect(Math.round(lp.objective)).toBe(best.totalScore - lockedTotal);
    }
  });

  it("stable mode has zero blocking pairs on the same instances, and never beats the LP optimum", async () => {
    for (let seed = 1; seed <= 16; seed++) {
      const problem = mediumInstance(seed);
      const stable = solveCohort(problem, "stable");
      expect(stable.blockingPairs).toBe(0);
      expect(countBlockingPairs(problem, stable.pairs)).toBe(0);
      const lp = await solveAssignmentLp(problem.matrix);
      expect(stable.totalScore).toBeLessThanOrEqual(Math.round(lp.objective));
    }
  });
});
