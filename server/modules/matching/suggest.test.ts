import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { randomMentee, randomMentor, seededRandom } from "../../test-support/matching-profiles";
import { findExclusion, PairRules } from "./constraints";
import type { MenteeProfile, MentorProfile } from "./matching.types";
import { defaultWeights, MatchScorer, MentorPool, type ScoreSettings, scorePair } from "./score";
import { suggestMentors } from "./suggest";

const weekStart = Temporal.Instant.from("2026-05-04T00:00:00Z");
const settings: ScoreSettings = { weights: defaultWeights, weekStart };

const base: MentorProfile = {
  userId: "m",
  isApproved: true,
  skills: ["TypeScript"],
  timeZone: "UTC",
  availability: [{ weekday: 1, start: "18:00", end: "20:00" }],
  communication: ["video"],
  capacity: 2,
  activeMatches: 0,
};
const mentee: MenteeProfile = {
  userId: "e",
  isApproved: true,
  skillsWanted: ["TS"],
  timeZone: "UTC",
  availability: [{ weekday: 1, start: "18:00", end: "20:00" }],
  communication: ["video"],
};
const suggest = (mentors: MentorProfile[], options: Parameters<typeof suggestMentors>[2] = {}, who = mentee) =>
  suggestMentors(new MatchScorer(new MentorPool(mentors, weekStart), settings), who, options);

describe("suggestMentors", () => {
  it("returns the best three by default, best first, equal scores by mentor id", () => {
    const mentors = [
      { ...base, userId: "d", skills: [] },
      { ...base, userId: "c" },
      { ...base, userId: "a" },
      { ...base, userId: "b", communication: ["chat" as const] },
    ];
    const result = suggest(mentors);
    expect(result.map((s) => [s.mentorId, s.total])).toEqual([
      ["a", 100],
      ["c", 100],
      ["b", 90],
    ]);
    expect(result[0]?.reasons[0]).toBe("Knows TypeScript, which you want to learn");
  });

  it("honours the limit and the minimum score", () => {
    const mentors = [
      { ...base, userId: "a" },
      { ...base, userId: "b", skills: [] },
    ];
    expect(suggest(mentors, { limit: 1 }).map((s) => s.mentorId)).toEqual(["a"]);
    expect(suggest(mentors, { minScore: 41 }).map((s) => s.mentorId)).toEqual(["a"]);
    expect(suggest(mentors, { minScore: 40 }).map((s) => s.mentorId)).toEqual(["a", "b"]);
    expect(suggest(mentors, { limit: 0 })).toEqual([]);
  });

  it("never suggests a mentor at capacity, not approved, the mentee themselves, a declined or never-pair mentor", () => {
    const mentors = [
      { ...base, userId: "full", activeMatches: 2 },
      { ...base, userId: "pending", isApproved: false },
      { ...base, userId: "e" },
      { ...base, userId: "declined" },
      { ...base, userId: "never" },
      { ...base, userId: "ok", skills: [] },
    ];
    const rules = new PairRules({ declined: [{ mentorId: "declined", menteeId: "e" }], neverPair: [["e", "never"]] });
    expect(suggest(mentors, { rules, limit: 10 }).map((s) => s.mentorId)).toEqual(["ok"]);
  });

  it("suggests nobody to a mentee who is not approved", () => {
    expect(suggest([base], {}, { ...mentee, isApproved: false })).toEqual([]);
  });
});

describe("suggestions on random pools (property)", () => {
  const pairRef = (mentors: number, mentees: number) =>
    fc.record({ mentor: fc.nat(mentors - 1), mentee: fc.nat(mentees - 1) }, { requiredKeys: ["mentor", "mentee"] });

  it("never break a hard constraint, stay in 0..100 above the threshold, and equal a brute-force ranking", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(pairRef(40, 6), { maxLength: 30 }),
        fc.array(pairRef(40, 6), { maxLength: 10 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, mentorCount, declined, never, minScore, limit) => {
          const rng = seededRandom(seed);
          // Some mentees are also mentors (same user id), some mentors are full or not approved.
          const mentors = Array.from({ length: mentorCount }, (_, i) => {
            const m = randomMentor(rng, i % 7 === 0 ? `e${i % 6}` : `m${i}`);
            return { ...m, isApproved: rng() > 0.1, activeMatches: rng() < 0.2 ? m.capacity : m.activeMatches };
          });
          const mentees = Array.from({ length: 6 }, (_, i) => ({ ...randomMentee(rng, `e${i}`), isApproved: rng() > 0.1 }));
          const id = (i: number) => mentors[i % mentors.length]!.userId;
          const rules = new PairRules({
            declined: declined.map((p) => ({ mentorId: id(p.mentor), menteeId: `e${p.mentee}` })),
            neverPair: never.map((p) => [`e${p.mentee}`, id(p.mentor)] as const),
          });
          const scorer = new MatchScorer(new MentorPool(mentors, weekStart), settings);
          for (const m of mentees) {
            const got = suggestMentors(scorer, m, { rules, minScore, limit });
            const expected = mentors
              .filter((mr) => findExclusion(mr, m, rules) === null)
              .map((mr) => ({ mentorId: mr.userId, total: scorePair(mr, m, settings).total }))
              .filter((s) => s.total >= minScore)
              .sort((a, b) => b.total - a.total || (a.mentorId < b.mentorId ? -1 : 1))
              .slice(0, limit);
            expect(got.map((s) => ({ mentorId: s.mentorId, total: s.total }))).toEqual(expected);
            for (const s of got) {
              const mr = mentors.find((x) => x.userId === s.mentorId)!;
              expect(findExclusion(mr, m, rules)).toBeNull();
              expect(s.total).toBeGreaterThanOrEqual(Math.max(0, minScore));
              expect(s.total).toBeLessThanOrEqual(100);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
