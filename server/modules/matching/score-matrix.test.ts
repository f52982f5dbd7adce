import { describe, expect, it } from "vitest";
import { seededRandom } from "../../test-support/matching-profiles";
import { NOT_ALLOWED, nextChoices, type ScoreMatrix } from "./score-matrix";

/** Every allowed column of a row with capacity, by score descending then rank, the order nextChoices must follow. */
function allChoices(m: ScoreMatrix, row: number, rotation: number): number[] {
  const cols = [...Array(m.cols).keys()].filter((c) => m.scores[row * m.cols + c] !== NOT_ALLOWED && m.capacity[c]! > 0);
  const rank = (c: number) => (c - rotation + m.cols) % m.cols;
  return cols.sort((a, b) => m.scores[row * m.cols + b]! - m.scores[row * m.cols + a]! || rank(a) - rank(b));
}

describe("nextChoices", () => {
  it("walks a row chunk by chunk in score order, ties by rank, skipping pairs not allowed and full mentors", () => {
    const rng = seededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const cols = 1 + Math.floor(rng() * 40);
      const m: ScoreMatrix = {
        rows: 1,
        cols,
        scores: Uint8Array.from({ length: cols }, () => (rng() < 0.2 ? NOT_ALLOWED : Math.floor(rng() * 5) * 25)),
        capacity: Int32Array.from({ length: cols }, () => (rng() < 0.1 ? 0 : 1)),
      };
      const rotation = Math.floor(rng() * cols);
      const chunk = 1 + Math.floor(rng() * 6);
      const outCols = new Int32Array(chunk);
      const outScores = new Int32Array(chunk);
      const walked: number[] = [];
      let afterScore = Number.POSITIVE_INFINITY;
      let afterRank = -1;
      for (;;) {
        const got = nextChoices(m, 0, chunk, afterScore, afterRank, rotation, outCols, outScores);
        if (got === 0) break;
        for (let k = 0; k < got; k++) {
          expect(outScores[k]).toBe(m.scores[outCols[k]!]);
          walked.push(outCols[k]!);
        }
        afterScore = outScores[got - 1]!;
        afterRank = (outCols[got - 1]! - rotation + cols) % cols;
      }
      expect(walked).toEqual(allChoices(m, 0, rotation));
    }
  });
});
