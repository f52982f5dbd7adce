/**
 * Maximum-score assignment of mentees to mentors with capacities, solved exactly.
 *
 * Objective: maximise the total score of the pairs made; among assignments with that total, match the most
 * mentees. Both at once through one integer weight per allowed pair, W = score * (rows + 1) + 1: at most `rows`
 * pairs are made, so the "+1"s can never outweigh one point of score.
 *
 * Method: min-cost flow by successive shortest paths (Dijkstra on reduced costs with node potentials), one
 * augmentation per mentee, on a SPARSE set of candidate pairs (each mentee's best K mentors). Every mentee
 * may also route to the sink unmatched at cost 0, so a path can end at a mentor with a free place, or by
 * pushing out a mentee who is then left unmatched, or by leaving the new mentee unmatched.
 *
 * Why cutting edges does not cost optimality: the potentials give a dual solution (u per mentee, v per mentor)
 * of the LP  max sum W x  s.t. each mentee <= 1, each mentor <= capacity, x >= 0 , whose optimum is integral
 * (bipartite b-matching). After solving on the candidates we check EVERY allowed pair of the full matrix:
 * u_i + v_j >= W_ij, and sum u + sum capacity * v == the assignment's total weight. When both hold, weak duality
 * proves no assignment over the full set of pairs does better. Pairs that fail the check are added to the
 * candidates and the problem is solved again (column generation), so the loop ends with the true optimum of
 * the full problem; in the worst case every allowed pair becomes a candidate.
 */
import { NOT_ALLOWED, nextChoices, type ScoreMatrix } from "./score-matrix";

export interface MaxScoreOptions {
  /** Rows to leave out (locked elsewhere): they stay unassigned and take no place. */
  skipRow?: Uint8Array;
  /** Candidate mentors per mentee in the first round (default 12). Smaller only means more rounds, never a worse answer. */
  candidatesPerMentee?: number;
}

export interface OptimalityCertificate {
  /** Total weight of the assignment (score * (rows + 1) + 1 per pair). */
  primal: number;
  /** Value of the verified dual solution; equal to `primal`, which proves optimality. */
  dual: number;
  /** Solve-and-check rounds; each round after the first added the pairs the check found. */
  rounds: number;
  /** Candidate pairs in the last round, against all allowed pairs. */
  candidatePairs: number;
  allowedPairs: number;
}

export interface MaxScoreAssignment {
  /** Mentor column per row, or -1. */
  assignment: Int32Array;
  certificate: OptimalityCertificate;
}

const DEFAULT_CANDIDATES = 12;

export function solveMaxScore(matrix: ScoreMatrix, options: MaxScoreOptions = {}): MaxScoreAssignment {
  const { rows, cols, scores, capacity } = matrix;
  const k = Math.max(1, Math.min(cols, options.candidatesPerMentee ?? DEFAULT_CANDIDATES));
  const skipRow = options.skipRow ?? new Uint8Array(rows);
  const scale = rows + 1;

  // Candidate lists per row, grown between rounds. Rotating ties by row spreads equally scored mentors
  // across mentees, so the first round rarely needs a second.
  const candidates: number[][] = [];
  const colsBuf = new Int32Array(k);
  const scoresBuf = new Int32Array(k);
  let allowedPairs = 0;
  for (let row = 0; row < rows; row++) {
    if (skipRow[row] === 1) {
      candidates.push([]);
      continue;
    }
    const got = nextChoices(matrix, row, k, Number.POSITIVE_INFINITY, -1, (row * 7919) % Math.max(1, cols), colsBuf, scoresBuf);
    candidates.push(Array.from(colsBuf.subarray(0, got)));
    const base = row * cols;
    for (let col = 0; col < cols; col++) if (scores[base + col] !== NOT_ALLOWED && capacity[col]! > 0) allowedPairs++;
  }

  for (let round = 1; ; round++) {
    const flow = successiveShortestPaths(matrix, candidates, scale);
    // Dual values from the potentials (the sink's potential is 0 throughout).
    const u = new Float64Array(rows);
    const v = new Float64Array(cols);
    for (let row = 0; row < rows; row++) u[row] = Math.max(0, flow.potential[row]!);
    for (let col = 0; col < cols; col++) v[col] = capacity[col]! > 0 ? Math.max(0, -flow.potential[rows + col]!) : 0;
    let dual = 0;
    for (let row = 0; row < rows; row++) dual += u[row]!;
    for (let col = 0; col < cols; col++) dual += capacity[col]! * v[col]!;
    if (dual !== flow.primal) {
      throw new Error(`max-score assignment: dual ${dual} != primal ${flow.primal}; complementary slackness broken`);
    }

    let violations = 0;
    let candidatePairs = 0;
    for (let row = 0; row < rows; row++) {
      if (skipRow[row] === 1) continue;
      const base = row * cols;
      const ur = u[row]!;
      let added: Array<[number, number]> | null = null;
      for (let col = 0; col < cols; col++) {
        const s = scores[base + col]!;
        if (s === NOT_ALLOWED || capacity[col] === 0) continue;
        const w = s * scale + 1;
        if (w > ur + v[col]!) {
          added ??= [];
          added.push([w - v[col]!, col]);
        }
      }
      if (added) {
        violations += added.length;
        // The most attractive pairs at the current mentor prices first; a capped batch keeps rounds light.
        added.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        const list = candidates[row]!;
        for (const [, col] of added.slice(0, k)) list.push(col);
      }
      candidatePairs += candidates[row]!.length;
    }
    if (violations === 0) {
      return {
        assignment: flow.assignment,
        certificate: { primal: flow.primal, dual, rounds: round, candidatePairs, allowedPairs },
      };
    }
  }
}

interface FlowResult {
  assignment: Int32Array;
  potential: Float64Array;
  primal: number;
}

