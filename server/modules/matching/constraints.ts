/**
 * Hard constraints: pairs that are never suggested or matched whatever their score. The single-pair check
 * (`findExclusion`) is the definition; suggestion and cohort code use the same rules through per-mentee
 * lookups so they do not build a string key for every one of millions of pairs.
 */
import type { MenteeProfile, MentorProfile, PairRef } from "./matching.types";

export const exclusionCodes = [
  "same-person",
  "mentor-not-approved",
  "mentee-not-approved",
  "mentor-at-capacity",
  "never-pair",
  "declined-before",
] as const;
export type ExclusionCode = (typeof exclusionCodes)[number];

export interface Exclusion {
  code: ExclusionCode;
  message: string;
}

export interface PairRulesInput {
  /** Pairs where a request was declined (by either side): not offered again. */
  declined?: readonly PairRef[];
  /** Coordinator "never pair these two" rules, in either order. */
  neverPair?: readonly (readonly [string, string])[];
}

const key = (a: string, b: string) => `${a}\n${b}`;

/** The pair rules of one program, indexed both ways: by pair, and by mentee for bulk scoring. */
export class PairRules {
  private readonly declined = new Set<string>();
  private readonly neverPair = new Set<string>();
  private readonly blockedByMentee = new Map<string, string[]>();

  static readonly none = new PairRules({});

  constructor(input: PairRulesInput) {
    for (const { mentorId, menteeId } of input.declined ?? []) {
      this.declined.add(key(mentorId, menteeId));
      this.block(menteeId, mentorId);
    }
    for (const [a, b] of input.neverPair ?? []) {
      this.neverPair.add(key(a, b));
      this.neverPair.add(key(b, a));
      this.block(a, b);
      this.block(b, a);
    }
  }

  private block(menteeId: string, mentorId: string) {
    const list = this.blockedByMentee.get(menteeId);
    if (list) list.push(mentorId);
    else this.blockedByMentee.set(menteeId, [mentorId]);
  }

  isDeclined(mentorId: string, menteeId: string): boolean {
    return this.declined.has(key(mentorId, menteeId));
  }

  isNeverPair(mentorId: string, menteeId: string): boolean {
    return this.neverPair.has(key(mentorId, menteeId));
  }

  /** Mentor user ids this mentee may never be paired with (declined or never-pair); may repeat. */
  blockedMentorsOf(menteeId: string): readonly string[] {
    return this.blockedByMentee.get(menteeId) ?? [];
  }
}

export function spareCapacity(mentor: Pick<MentorProfile, "capacity" | "activeMatches">): number {
  return Math.max(0, mentor.capacity - mentor.activeMatches);
}

/** Why this pair may not be matched, or null when it may. The first reason that applies wins. */
export function findExclusion(mentor: MentorProfile, mentee: MenteeProfile, rules: PairRules): Exclusion | null {
  if (mentor.userId === mentee.userId) return { code: "same-person", message: "Nobody can mentor themselves." };
  if (!mentor.isApproved) return { code: "mentor-not-approved", message: "The mentor is not approved in this program yet." };
  if (!mentee.isApproved) return { code: "mentee-not-approved", message: "The mentee is not approved in this program yet." };
  if (spareCapacity(mentor) === 0) return { code: "mentor-at-capacity", message: "The mentor has no free places." };
  if (rules.isNeverPair(mentor.userId, mentee.userId)) {
    return { code: "never-pair", message: "A coordinator ruled that these two are never paired." };
  }
  if (rules.isDeclined(mentor.userId, mentee.userId)) {
    return { code: "declined-before", message: "A request between these two was declined before." };
  }
  return null;
}
