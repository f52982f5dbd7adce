/**
 * Cohort matching: a program's whole pool of unmatched mentees against its mentors at once, for the
 * coordinator's dry-run preview. Two modes:
 *
 * - "max-score": the assignment with the highest total score (then the most mentees matched), exact; see
 *   max-score-assignment.ts for the method and the optimality certificate every run checks.
 * - "stable": mentee-proposing deferred acceptance with capacities. Mentees rank mentors by score, mentors rank
 *   mentees by score, ties on both sides broken by user id. No mentee and mentor would both rather be together
 *   than with what they got (zero blocking pairs), and it is the best stable outcome for every mentee.
 *
 * Locked pairs are kept as they are and sit outside the optimisation (their places are taken first); excluded
 * pairs and hard constraints are never made. Mentors and mentees are ordered by user id first so the result does
 * not depend on the order rows were loaded in.
 */
import { AppError } from "../../errors";
import { findExclusion, PairRules, spareCapacity } from "./constraints";
import type { MenteeProfile, MentorProfile, PairRef } from "./matching.types";
import { type OptimalityCertificate, solveMaxScore } from "./max-score-assignment";
import { MatchScorer, MentorPool, type PreparedMentee, type ScoreExplanation, type ScoreSettings } from "./score";
import { NOT_ALLOWED, nextChoices, type ScoreMatrix } from "./score-matrix";

export type CohortMode = "max-score" | "stable";

export interface CohortInput {
  mentors: readonly MentorProfile[];
  mentees: readonly MenteeProfile[];
  settings: ScoreSettings;
  /** Pairs scoring below this are never made (default 0). Locked pairs are exempt: a coordinator chose them. */
  minScore?: number;
  rules?: PairRules;
  /** Pairs the coordinator fixed for this run. */
  locked?: readonly PairRef[];
  /** Pairs the coordinator ruled out for this run. */
  excluded?: readonly PairRef[];
}

export interface CohortProblem {
  matrix: ScoreMatrix;
  mentors: readonly MentorProfile[];
  mentees: readonly MenteeProfile[];
  mentorIndex: ReadonlyMap<string, number>;
  menteeIndex: ReadonlyMap<string, number>;
  minScore: number;
  scorer: MatchScorer;
  /** Per mentee; null for a mentee who is not approved. */
  prepared: readonly (PreparedMentee | null)[];
  /** Mentor column a mentee is locked to, or -1. */
  lockedTo: Int32Array;
  /** 1 for mentees outside the optimisation (locked). */
  isLocked: Uint8Array;
}

export type UnmatchedReason = "no-eligible-mentor" | "all-eligible-mentors-full" | "mentee-not-approved";

export interface CohortPair extends ScoreExplanation {
  mentorId: string;
  menteeId: string;
  isLocked: boolean;
}

export interface UnmatchedMentee {
  menteeId: string;
  reason: UnmatchedReason;
  message: string;
}

export interface MentorLoad {
  mentorId: string;
  capacity: number;
  activeMatches: number;
  /** Mentees given to this mentor by this run, locked pairs included. */
  assigned: number;
  spareAfter: number;
}

export interface CohortResult {
  mode: CohortMode;
  pairs: CohortPair[];
  unmatched: UnmatchedMentee[];
  totalScore: number;
  /** Mean score of the pairs, one decimal; null when no pair was made. */
  averageScore: number | null;
  lowestScore: number | null;
  /** Blocking pairs among the mentees this run placed (locked pairs are outside the count). */
  blockingPairs: number;
  mentorLoad: MentorLoad[];
  /** Max-score mode only: the checked proof that no assignment has a higher total. */
  certificate?: OptimalityCertificate;
}

const byUserId = <T extends { userId: string }>(a: T, b: T) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

function indexOf(list: readonly { userId: string }[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const [i, p] of list.entries()) {
    if (map.has(p.userId)) throw AppError.field(what, `${p.userId} appears twice.`);
    map.set(p.userId, i);
  }
  return map;
}

