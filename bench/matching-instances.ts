/** The matching benchmark's seeded instances, shared by bench/matching.ts and the LP child (bench/matching-lp.ts). */
import { Temporal } from "temporal-polyfill";
import type { MenteeProfile, MentorProfile } from "../server/modules/matching/matching.types";
import { defaultWeights, type ScoreSettings } from "../server/modules/matching/score";
import { randomMentee, randomMentor, seededRandom } from "../server/test-support/matching-profiles";

export const weekStart = Temporal.Instant.from("2026-05-04T00:00:00Z");
export const settings: ScoreSettings = { weights: defaultWeights, weekStart };
export const MIN_SCORE = 40;

/** The same people for the same seed and sizes, on every machine. */
export function cohortPeople(seed: number, mentorCount: number, menteeCount: number, capacity?: number) {
  const rng = seededRandom(seed);
  const pad = (i: number) => String(i).padStart(6, "0");
  const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, i) => randomMentor(rng, `mentor-${pad(i)}`, { capacity }));
  const mentees: MenteeProfile[] = Array.from({ length: menteeCount }, (_, i) => randomMentee(rng, `mentee-${pad(i)}`));
  return { mentors, mentees };
}