/**
 * Nodes: rows 0..rows-1, mentors rows..rows+cols-1, sink T. Arcs: row -> mentor (cost -W, one unit),
 * row -> T (cost 0: stay unmatched), mentor -> T (cost 0, capacity places). Reduced cost of an arc a -> b is
 * cost + h[a] - h[b] and stays >= 0 for every arc with room left, which is what lets Dijkstra run.
 */
function successiveShortestPaths(matrix: ScoreMatrix, candidates: readonly number[][], scale: number): FlowResult {
  const { rows, cols, scores, capacity } = matrix;
  const sink = rows + cols;
  const nodeCount = rows + cols + 1;

  let edges = 0;
  for (const list of candidates) edges += list.length;
  const start = new Int32Array(rows + 1);
  const candCol = new Int32Array(edges);
  const candW = new Float64Array(edges);
  const h = new Float64Array(nodeCount);
  for (let row = 0, e = 0; row < rows; row++) {
    let best = 0;
    for (const col of candidates[row]!) {
      const w = scores[row * cols + col]! * scale + 1;
      candCol[e] = col;
      candW[e++] = w;
      if (w > best) best = w;
    }
    start[row + 1] = e;
    // Initial potentials: row -> mentor arcs need h[row] >= W, mentors and the sink start at 0.
    h[row] = best;
  }

  // Places of mentor c are slot[slotStart[c] .. slotStart[c] + used[c]).
  const slotStart = new Int32Array(cols + 1);
  for (let col = 0; col < cols; col++) slotStart[col + 1] = slotStart[col]! + capacity[col]!;
  const slot = new Int32Array(slotStart[cols]!);
  const used = new Int32Array(cols);
  const slotOf = new Int32Array(rows);
  const assignment = new Int32Array(rows).fill(-1);
  const assignedW = new Float64Array(rows);

  const attach = (row: number, col: number, w: number) => {
    const at = slotStart[col]! + used[col]!++;
    slot[at] = row;
    slotOf[row] = at;
    assignment[row] = col;
    assignedW[row] = w;
  };
  const detach = (row: number) => {
    const col = assignment[row]!;
    const last = slotStart[col]! + --used[col]!;
    const moved = slot[last]!;
    slot[slotOf[row]!] = moved;
    slotOf[moved] = slotOf[row]!;
    assignment[row] = -1;
  };

  const dist = new Float64Array(nodeCount);
  const seen = new Int32Array(nodeCount);
  const settled = new Int32Array(nodeCount);
  const pred = new Int32Array(nodeCount);
  const predW = new Float64Array(nodeCount);
  const visited = new Int32Array(nodeCount);
  const heap = new MinHeap(1024);

  for (let source = 0; source < rows; source++) {
    if (start[source] === start[source + 1]) continue;
    const gen = source + 1;
    heap.clear();
    dist[source] = 0;
    seen[source] = gen;
    heap.push(0, source);
    let visitedCount = 0;
    let reach = 0;
    const relax = (node: number, d: number, from: number, w: number) => {
      if (settled[node] === gen || (seen[node] === gen && d >= dist[node]!)) return;
      seen[node] = gen;
      dist[node] = d;
      pred[node] = from;
      predW[node] = w;
      heap.push(d, node);
    };
    while (heap.size > 0) {
      const node = heap.popNode();
      if (settled[node] === gen) continue;
      settled[node] = gen;
      visited[visitedCount++] = node;
      const d = dist[node]!;
      if (node === sink) {
        reach = d;
        break;
      }
      const hn = h[node]!;
      if (node < rows) {
        const current = assignment[node]!;
        for (let e = start[node]!, end = start[node + 1]!; e < end; e++) {
          const col = candCol[e]!;
          if (col === current || capacity[col] === 0) continue;
          const target = rows + col;
          relax(target, d + hn - candW[e]! - h[target]!, node, candW[e]!);
        }
        relax(sink, d + hn - h[sink]!, node, 0);
      } else {
        const col = node - rows;
        if (used[col]! < capacity[col]!) relax(sink, d + hn - h[sink]!, node, 0);
        for (let at = slotStart[col]!, end = at + used[col]!; at < end; at++) {
          const row = slot[at]!;
          relax(row, d + assignedW[row]! + hn - h[row]!, node, 0);
        }
      }
    }
    // Early-stopped Dijkstra: nodes settled closer than the sink move by their distance, others by `reach`;
    // shifting everyone by -reach keeps reduced costs and leaves untouched nodes as they are.
    for (let k = 0; k < visitedCount; k++) {
      const node = visited[k]!;
      if (dist[node]! < reach) h[node] = h[node]! - (reach - dist[node]!);
    }

    // Walk the path back from the sink, shifting each mentee one mentor along it.
    const last = pred[sink]!;
    let col: number;
    if (last < rows) {
      if (last === source) continue;
      col = assignment[last]!;
      detach(last);
    } else {
      col = last - rows;
    }
    for (;;) {
      const node = rows + col;
      const row = pred[node]!;
      const previous = assignment[row]!;
      if (previous >= 0) detach(row);
      attach(row, col, predW[node]!);
      if (row === source) break;
      col = previous;
    }
  }

  let primal = 0;
  for (let row = 0; row < rows; row++) if (assignment[row]! >= 0) primal += assignedW[row]!;
  return { assignment, potential: h, primal };
}

/** Binary min-heap of (key, node) in typed arrays; stale entries are skipped by the caller. */
class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }

  clear() {
    this.size = 0;
  }

  push(key: number, node: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.nodes[i] = this.nodes[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  popNode(): number {
    const top = this.nodes[0]!;
    const key = this.keys[--this.size]!;
    const node = this.nodes[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.nodes[i] = this.nodes[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
}