/** Scores every pair once (the expensive part) and checks locks; the result can be solved in either mode. */
export function prepareCohort(input: CohortInput): CohortProblem {
  const mentors = [...input.mentors].sort(byUserId);
  const mentees = [...input.mentees].sort(byUserId);
  const mentorIndex = indexOf(mentors, "mentors");
  const menteeIndex = indexOf(mentees, "mentees");
  const rules = input.rules ?? PairRules.none;
  const minScore = input.minScore ?? 0;
  const rows = mentees.length;
  const cols = mentors.length;

  const lookup = (pair: PairRef, field: string) => {
    const row = menteeIndex.get(pair.menteeId);
    if (row === undefined) throw AppError.field(field, `Mentee ${pair.menteeId} is not in this cohort.`);
    const col = mentorIndex.get(pair.mentorId);
    if (col === undefined) throw AppError.field(field, `Mentor ${pair.mentorId} is not in this cohort.`);
    return { row, col };
  };

  const excludedByRow = new Map<number, number[]>();
  const excludedKeys = new Set<number>();
  for (const pair of input.excluded ?? []) {
    const { row, col } = lookup(pair, "excluded");
    excludedKeys.add(row * cols + col);
    const list = excludedByRow.get(row);
    if (list) list.push(col);
    else excludedByRow.set(row, [col]);
  }

  const lockedTo = new Int32Array(rows).fill(-1);
  const isLocked = new Uint8Array(rows);
  const lockedCount = new Int32Array(cols);
  for (const pair of input.locked ?? []) {
    const { row, col } = lookup(pair, "locked");
    if (isLocked[row] === 1) throw AppError.field("locked", `Mentee ${pair.menteeId} is locked to more than one mentor.`);
    if (excludedKeys.has(row * cols + col)) {
      throw AppError.field("locked", `The pair ${pair.mentorId} / ${pair.menteeId} is both locked and excluded.`);
    }
    const mentor = mentors[col]!;
    const exclusion = findExclusion({ ...mentor, activeMatches: 0, capacity: 1 }, mentees[row]!, rules);
    if (exclusion) throw AppError.field("locked", `Cannot lock ${pair.mentorId} with ${pair.menteeId}: ${exclusion.message}`);
    isLocked[row] = 1;
    lockedTo[row] = col;
    if (++lockedCount[col]! > spareCapacity(mentor)) {
      throw AppError.field("locked", `Mentor ${pair.mentorId} has ${spareCapacity(mentor)} free places but more locked pairs.`);
    }
  }

  const pool = new MentorPool(mentors, input.settings.weekStart);
  const scorer = new MatchScorer(pool, input.settings);
  const capacity = new Int32Array(cols);
  const isApproved = new Uint8Array(cols);
  for (let col = 0; col < cols; col++) {
    isApproved[col] = mentors[col]!.isApproved ? 1 : 0;
    capacity[col] = isApproved[col] === 1 ? pool.spare[col]! - lockedCount[col]! : 0;
  }

  const scores = new Uint8Array(rows * cols).fill(NOT_ALLOWED);
  const prepared: (PreparedMentee | null)[] = [];
  const blocked = new Uint8Array(cols);
  const rowScores = new Int32Array(cols);
  const blockedCols: number[] = [];
  for (let row = 0; row < rows; row++) {
    const mentee = mentees[row]!;
    if (!mentee.isApproved) {
      prepared.push(null);
      continue;
    }
    const menteePrepared = scorer.prepare(mentee);
    prepared.push(menteePrepared);
    if (isLocked[row] === 1) continue;
    scorer.use(menteePrepared);
    const self = mentorIndex.get(mentee.userId);
    if (self !== undefined) blockedCols.push(self);
    for (const mentorId of rules.blockedMentorsOf(mentee.userId)) {
      const col = mentorIndex.get(mentorId);
      if (col !== undefined) blockedCols.push(col);
    }
    for (const col of excludedByRow.get(row) ?? []) blockedCols.push(col);
    for (const col of blockedCols) blocked[col] = 1;
    scorer.scoreAll(rowScores);
    const base = row * cols;
    for (let col = 0; col < cols; col++) {
      const s = rowScores[col]!;
      if (s >= minScore && isApproved[col] === 1 && blocked[col] === 0) scores[base + col] = s;
    }
    for (const col of blockedCols) blocked[col] = 0;
    blockedCols.length = 0;
  }

  return {
    matrix: { rows, cols, scores, capacity },
    mentors,
    mentees,
    mentorIndex,
    menteeIndex,
    minScore,
    scorer,
    prepared,
    lockedTo,
    isLocked,
  };
}

