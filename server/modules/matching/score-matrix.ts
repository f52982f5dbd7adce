/**
 * A cohort's scores as one byte per (mentee, mentor): 0-100, or NOT_ALLOWED for pairs that may not be matched
 * (below the threshold, excluded, hard constraint). 10,000 x 2,000 is 20 MB, small enough to keep whole, and
 * both cohort solvers and the blocking-pair count read it row by row.
 */
export const NOT_ALLOWED = 255;

export interface ScoreMatrix {
  /** Mentees. */
  rows: number;
  /** Mentors. */
  cols: number;
  /** scores[row * cols + col] */
  scores: Uint8Array;
  /** Places each mentor can take in this run; 0 means the mentor takes nobody. */
  capacity: Int32Array;
}

const SCORE_LEVELS = 101;

/**
 * Up to `limit` allowed mentors of row `row` with capacity, strictly after the cursor (`afterScore`,
 * `afterRank`) in the order score descending, then rank ascending, where a mentor's rank is
 * (col - rotation) mod cols. Pass afterScore = Infinity to start. Writes columns to `outCols` and scores to
 * `outScores`, returns how many. Two passes over the row and no sort of the whole row.
 */
export function nextChoices(
  matrix: ScoreMatrix,
  row: number,
  limit: number,
  afterScore: number,
  afterRank: number,
  rotation: number,
  outCols: Int32Array,
  outScores: Int32Array,
): number {
  const { cols, scores, capacity } = matrix;
  const base = row * cols;
  const histogram = new Int32Array(SCORE_LEVELS);
  for (let col = 0; col < cols; col++) {
    const s = scores[base + col]!;
    if (s === NOT_ALLOWED || s > afterScore || capacity[col] === 0) continue;
    if (s === afterScore) {
      let rank = col - rotation;
      if (rank < 0) rank += cols;
      if (rank <= afterRank) continue;
    }
    histogram[s]!++;
  }
  // The lowest score still taken: everything above it fits, and the cutoff level is filled in rank order.
  let cutoff = SCORE_LEVELS - 1;
  let above = 0;
  while (cutoff > 0 && above + histogram[cutoff]! < limit) above += histogram[cutoff--]!;
  let atCutoffQuota = limit - above;
  const keys: number[] = [];
  for (let rank = 0; rank < cols; rank++) {
    let col = rank + rotation;
    if (col >= cols) col -= cols;
    const s = scores[base + col]!;
    if (s === NOT_ALLOWED || s < cutoff || s > afterScore || capacity[col] === 0) continue;
    if (s === afterScore && rank <= afterRank) continue;
    if (s === cutoff) {
      if (atCutoffQuota === 0) continue;
      atCutoffQuota--;
    }
    keys.push((NOT_ALLOWED - s) * cols + rank);
  }
  keys.sort((a, b) => a - b);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const rank = key % cols;
    let col = rank + rotation;
    if (col >= cols) col -= cols;
    outCols[k] = col;
    outScores[k] = NOT_ALLOWED - (key - rank) / cols;
  }
  return keys.length;
}
