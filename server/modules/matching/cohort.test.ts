import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { randomMentee, randomMentor, seededRandom } from "../../test-support/matching-profiles";
import {
  type CohortInput,
  countBlockingPairs,
  countBlockingPairsOf,
  matchCohort,
  prepareCohort,
  solveCohort,
  stableAssignment,
} from "./cohort";
import { PairRules } from "./constraints";
import type { MenteeProfile, MentorProfile } from "./matching.types";
import { solveMaxScore } from "./max-score-assignment";
import { defaultWeights, type ScoreSettings } from "./score";
import { NOT_ALLOWED, type ScoreMatrix } from "./score-matrix";

const weekStart = Temporal.Instant.from("2026-05-04T00:00:00Z");
const settings: ScoreSettings = { weights: defaultWeights, weekStart };

/** A random score matrix: many ties (scores from a few levels) and some pairs not allowed. */
function randomMatrix(
  rng: () => number,
  rows: number,
  cols: number,
  opts: { maxCapacity: number; levels: number; blocked: number },
): ScoreMatrix {
  const scores = new Uint8Array(rows * cols);
  for (let k = 0; k < scores.length; k++) {
    scores[k] = rng() < opts.blocked ? NOT_ALLOWED : Math.floor(rng() * opts.levels) * Math.floor(100 / Math.max(1, opts.levels - 1));
  }
  const capacity = Int32Array.from({ length: cols }, () => Math.floor(rng() * (opts.maxCapacity + 1)));
  return { rows, cols, scores, capacity };
}

interface Value {
  score: number;
  matched: number;
}
const better = (a: Value, b: Value) => a.score > b.score || (a.score === b.score && a.matched > b.matched);

/** Every assignment, one mentee at a time: mentor or nobody, within capacities. */
function bruteForce(m: ScoreMatrix): Value {
  let best: Value = { score: 0, matched: 0 };
  const used = new Int32Array(m.cols);
  const walk = (row: number, score: number, matched: number) => {
    if (row === m.rows) {
      if (better({ score, matched }, best)) best = { score, matched };
      return;
    }
    walk(row + 1, score, matched);
    for (let col = 0; col < m.cols; col++) {
      const s = m.scores[row * m.cols + col]!;
      if (s === NOT_ALLOWED || used[col]! >= m.capacity[col]!) continue;
      used[col]!++;
      walk(row + 1, score + s, matched + 1);
      used[col]!--;
    }
  };
  walk(0, 0, 0);
  return best;
}

/**
 * An independent exact solver: min-cost flow by successive shortest paths with Bellman-Ford on the full residual
 * graph, no potentials, no candidate lists, an explicit edge list. Same objective (score first, then count),
 * different code.
 */