/** Mentee-proposing deferred acceptance; returns the mentor column per mentee (-1 unmatched, locked ones -1). */
export function stableAssignment(problem: Pick<CohortProblem, "matrix" | "isLocked">): Int32Array {
  const { rows, cols, scores, capacity } = problem.matrix;
  const CHUNK = 16;
  const choiceCols = new Int32Array(rows * CHUNK);
  const choiceScores = new Int32Array(CHUNK);
  const choiceCount = new Int32Array(rows);
  const choicePos = new Int32Array(rows);
  const lastScore = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  const lastCol = new Int32Array(rows).fill(-1);
  const assignment = new Int32Array(rows).fill(-1);

  const slotStart = new Int32Array(cols + 1);
  for (let col = 0; col < cols; col++) slotStart[col + 1] = slotStart[col]! + capacity[col]!;
  const slot = new Int32Array(slotStart[cols]!);
  const used = new Int32Array(cols);
  // A mentor prefers the higher score, then the smaller user id (rows are in id order).
  const mentorKey = (row: number, col: number) => scores[row * cols + col]! * rows + (rows - 1 - row);

  const queue: number[] = [];
  for (let row = rows - 1; row >= 0; row--) if (problem.isLocked[row] === 0) queue.push(row);
  while (queue.length > 0) {
    const row = queue.pop()!;
    for (;;) {
      if (choicePos[row] === choiceCount[row]) {
        const got = nextChoices(
          problem.matrix,
          row,
          CHUNK,
          lastScore[row]!,
          lastCol[row]!,
          0,
          choiceCols.subarray(row * CHUNK, row * CHUNK + CHUNK),
          choiceScores,
        );
        choiceCount[row] = got;
        choicePos[row] = 0;
        if (got === 0) break;
      }
      const col = choiceCols[row * CHUNK + choicePos[row]!++]!;
      lastScore[row] = scores[row * cols + col]!;
      lastCol[row] = col;
      if (used[col]! < capacity[col]!) {
        slot[slotStart[col]! + used[col]!++] = row;
        assignment[row] = col;
        break;
      }
      let worstAt = slotStart[col]!;
      for (let at = worstAt + 1, end = slotStart[col]! + used[col]!; at < end; at++) {
        if (mentorKey(slot[at]!, col) < mentorKey(slot[worstAt]!, col)) worstAt = at;
      }
      const worst = slot[worstAt]!;
      if (mentorKey(row, col) > mentorKey(worst, col)) {
        slot[worstAt] = row;
        assignment[row] = col;
        assignment[worst] = -1;
        queue.push(worst);
        break;
      }
    }
  }
  return assignment;
}

/**
 * Pairs (mentee, mentor) not matched together where the mentee prefers the mentor to what it got (anything to
 * nothing) and the mentor has a free place or prefers the mentee to its least preferred one. Preferences and ties
 * as in stable mode; locked mentees and their places are outside the count.
 */
export function countBlockingPairsOf(problem: Pick<CohortProblem, "matrix" | "isLocked">, assignment: Int32Array): number {
  const { rows, cols, scores, capacity } = problem.matrix;
  const used = new Int32Array(cols);
  const worstKey = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  for (let row = 0; row < rows; row++) {
    const col = assignment[row]!;
    if (col < 0 || problem.isLocked[row] === 1) continue;
    used[col]!++;
    const key = scores[row * cols + col]! * rows + (rows - 1 - row);
    if (key < worstKey[col]!) worstKey[col] = key;
  }
  let blocking = 0;
  for (let row = 0; row < rows; row++) {
    if (problem.isLocked[row] === 1) continue;
    const base = row * cols;
    const current = assignment[row]!;
    const currentKey = current < 0 ? -1 : scores[base + current]! * cols + (cols - 1 - current);
    for (let col = 0; col < cols; col++) {
      const s = scores[base + col]!;
      if (s === NOT_ALLOWED || col === current || capacity[col] === 0) continue;
      if (s * cols + (cols - 1 - col) <= currentKey) continue;
      if (used[col]! < capacity[col]! || s * rows + (rows - 1 - row) > worstKey[col]!) blocking++;
    }
  }
  return blocking;
}

