/**
 * The cohort assignment as a plain linear program, solved by a general LP solver (HiGHS, compiled to
 * WebAssembly). Used to cross-check the max-score solver in tests and to time a general solver on the same
 * instance in the benchmark; the app itself never needs it.
 *
 *   maximise  sum_ij w_ij x_ij
 *   s.t.      sum_j x_ij <= 1           for every mentee i
 *             sum_i x_ij <= capacity_j  for every mentor j
 *             0 <= x_ij <= 1
 *
 * One column per ALLOWED pair: a pair that is not allowed (below the minimum score, excluded, hard constraint,
 * mentor without places) is a variable fixed at 0, so leaving it out is the same problem, not a relaxation.
 * The constraint matrix is the incidence matrix of a bipartite graph, which is totally unimodular, so the LP
 * optimum is attained at an integral vertex and equals the best assignment's value.
 */
import loadHighs, { type Highs } from "highs";
import { NOT_ALLOWED, type ScoreMatrix } from "../modules/matching/score-matrix";

let runtime: Promise<Highs> | undefined;

/** The WebAssembly runtime is loaded once per process and reused by every solve. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

export type LpObjective =
  /** Total score. */
  | "score"
  /** Total score, then the number of mentees matched: the max-score solver's own weight, score * (rows + 1) + 1. */
  | "score-then-count";

export interface AssignmentLpResult {
  /** Optimal objective value as HiGHS reports it (floating point). */
  objective: number;
  /** Total score of the LP's solution (sum of score * x). */
  totalScore: number;
  /** Sum of x: mentees matched when the solution is integral. */
  matched: number;
  /** True when every x is within 1e-6 of 0 or 1. */
  isIntegral: boolean;
  columns: number;
  /** Milliseconds to build the sparse model in JavaScript. */
  buildMs: number;
  /** Milliseconds HiGHS spent: passing the model into WebAssembly plus solving. */
  solveMs: number;
}

export async function solveAssignmentLp(
  matrix: ScoreMatrix,
  opts: { objective?: LpObjective; skipRow?: Uint8Array; solver?: "simplex" | "ipm" | "choose"; presolve?: "on" | "off" | "choose" } = {},
): Promise<AssignmentLpResult> {
  const highs = await highsRuntime();
  const started = performance.now();
  const { rows, cols, scores, capacity } = matrix;
  const scale = opts.objective === "score-then-count" ? rows + 1 : 1;
  const extra = opts.objective === "score-then-count" ? 1 : 0;

  let columns = 0;
  for (let row = 0; row < rows; row++) {
    if (opts.skipRow?.[row] === 1) continue;
    for (let col = 0, base = row * cols; col < cols; col++) if (scores[base + col] !== NOT_ALLOWED && capacity[col]! > 0) columns++;
  }
  const cost = new Float64Array(columns);
  const pairScore = new Uint8Array(columns);
  const starts = new Int32Array(columns + 1);
  const indices = new Int32Array(columns * 2);
  const values = new Float64Array(columns * 2).fill(1);
  let c = 0;
  for (let row = 0; row < rows; row++) {
    if (opts.skipRow?.[row] === 1) continue;
    for (let col = 0, base = row * cols; col < cols; col++) {
      const s = scores[base + col]!;
      if (s === NOT_ALLOWED || capacity[col]! <= 0) continue;
      cost[c] = s * scale + extra;
      pairScore[c] = s;
      // Column c: one entry in mentee row `row`, one in mentor row `rows + col` (indices ascending).
      indices[2 * c] = row;
      indices[2 * c + 1] = rows + col;
      c++;
      starts[c] = 2 * c;
    }
  }
  const rowUpper = new Float64Array(rows + cols);
  rowUpper.fill(1, 0, rows);
  for (let col = 0; col < cols; col++) rowUpper[rows + col] = Math.max(0, capacity[col]!);
  const buildMs = performance.now() - started;

  const solveStarted = performance.now();
  const model = highs.createModel({
    numCols: columns,
    numRows: rows + cols,
    sense: highs.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: new Float64Array(columns),
    colUpper: new Float64Array(columns).fill(1),
    rowLower: new Float64Array(rows + cols).fill(-highs.infinity),
    rowUpper,
    matrix: { format: "csc", numRows: rows + cols, numCols: columns, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, solver: opts.solver ?? "choose", presolve: opts.presolve ?? "choose" });
    model.run();
    const status = model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal && columns > 0) {
      throw new Error(`HiGHS did not reach an optimum (model status ${status})`);
    }
    const objective = columns === 0 ? 0 : model.getObjectiveValue();
    const x = columns === 0 ? new Float64Array(0) : model.getSolution().colValue;
    const solveMs = performance.now() - solveStarted;
    let totalScore = 0;
    let matched = 0;
    let isIntegral = true;
    for (let k = 0; k < columns; k++) {
      const v = x[k]!;
      if (Math.abs(v) > 1e-6 && Math.abs(v - 1) > 1e-6) isIntegral = false;
      totalScore += pairScore[k]! * v;
      matched += v;
    }
    return { objective, totalScore, matched, isIntegral, columns, buildMs, solveMs };
  } finally {
    model.dispose();
  }
}