function bellmanFordMaxScore(m: ScoreMatrix): Value {
  const source = m.rows + m.cols;
  const sink = source + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adjacency: number[][] = Array.from({ length: sink + 1 }, () => []);
  const addEdge = (a: number, b: number, capacity: number, c: number) => {
    adjacency[a]!.push(to.length);
    to.push(b);
    cap.push(capacity);
    cost.push(c);
    adjacency[b]!.push(to.length);
    to.push(a);
    cap.push(0);
    cost.push(-c);
  };
  for (let row = 0; row < m.rows; row++) addEdge(source, row, 1, 0);
  for (let col = 0; col < m.cols; col++) addEdge(m.rows + col, sink, m.capacity[col]!, 0);
  for (let row = 0; row < m.rows; row++) {
    for (let col = 0; col < m.cols; col++) {
      const s = m.scores[row * m.cols + col]!;
      if (s !== NOT_ALLOWED) addEdge(row, m.rows + col, 1, -(s * (m.rows + 1) + 1));
    }
  }
  for (;;) {
    const dist = new Array<number>(sink + 1).fill(Number.POSITIVE_INFINITY);
    const via = new Array<number>(sink + 1).fill(-1);
    dist[source] = 0;
    for (let round = 0; round <= sink; round++) {
      let changed = false;
      for (let a = 0; a <= sink; a++) {
        if (dist[a] === Number.POSITIVE_INFINITY) continue;
        for (const e of adjacency[a]!) {
          if (cap[e]! > 0 && dist[a]! + cost[e]! < dist[to[e]!]!) {
            dist[to[e]!] = dist[a]! + cost[e]!;
            via[to[e]!] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (!(dist[sink]! < 0)) break;
    for (let node = sink; node !== source; node = to[via[node]! ^ 1]!) {
      cap[via[node]!]!--;
      cap[via[node]! ^ 1]!++;
    }
  }
  let score = 0;
  let matched = 0;
  for (let row = 0; row < m.rows; row++) {
    for (const e of adjacency[row]!) {
      const col = to[e]! - m.rows;
      if (col >= 0 && col < m.cols && e % 2 === 0 && cap[e] === 0) {
        score += m.scores[row * m.cols + col]!;
        matched++;
      }
    }
  }
  return { score, matched };
}

function assignmentValue(m: ScoreMatrix, assignment: Int32Array): Value {
  const used = new Int32Array(m.cols);
  let score = 0;
  let matched = 0;
  for (let row = 0; row < m.rows; row++) {
    const col = assignment[row]!;
    if (col < 0) continue;
    const s = m.scores[row * m.cols + col]!;
    expect(s).not.toBe(NOT_ALLOWED);
    used[col]!++;
    score += s;
    matched++;
  }
  for (let col = 0; col < m.cols; col++) expect(used[col]).toBeLessThanOrEqual(m.capacity[col]!);
  return { score, matched };
}

/** Blocking pairs by the definition, spelled out with explicit preference comparisons. */
function naiveBlockingPairs(m: ScoreMatrix, assignment: Int32Array): number {
  const menteePrefers = (row: number, a: number, b: number) => {
    if (b < 0) return true;
    const sa = m.scores[row * m.cols + a]!;
    const sb = m.scores[row * m.cols + b]!;
    return sa > sb || (sa === sb && a < b);
  };
  const mentorPrefers = (col: number, a: number, b: number) => {
    const sa = m.scores[a * m.cols + col]!;
    const sb = m.scores[b * m.cols + col]!;
    return sa > sb || (sa === sb && a < b);
  };
  let count = 0;
  for (let row = 0; row < m.rows; row++) {
    for (let col = 0; col < m.cols; col++) {
      if (m.scores[row * m.cols + col] === NOT_ALLOWED || m.capacity[col] === 0 || assignment[row] === col) continue;
      if (!menteePrefers(row, col, assignment[row]!)) continue;
      const held = [...assignment.keys()].filter((r) => assignment[r] === col);
      if (held.length < m.capacity[col]! || held.some((r) => mentorPrefers(col, row, r))) count++;
    }
  }
  return count;
}

const noLocks = (rows: number) => new Uint8Array(rows);

describe("max-score cohort matching is exact", () => {
  it("equals brute force on 300 tiny random instances (up to 6 mentees x 4 mentors, capacities 0-2)", () => {
    const rng = seededRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const m = randomMatrix(rng, 1 + Math.floor(rng() * 6), 1 + Math.floor(rng() * 4), {
        maxCapacity: 2,
        levels: 2 + Math.floor(rng() * 6),
        blocked: rng() * 0.5,
      });
      const expected = bruteForce(m);
      for (const candidatesPerMentee of [1, 2, 12]) {
        const { assignment, certificate } = solveMaxScore(m, { candidatesPerMentee });
        expect(assignmentValue(m, assignment)).toEqual(expected);
        expect(certificate.dual).toBe(certificate.primal);
      }
    }
  });

  it("equals an independent Bellman-Ford min-cost flow on 40 medium instances (60 x 20)", () => {
    const rng = seededRandom(12);
    for (let trial = 0; trial < 40; trial++) {
      const m = randomMatrix(rng, 60, 20, { maxCapacity: 3, levels: trial % 2 === 0 ? 101 : 6, blocked: rng() * 0.6 });
      const expected = bellmanFordMaxScore(m);
      // One candidate per mentee forces the pricing loop to add pairs over several rounds.
      for (const candidatesPerMentee of [1, 12]) {
        const { assignment, certificate } = solveMaxScore(m, { candidatesPerMentee });
        expect(assignmentValue(m, assignment)).toEqual(expected);
        expect(certificate.dual).toBe(certificate.primal);
      }
    }
  });

  it("equals brute force and Bellman-Ford when scores come from real profiles", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = seededRandom(seed);
      const tiny = prepareCohort({
        mentors: Array.from({ length: 4 }, (_, i) => randomMentor(rng, `m${i}`, { capacity: 1 + Math.floor(rng() * 2) })),
        mentees: Array.from({ length: 6 }, (_, i) => randomMentee(rng, `e${i}`)),
        settings,
        minScore: 30,
      });
      const result = solveCohort(tiny, "max-score");
      expect({ score: result.totalScore, matched: result.pairs.length }).toEqual(bruteForce(tiny.matrix));
      const medium = prepareCohort({
        mentors: Array.from({ length: 20 }, (_, i) => randomMentor(rng, `m${i}`)),
        mentees: Array.from({ length: 60 }, (_, i) => randomMentee(rng, `e${i}`)),
        settings,
        minScore: 40,
      });
      const mediumResult = solveCohort(medium, "max-score");
      expect({ score: mediumResult.totalScore, matched: mediumResult.pairs.length }).toEqual(bellmanFordMaxScore(medium.matrix));
    }
  });
});

describe("stable cohort matching", () => {
  it("has zero blocking pairs on random instances, ties included, and is a valid matching", () => {
    const rng = seededRandom(21);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(rng() * 30);
      const cols = 1 + Math.floor(rng() * 10);
      const m = randomMatrix(rng, rows, cols, { maxCapacity: 3, levels: 2 + Math.floor(rng() * 10), blocked: rng() * 0.5 });
      const problem = { matrix: m, isLocked: noLocks(rows) };
      const assignment = stableAssignment(problem);
      assignmentValue(m, assignment);
      expect(countBlockingPairsOf(problem, assignment)).toBe(0);
      expect(naiveBlockingPairs(m, assignment)).toBe(0);
    }
  });

  it("counts blocking pairs of any matching the same way as the definition", () => {
    const rng = seededRandom(22);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(rng() * 12);
      const cols = 1 + Math.floor(rng() * 5);
      const m = randomMatrix(rng, rows, cols, { maxCapacity: 2, levels: 5, blocked: 0.3 });
      const problem = { matrix: m, isLocked: noLocks(rows) };
      const { assignment } = solveMaxScore(m);
      expect(countBlockingPairsOf(problem, assignment)).toBe(naiveBlockingPairs(m, assignment));
    }
  });

  it("finds the one blocking pair of a hand-made unstable matching", () => {
    // e0 likes m0 (90) over m1 (50); m0 likes e0 (90) over e1 (80). Giving e0 m1 and e1 m0 is unstable.
    const m: ScoreMatrix = { rows: 2, cols: 2, scores: Uint8Array.from([90, 50, 80, 70]), capacity: Int32Array.from([1, 1]) };
    const problem = { matrix: m, isLocked: noLocks(2) };
    expect(countBlockingPairsOf(problem, Int32Array.from([1, 0]))).toBe(1);
    expect(Array.from(stableAssignment(problem))).toEqual([0, 1]);
  });

  it("on real profiles: zero blocking pairs, and max-score's total is never lower than stable's", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = seededRandom(100 + seed);
      const problem = prepareCohort({
        mentors: Array.from({ length: 25 }, (_, i) => randomMentor(rng, `m${i}`)),
        mentees: Array.from({ length: 80 }, (_, i) => randomMentee(rng, `e${i}`)),
        settings,
        minScore: 40,
      });
      const stable = solveCohort(problem, "stable");
      const best = solveCohort(problem, "max-score");
      expect(stable.blockingPairs).toBe(0);
      expect(countBlockingPairs(problem, stable.pairs)).toBe(0);
      expect(best.totalScore).toBeGreaterThanOrEqual(stable.totalScore);
    }
  });
});