/** Blocking pairs of any matching given as (mentor, mentee) user-id pairs. */
export function countBlockingPairs(problem: CohortProblem, pairs: readonly PairRef[]): number {
  const assignment = new Int32Array(problem.matrix.rows).fill(-1);
  for (const pair of pairs) {
    const row = problem.menteeIndex.get(pair.menteeId);
    const col = problem.mentorIndex.get(pair.mentorId);
    if (row === undefined || col === undefined) throw AppError.field("pairs", "A pair names someone outside this cohort.");
    assignment[row] = col;
  }
  return countBlockingPairsOf(problem, assignment);
}

export interface SolveOptions {
  /** Max-score mode: candidate mentors per mentee in the first round (a speed knob, never a quality one). */
  candidatesPerMentee?: number;
}

export function solveCohort(problem: CohortProblem, mode: CohortMode, options: SolveOptions = {}): CohortResult {
  let assignment: Int32Array;
  let certificate: OptimalityCertificate | undefined;
  if (mode === "max-score") {
    const solved = solveMaxScore(problem.matrix, { skipRow: problem.isLocked, candidatesPerMentee: options.candidatesPerMentee });
    assignment = solved.assignment;
    certificate = solved.certificate;
  } else {
    assignment = stableAssignment(problem);
  }
  const blockingPairs = countBlockingPairsOf(problem, assignment);
  for (let row = 0; row < problem.matrix.rows; row++) if (problem.isLocked[row] === 1) assignment[row] = problem.lockedTo[row]!;
  return {
    ...describeAssignment(problem, assignment),
    mode,
    blockingPairs,
    ...(certificate ? { certificate } : {}),
  };
}

export function matchCohort(input: CohortInput, mode: CohortMode, options: SolveOptions = {}): CohortResult {
  return solveCohort(prepareCohort(input), mode, options);
}

function describeAssignment(problem: CohortProblem, assignment: Int32Array) {
  const { rows, cols, scores } = problem.matrix;
  const { scorer, mentors, mentees, minScore } = problem;
  const pairs: CohortPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  const assigned = new Int32Array(cols);
  let totalScore = 0;
  let lowestScore: number | null = null;
  for (let row = 0; row < rows; row++) {
    const col = assignment[row]!;
    const menteeId = mentees[row]!.userId;
    const prepared = problem.prepared[row] ?? null;
    if (col >= 0 && prepared) {
      scorer.use(prepared);
      const explanation = scorer.explain(col);
      pairs.push({ mentorId: mentors[col]!.userId, menteeId, isLocked: problem.isLocked[row] === 1, ...explanation });
      assigned[col]!++;
      totalScore += explanation.total;
      lowestScore = lowestScore === null ? explanation.total : Math.min(lowestScore, explanation.total);
      continue;
    }
    if (!prepared) {
      unmatched.push({ menteeId, reason: "mentee-not-approved", message: "Not approved in this program yet." });
      continue;
    }
    let eligible = 0;
    for (let c = 0, base = row * cols; c < cols; c++) if (scores[base + c] !== NOT_ALLOWED) eligible++;
    unmatched.push(
      eligible === 0
        ? { menteeId, reason: "no-eligible-mentor", message: `No mentor scores at least ${minScore} with this mentee.` }
        : {
            menteeId,
            reason: "all-eligible-mentors-full",
            message: `${eligible === 1 ? "The 1 mentor" : `All ${eligible} mentors`} scoring at least ${minScore} ${eligible === 1 ? "is" : "are"} full.`,
          },
    );
  }
  const mentorLoad = mentors.map((m, col) => ({
    mentorId: m.userId,
    capacity: m.capacity,
    activeMatches: m.activeMatches,
    assigned: assigned[col]!,
    spareAfter: Math.max(0, spareCapacity(m) - assigned[col]!),
  }));
  return {
    pairs,
    unmatched,
    totalScore,
    averageScore: pairs.length === 0 ? null : Math.round((totalScore / pairs.length) * 10) / 10,
    lowestScore,
    mentorLoad,
  };
}
