/**
 * Maximum-score assignment of mentees to mentors with capacities, solved exactly.
 *
 * Objective: maximise the total score of the pairs made; among assignments with that total, match the most
 * mentees. Both at once through one integer weight per allowed pair, W = score * (rows + 1) + 1: at most `rows`
 * pairs are made, so the "+1"s can never outweigh one point of score.
 *
 * Method: min-cost flow by successive shortest paths in primal-dual batches (Dijkstra on reduced costs with
 * node potentials, then every zero-reduced-cost augmenting path a depth-first search finds), on a SPARSE set of
 * candidate pairs (each mentee's best K mentors). A path can end at a mentor with a free place or by pushing
 * out a mentee who is then left unmatched; it stops when no path gains anything.
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
/** Score points below "attractive at current prices" within which a pair is added anyway (see the pricing loop). */
const PRICING_SLACK = 10;

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

  const isCandidate = new Int32Array(cols);
  const slack = PRICING_SLACK * scale;
  for (let round = 1; ; round++) {
    const flow = primalDual(matrix, candidates, scale);
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
      const list = candidates[row]!;
      let rowViolations = 0;
      for (let col = 0; col < cols; col++) {
        const s = scores[base + col]!;
        if (s !== NOT_ALLOWED && capacity[col] !== 0 && s * scale + 1 > ur + v[col]!) rowViolations++;
      }
      if (rowViolations > 0) {
        violations += rowViolations;
        // Adding pairs moves the prices, so take the nearly attractive ones too (within PRICING_SLACK points):
        // it cuts the number of rounds. Best reduced profit first, a capped batch per mentee.
        for (const col of list) isCandidate[col] = row + 1;
        const added: Array<[number, number]> = [];
        for (let col = 0; col < cols; col++) {
          const s = scores[base + col]!;
          if (s === NOT_ALLOWED || capacity[col] === 0 || isCandidate[col] === row + 1) continue;
          const w = s * scale + 1;
          if (w + slack > ur + v[col]!) added.push([w - v[col]!, col]);
        }
        added.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        for (const [, col] of added.slice(0, 2 * k)) list.push(col);
      }
      candidatePairs += list.length;
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
 * Nodes: rows 0..rows-1, mentors rows..rows+cols-1, sink T, and a virtual source S with an arc to every mentee
 * not yet placed. Arcs: row -> mentor (cost -W, one unit), row -> T (cost 0: stay unmatched), mentor -> T
 * (cost 0, capacity places). Reduced cost of an arc a -> b is cost + h[a] - h[b], kept >= 0 on every arc with
 * room left, which is what lets Dijkstra run.
 *
 * Primal-dual: each phase runs one Dijkstra from S (all waiting mentees at once) to price the shortest
 * augmenting path, then augments along as many zero-reduced-cost paths as a depth-first search finds. Every
 * such path is a shortest path, so this is successive shortest paths done in batches. A path's cost is
 * -(score gained * (rows + 1) + 1 if one more mentee is matched), so there are at most ~202 distinct path costs
 * and phases are few. It stops when the cheapest path no longer gains anything (cost 0).
 */
function primalDual(matrix: ScoreMatrix, candidates: readonly number[][], scale: number): FlowResult {
  const { rows, cols, scores, capacity } = matrix;
  const sink = rows + cols;
  const nodeCount = rows + cols + 1;

  let edges = 0;
  for (const list of candidates) edges += list.length;
  const start = new Int32Array(rows + 1);
  const candCol = new Int32Array(edges);
  const candW = new Float64Array(edges);
  const h = new Float64Array(nodeCount);
  const waiting: number[] = [];
  for (let row = 0, e = 0; row < rows; row++) {
    let best = 0;
    for (const col of candidates[row]!) {
      const w = scores[row * cols + col]! * scale + 1;
      candCol[e] = col;
      candW[e++] = w;
      if (w > best) best = w;
    }
    start[row + 1] = e;
    // Initial potentials: row -> mentor arcs need h[row] >= W; mentors and the sink start at 0.
    h[row] = best;
    if (best > 0) waiting.push(row);
  }
  let hSource = 0;
  for (const row of waiting) hSource = Math.max(hSource, h[row]!);

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
  const visited = new Int32Array(nodeCount);
  const heap = new MinHeap(Math.max(1024, rows));
  // Depth-first search state: per-pass marks, the next arc to try per node, the candidate used into a mentor.
  const onPass = new Int32Array(nodeCount);
  const nextArc = new Int32Array(nodeCount);
  const arcPass = new Int32Array(nodeCount);
  const viaEdge = new Int32Array(nodeCount);
  const stack = new Int32Array(nodeCount);

  for (let phase = 1; ; phase++) {
    let kept = 0;
    for (const row of waiting) if (assignment[row]! < 0) waiting[kept++] = row;
    waiting.length = kept;
    if (kept === 0) break;

    heap.clear();
    for (const row of waiting) {
      const d = hSource - h[row]!;
      dist[row] = d;
      seen[row] = phase;
      heap.push(d, row);
    }
    let visitedCount = 0;
    let reach = Number.POSITIVE_INFINITY;
    while (heap.size > 0) {
      const node = heap.popNode();
      if (settled[node] === phase) continue;
      settled[node] = phase;
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
          const nd = d + hn - candW[e]! - h[target]!;
          if (settled[target] !== phase && (seen[target] !== phase || nd < dist[target]!)) {
            seen[target] = phase;
            dist[target] = nd;
            heap.push(nd, target);
          }
        }
        const nd = d + hn - h[sink]!;
        if (seen[sink] !== phase || nd < dist[sink]!) {
          seen[sink] = phase;
          dist[sink] = nd;
          heap.push(nd, sink);
        }
      } else {
        const col = node - rows;
        if (used[col]! < capacity[col]!) {
          const nd = d + hn - h[sink]!;
          if (seen[sink] !== phase || nd < dist[sink]!) {
            seen[sink] = phase;
            dist[sink] = nd;
            heap.push(nd, sink);
          }
        }
        for (let at = slotStart[col]!, end = at + used[col]!; at < end; at++) {
          const row = slot[at]!;
          const nd = d + assignedW[row]! + hn - h[row]!;
          if (settled[row] !== phase && (seen[row] !== phase || nd < dist[row]!)) {
            seen[row] = phase;
            dist[row] = nd;
            heap.push(nd, row);
          }
        }
      }
    }
    // Early-stopped Dijkstra: nodes settled closer than the sink move by their distance, the rest by `reach`;
    // shifting everyone by -reach keeps reduced costs and leaves unvisited nodes untouched.
    for (let k = 0; k < visitedCount; k++) {
      const node = visited[k]!;
      if (dist[node]! < reach) h[node] = h[node]! - (reach - dist[node]!);
    }
    const gain = hSource - reach;
    hSource -= reach;
    // The cheapest way to place one more mentee costs -gain; at 0 nothing improves (and the waiting mentees
    // now have h <= 0, which the dual read-out relies on).
    if (gain <= 0) break;

    // Augment along zero-reduced-cost paths from waiting mentees whose source arc is tight.
    for (const source of waiting) {
      if (assignment[source]! >= 0 || hSource - h[source]! !== 0) continue;
      let depth = 0;
      stack[depth++] = source;
      onPass[source] = phase;
      let found = false;
      while (depth > 0 && !found) {
        const node = stack[depth - 1]!;
        if (arcPass[node] !== phase) {
          arcPass[node] = phase;
          nextArc[node] = node < rows ? start[node]! : -1;
        }
        let next = -1;
        const hn = h[node]!;
        if (node < rows) {
          const current = assignment[node]!;
          for (let e = nextArc[node]!, end = start[node + 1]!; e < end && next < 0; e++) {
            nextArc[node] = e + 1;
            const col = candCol[e]!;
            const target = rows + col;
            if (col === current || capacity[col] === 0 || onPass[target] === phase) continue;
            if (hn - candW[e]! - h[target]! === 0) {
              next = target;
              viaEdge[target] = e;
            }
          }
          if (next < 0 && current >= 0 && hn - h[sink]! === 0) found = true;
        } else {
          const col = node - rows;
          if (nextArc[node] === -1) {
            nextArc[node] = 0;
            if (used[col]! < capacity[col]! && hn - h[sink]! === 0) found = true;
          }
          for (let k = nextArc[node]!; !found && k < used[col]! && next < 0; k++) {
            nextArc[node] = k + 1;
            const row = slot[slotStart[col]! + k]!;
            if (onPass[row] !== phase && assignedW[row]! + hn - h[row]! === 0) next = row;
          }
        }
        if (found) break;
        if (next >= 0) {
          onPass[next] = phase;
          stack[depth++] = next;
        } else {
          depth--;
        }
      }
      if (!found) continue;
      // stack: source, mentor, mentee, mentor, ... ending at a mentor with room or a mentee who drops out.
      let top = depth - 1;
      if (stack[top]! < rows) {
        detach(stack[top]!);
        top--;
      }
      for (; top > 0; top -= 2) {
        const target = stack[top]!;
        const row = stack[top - 1]!;
        if (assignment[row]! >= 0) detach(row);
        attach(row, target - rows, candW[viaEdge[target]!]!);
      }
      // Nodes on a successful path are still useful to later searches in this pass.
      for (let k = 1; k < depth; k++) onPass[stack[k]!] = 0;
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
