/**
 * `npm run bench -- matching`: the pure matching core on seeded random profiles (no database). Prints Markdown
 * rows for docs/performance.md. Wall-clock medians; the load average is printed because these machines are shared.
 */
import { loadavg } from "node:os";
import { prepareCohort, solveCohort } from "../server/modules/matching/cohort";
import { MatchScorer, MentorPool } from "../server/modules/matching/score";
import { suggestMentors } from "../server/modules/matching/suggest";
import { cohortPeople, MIN_SCORE, settings, weekStart } from "./matching-instances";
import { type LpTiming, timeLpInChild } from "./matching-lp";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const runs = (xs: number[]) => xs.map(ms).join(", ");

function timed<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
}

const people = cohortPeople;

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

/** Per seed: the max-score total, to hold the LP optimum against. */
type Totals = Map<number, number>;

function benchCohort(menteeCount: number, mentorCount: number, repeats: number, opts: { stable?: boolean } = {}): Totals {
  const totals: Totals = new Map();
  const label = `${menteeCount.toLocaleString("en")} x ${mentorCount.toLocaleString("en")}`;
  const prepare: number[] = [];
  const maxScore: number[] = [];
  const stable: number[] = [];
  const notes = { max: "", stable: "" };
  for (let r = 0; r < repeats; r++) {
    const { mentors, mentees } = people(100 + r, mentorCount, menteeCount, 5);
    const [problem, prepareMs] = timed(() => prepareCohort({ mentors, mentees, settings, minScore: MIN_SCORE }));
    const [best, maxMs] = timed(() => solveCohort(problem, "max-score"));
    totals.set(100 + r, best.totalScore);
    prepare.push(prepareMs);
    maxScore.push(maxMs);
    const c = best.certificate!;
    notes.max = `matched ${best.pairs.length}, avg ${best.averageScore}, lowest ${best.lowestScore}, blocking ${best.blockingPairs}; certificate primal = dual after ${c.rounds} rounds on ${c.candidatePairs.toLocaleString("en")} of ${c.allowedPairs.toLocaleString("en")} allowed pairs`;
    if (opts.stable === false) continue;
    const [stab, stableMs] = timed(() => solveCohort(problem, "stable"));
    stable.push(stableMs);
    notes.stable = `matched ${stab.pairs.length}, avg ${stab.averageScore}, lowest ${stab.lowestScore}, blocking ${stab.blockingPairs}; total ${stab.totalScore} vs max-score ${best.totalScore}`;
  }
  const total = (solve: number[]) => prepare.map((p, i) => p + solve[i]!);
  console.log(
    `| cohort ${label}: score every pair (prepareCohort) | ${ms(median(prepare))} | ${runs(prepare)} | ${(menteeCount * mentorCount).toLocaleString("en")} pairs |`,
  );
  console.log(`| cohort ${label}: max-score solve + explain | ${ms(median(maxScore))} | ${runs(maxScore)} | ${notes.max} (last run) |`);
  console.log(`| cohort ${label}: max-score end to end | ${ms(median(total(maxScore)))} | ${runs(total(maxScore))} | |`);
  if (opts.stable === false) return totals;
  console.log(`| cohort ${label}: stable solve + explain | ${ms(median(stable))} | ${runs(stable)} | ${notes.stable} (last run) |`);
  console.log(`| cohort ${label}: stable end to end | ${ms(median(total(stable)))} | ${runs(total(stable))} | |`);
  return totals;
}

/**
 * HiGHS on the same instances (same seeds) as the max-score rows above: its optimum must equal max-score's total.
 * Timed: building the sparse LP (one column per allowed pair) plus HiGHS's solve; the WebAssembly load is apart.
 */
async function benchLp(menteeCount: number, mentorCount: number, totals: Totals) {
  const label = `${menteeCount.toLocaleString("en")} x ${mentorCount.toLocaleString("en")}`;
  const times: number[] = [];
  const notes: string[] = [];
  for (const [seed, total] of totals) {
    const lp: LpTiming = await timeLpInChild(menteeCount, mentorCount, seed);
    if (!lp.ok) {
      console.log(
        `| cohort ${label}: general LP solver (HiGHS, WebAssembly) | did not finish | failed after ${ms(lp.afterMs)} ms | ${lp.error} (seed ${seed}) |`,
      );
      return;
    }
    times.push(lp.buildMs + lp.solveMs);
    const agrees = Math.round(lp.objective) === total ? "=" : "!=";
    notes.push(`seed ${seed}: LP optimum ${Math.round(lp.objective)} ${agrees} max-score ${total}${lp.isIntegral ? "" : " (fractional)"}`);
    if (notes.length === 1) notes.push(`${lp.columns.toLocaleString("en")} columns; WebAssembly load ${ms(lp.loadMs)} ms`);
  }
  console.log(
    `| cohort ${label}: general LP solver (HiGHS, WebAssembly): build + solve | ${ms(median(times))} | ${runs(times)} | ${notes.join("; ")} |`,
  );
}

export async function benchMatching() {
  console.log(
    `\n## Matching core (seeded random profiles, capacity 5 in cohorts, min score ${MIN_SCORE}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")})`,
  );
  console.log("| case | median ms | runs | notes |\n|---|---|---|---|");
  benchSuggestions();
  const small = benchCohort(1_000, 200, 5);
  const large = benchCohort(10_000, 2_000, 3);
  await benchLp(1_000, 200, small);
  // The 20-million-pair instance has ~4.5 million allowed pairs; BENCH_LP_FULL=0 skips the attempt.
  if (process.env.BENCH_LP_FULL !== "0") await benchLp(10_000, 2_000, new Map([...large].slice(0, 1)));
  // The largest instance shape that fits HiGHS's 2 GiB WebAssembly heap in reasonable time; max-score on the same seed.
  const [menteeCount, mentorCount] = (process.env.BENCH_LP_LARGEST ?? "5000x1000").split("x").map(Number) as [number, number];
  await benchLp(menteeCount, mentorCount, benchCohort(menteeCount, mentorCount, 1, { stable: false }));
  console.log(
    `\nload average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
}
