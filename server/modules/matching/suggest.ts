/**
 * Top-N mentor suggestions for one mentee. The pool is prepared once per program (see MentorPool); a request
 * then costs one pass over the mentors with integer arithmetic, keeping the best N in a small sorted buffer,
 * and builds breakdowns and reasons only for those N.
 */
import { PairRules } from "./constraints";
import type { MenteeProfile } from "./matching.types";
import type { MatchScorer, ScoreExplanation } from "./score";

export const DEFAULT_SUGGESTIONS = 3;

export interface SuggestOptions {
  /** How many suggestions at most (default 3). */
  limit?: number;
  /** Scores below this are never suggested (default 0). */
  minScore?: number;
  rules?: PairRules;
}

export interface Suggestion extends ScoreExplanation {
  mentorId: string;
}

/**
 * The best mentors for `mentee`, best first; equal scores are ordered by mentor id so the answer does not
 * depend on the order mentors were loaded in. Pairs that break a hard constraint are never returned.
 */
export function suggestMentors(scorer: MatchScorer, mentee: MenteeProfile, options: SuggestOptions = {}): Suggestion[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SUGGESTIONS));
  const minScore = options.minScore ?? 0;
  const rules = options.rules ?? PairRules.none;
  const pool = scorer.pool;
  if (limit === 0 || !mentee.isApproved) return [];

  const blocked = new Uint8Array(pool.count);
  const self = pool.indexById.get(mentee.userId);
  if (self !== undefined) blocked[self] = 1;
  for (const mentorId of rules.blockedMentorsOf(mentee.userId)) {
    const j = pool.indexById.get(mentorId);
    if (j !== undefined) blocked[j] = 1;
  }

  scorer.use(scorer.prepare(mentee));
  const scores = new Int32Array(pool.count);
  scorer.scoreAll(scores);
  const topIndex = new Int32Array(limit);
  const topScore = new Int32Array(limit);
  let size = 0;
  const ids = pool.ids;
  for (let j = 0; j < pool.count; j++) {
    if (pool.isOpen[j] === 0 || blocked[j] === 1) continue;
    const score = scores[j]!;
    if (score < minScore) continue;
    if (size === limit) {
      const worst = topScore[limit - 1]!;
      if (score < worst || (score === worst && ids[j]! >= ids[topIndex[limit - 1]!]!)) continue;
    } else {
      size++;
    }
    let k = size - 1;
    while (k > 0 && (topScore[k - 1]! < score || (topScore[k - 1] === score && ids[topIndex[k - 1]!]! > ids[j]!))) {
      topScore[k] = topScore[k - 1]!;
      topIndex[k] = topIndex[k - 1]!;
      k--;
    }
    topScore[k] = score;
    topIndex[k] = j;
  }

  const out: Suggestion[] = [];
  for (let k = 0; k < size; k++) out.push({ mentorId: ids[topIndex[k]!]!, ...scorer.explain(topIndex[k]!) });
  return out;
}