describe("cohort input, locks, exclusions and the preview", () => {
  const rng = seededRandom(5);
  const mentors: MentorProfile[] = Array.from({ length: 6 }, (_, i) => randomMentor(rng, `m${i}`, { capacity: 2 }));
  const mentees: MenteeProfile[] = Array.from({ length: 14 }, (_, i) => randomMentee(rng, `e${i}`));
  const input: CohortInput = { mentors, mentees, settings, minScore: 30 };

  for (const mode of ["max-score", "stable"] as const) {
    it(`${mode}: locked pairs are kept (even below the threshold) and take their places first`, () => {
      const plain = matchCohort(input, mode);
      const worst = [...plain.pairs].sort((a, b) => a.total - b.total)[0]!;
      // Lock the lowest-scoring mentee to some other mentor, and fill m0 with locks.
      const other = mentors.find((m) => m.userId !== worst.mentorId)!.userId;
      const locked = [
        { mentorId: other, menteeId: worst.menteeId },
        { mentorId: "m0", menteeId: "e0" === worst.menteeId ? "e1" : "e0" },
      ];
      const result = matchCohort({ ...input, locked, minScore: 99 }, mode);
      for (const lock of locked) {
        const pair = result.pairs.find((p) => p.menteeId === lock.menteeId);
        expect(pair).toMatchObject({ mentorId: lock.mentorId, isLocked: true });
      }
      for (const load of result.mentorLoad) expect(load.assigned).toBeLessThanOrEqual(load.capacity - load.activeMatches);
    });

    it(`${mode}: excluded pairs and hard-constraint pairs are never made`, () => {
      const plain = matchCohort(input, mode);
      const excluded = plain.pairs.slice(0, 5).map(({ mentorId, menteeId }) => ({ mentorId, menteeId }));
      const rules = new PairRules({ neverPair: plain.pairs.slice(5, 8).map((p) => [p.mentorId, p.menteeId] as const) });
      const result = matchCohort({ ...input, excluded, rules }, mode);
      const made = new Set(result.pairs.map((p) => `${p.mentorId}/${p.menteeId}`));
      for (const p of [...excluded, ...plain.pairs.slice(5, 8)]) expect(made.has(`${p.mentorId}/${p.menteeId}`)).toBe(false);
    });
  }

  it("explains every pair and every unmatched mentee, with average, lowest score and mentor load", () => {
    const result = matchCohort({ ...input, mentees: [...mentees, { ...mentees[0]!, userId: "pending", isApproved: false }] }, "max-score");
    expect(result.pairs.length + result.unmatched.length).toBe(15);
    for (const p of result.pairs) {
      expect(p.total).toBeGreaterThanOrEqual(30);
      expect(p.breakdown.reduce((s, b) => s + b.points, 0)).toBe(p.total);
      expect(p.reasons.length).toBeGreaterThan(0);
    }
    expect(result.totalScore).toBe(result.pairs.reduce((s, p) => s + p.total, 0));
    expect(result.averageScore).toBeCloseTo(result.totalScore / result.pairs.length, 1);
    expect(result.lowestScore).toBe(Math.min(...result.pairs.map((p) => p.total)));
    expect(result.unmatched.find((u) => u.menteeId === "pending")?.reason).toBe("mentee-not-approved");
    expect(result.mentorLoad.reduce((s, l) => s + l.assigned, 0)).toBe(result.pairs.length);
    expect(result.certificate?.dual).toBe(result.certificate?.primal);
  });

  it("tells 'no eligible mentor' apart from 'all eligible mentors full'", () => {
    const twin = (id: string): MenteeProfile => ({ ...mentees[0]!, userId: id });
    const one = { ...mentors[0]!, capacity: 1, activeMatches: 0 };
    const high = matchCohort({ mentors: [one], mentees: [twin("a"), twin("b")], settings, minScore: 0 }, "max-score");
    expect(high.pairs).toHaveLength(1);
    expect(high.unmatched).toEqual([
      { menteeId: "b", reason: "all-eligible-mentors-full", message: "The 1 mentor scoring at least 0 is full." },
    ]);
    const none = matchCohort({ mentors: [one], mentees: [twin("a")], settings, minScore: 101 }, "stable");
    expect(none.unmatched[0]?.reason).toBe("no-eligible-mentor");
    expect(none.averageScore).toBeNull();
  });

  it("gives the same result whatever order mentors and mentees arrive in", () => {
    const a = matchCohort(input, "max-score");
    const b = matchCohort({ ...input, mentors: [...mentors].reverse(), mentees: [...mentees].reverse() }, "max-score");
    expect(b.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual(a.pairs.map((p) => [p.menteeId, p.mentorId]));
  });

  it("rejects contradictory or unknown locks and exclusions with VALIDATION errors", () => {
    const attempt = (extra: Partial<CohortInput>) => () => prepareCohort({ ...input, ...extra });
    expect(attempt({ locked: [{ mentorId: "nobody", menteeId: "e0" }] })).toThrow(/not in this cohort/);
    expect(attempt({ excluded: [{ mentorId: "m0", menteeId: "nobody" }] })).toThrow(/not in this cohort/);
    expect(
      attempt({
        locked: [
          { mentorId: "m0", menteeId: "e0" },
          { mentorId: "m1", menteeId: "e0" },
        ],
      }),
    ).toThrow(/more than one mentor/);
    expect(attempt({ locked: [{ mentorId: "m0", menteeId: "e0" }], excluded: [{ mentorId: "m0", menteeId: "e0" }] })).toThrow(
      /both locked and excluded/,
    );
    expect(attempt({ locked: ["e0", "e1", "e2"].map((menteeId) => ({ mentorId: "m0", menteeId })) })).toThrow(/free places/);
    expect(attempt({ locked: [{ mentorId: "m0", menteeId: "e0" }], rules: new PairRules({ neverPair: [["m0", "e0"]] }) })).toThrow(
      /never paired/,
    );
    expect(attempt({ mentees: [...mentees, mentees[0]!] })).toThrow(AppError);
  });
});
