/**
 * `npm run bench -- matching`: the pure matching core on seeded random profiles (no database). Prints Markdown
 * rows for docs/performance.md. Wall-clock medians; the load average is printed because these machines are shared.
 */
import { loadavg } from "node:os";
import { Temporal } from "temporal-polyfill";
import { prepareCohort, solveCohort } from "../server/modules/matching/cohort";
import type { MenteeProfile, MentorProfile } from "../server/modules/matching/matching.types";
import { defaultWeights, MatchScorer, MentorPool, type ScoreSettings } from "../server/modules/matching/score";
import { suggestMentors } from "../server/modules/matching/suggest";
import { randomMentee, randomMentor, seededRandom } from "../server/test-support/matching-profiles";

const weekStart = Temporal.Instant.from("2026-05-04T00:00:00Z");
const settings: ScoreSettings = { weights: defaultWeights, weekStart };
const MIN_SCORE = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const runs = (xs: number[]) => xs.map(ms).join(", ");

function timed<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
}

function people(seed: number, mentorCount: number, menteeCount: number, capacity?: number) {
  const rng = seededRandom(seed);
  const pad = (i: number) => String(i).padStart(6, "0");
  const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, i) => randomMentor(rng, `mentor-${pad(i)}`, { capacity }));
  const mentees: MenteeProfile[] = Array.from({ length: menteeCount }, (_, i) => randomMentee(rng, `mentee-${pad(i)}`));
  return { mentors, mentees };
}

function benchSuggestions() {
  const { mentors, mentees } = people(1, 10_000, 20);
  const [pool, poolMs] = timed(() => new MentorPool(mentors, weekStart));
  const scorer = new MatchScorer(pool, settings);
  for (const m of mentees.slice(0, 3)) suggestMentors(scorer, m, { minScore: MIN_SCORE });
  const times = mentees.map((m) => timed(() => suggestMentors(scorer, m, { minScore: MIN_SCORE }))[1]);
  console.log(
    `| suggestions: top 3 for one mentee among 10,000 mentors (min score ${MIN_SCORE}) | ${ms(median(times))} | max ${ms(Math.max(...times))} over 20 mentees | mentor pool prepared once per program in ${ms(poolMs)} ms |`,
  );
}

function benchCohort(menteeCount: number, mentorCount: number, repeats: number) {
  const label = `${menteeCount.toLocaleString("en")} x ${mentorCount.toLocaleString("en")}`;
  const prepare: number[] = [];
  const maxScore: number[] = [];
  const stable: number[] = [];
  let notes = { max: "", stable: "" };
  for (let r = 0; r < repeats; r++) {
    const { mentors, mentees } = people(100 + r, mentorCount, menteeCount, 5);
    const [problem, prepareMs] = timed(() => prepareCohort({ mentors, mentees, settings, minScore: MIN_SCORE }));
    const [best, maxMs] = timed(() => solveCohort(problem, "max-score"));
    const [stab, stableMs] = timed(() => solveCohort(problem, "stable"));
    prepare.push(prepareMs);
    maxScore.push(maxMs);
    stable.push(stableMs);
    const c = best.certificate!;
    notes = {
      max: `matched ${best.pairs.length}, avg ${best.averageScore}, lowest ${best.lowestScore}, blocking ${best.blockingPairs}; certificate primal = dual after ${c.rounds} rounds on ${c.candidatePairs.toLocaleString("en")} of ${c.allowedPairs.toLocaleString("en")} allowed pairs`,
      stable: `matched ${stab.pairs.length}, avg ${stab.averageScore}, lowest ${stab.lowestScore}, blocking ${stab.blockingPairs}; total ${stab.totalScore} vs max-score ${best.totalScore}`,
    };
  }
  const total = (solve: number[]) => prepare.map((p, i) => p + solve[i]!);
  console.log(
    `| cohort ${label}: score every pair (prepareCohort) | ${ms(median(prepare))} | ${runs(prepare)} | ${(menteeCount * mentorCount).toLocaleString("en")} pairs |`,
  );
  console.log(`| cohort ${label}: max-score solve + explain | ${ms(median(maxScore))} | ${runs(maxScore)} | ${notes.max} (last run) |`);
  console.log(`| cohort ${label}: max-score end to end | ${ms(median(total(maxScore)))} | ${runs(total(maxScore))} | |`);
  console.log(`| cohort ${label}: stable solve + explain | ${ms(median(stable))} | ${runs(stable)} | ${notes.stable} (last run) |`);
  console.log(`| cohort ${label}: stable end to end | ${ms(median(total(stable)))} | ${runs(total(stable))} | |`);
}

export function benchMatching() {
  console.log(
    `\n## Matching core (seeded random profiles, capacity 5 in cohorts, min score ${MIN_SCORE}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")})`,
  );
  console.log("| case | median ms | runs | notes |\n|---|---|---|---|");
  benchSuggestions();
  benchCohort(1_000, 200, 5);
  benchCohort(10_000, 2_000, 3);
  console.log(
    `\nload average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
}
