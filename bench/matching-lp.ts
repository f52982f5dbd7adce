/**
 * The general LP solver (HiGHS, WebAssembly) timed on the matching benchmark's own cohort instances. Each solve
 * runs in a child process that rebuilds the instance from the same seed: the WebAssembly heap is capped at
 * 2 GiB and an instance that does not fit aborts the runtime, which must not take the benchmark down with it.
 *
 *   tsx bench/matching-lp.ts <mentees> <mentors> <seed>   # one solve; prints one JSON line
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { repoRoot } from "../e2e/support/process";
import { prepareCohort } from "../server/modules/matching/cohort";
import { highsRuntime, solveAssignmentLp } from "../server/test-support/assignment-lp";
import { cohortPeople, MIN_SCORE, settings } from "./matching-instances";

export type LpTiming =
  | { ok: true; objective: number; columns: number; isIntegral: boolean; loadMs: number; buildMs: number; solveMs: number }
  | { ok: false; error: string; afterMs: number };

/** Solves the cohort instance (seed, size, capacity 5, the benchmark's minimum score) as an LP in a child process. */
export function timeLpInChild(menteeCount: number, mentorCount: number, seed: number): Promise<LpTiming> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "bench/matching-lp.ts", String(menteeCount), String(mentorCount), String(seed)],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) return resolve(JSON.parse(line) as LpTiming);
      const reason = err.match(/RuntimeError: [^\n]*/)?.[0] ?? err.trim().split("\n").pop() ?? `exit code ${code}`;
      resolve({ ok: false, error: reason, afterMs: performance.now() - started });
    });
  });
}

async function child(menteeCount: number, mentorCount: number, seed: number) {
  const { mentors, mentees } = cohortPeople(seed, mentorCount, menteeCount, 5);
  const problem = prepareCohort({ mentors, mentees, settings, minScore: MIN_SCORE });
  const loadStarted = performance.now();
  await highsRuntime();
  const loadMs = performance.now() - loadStarted;
  const lp = await solveAssignmentLp(problem.matrix);
  const timing: LpTiming = {
    ok: true,
    objective: lp.objective,
    columns: lp.columns,
    isIntegral: lp.isIntegral,
    loadMs,
    buildMs: lp.buildMs,
    solveMs: lp.solveMs,
  };
  console.log(JSON.stringify(timing));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [mentees, mentors, seed] = process.argv.slice(2).map(Number);
  await child(mentees!, mentors!, seed!);
  process.exit(0);
}
