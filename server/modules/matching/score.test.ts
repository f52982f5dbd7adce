import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { randomMentee, randomMentor, seededRandom } from "../../test-support/matching-profiles";
import type { WeeklyWindow } from "./availability";
import type { MenteeProfile, MentorProfile } from "./matching.types";
import {
  assertWeights,
  checkWeights,
  defaultWeights,
  formatDuration,
  joinNames,
  MatchScorer,
  MentorPool,
  type ScoreSettings,
  scorePair,
} from "./score";

const weekStart = Temporal.Instant.from("2026-05-04T00:00:00Z");
const settings: ScoreSettings = { weights: defaultWeights, weekStart };
const evenings = (start: string, end: string): WeeklyWindow[] => [{ weekday: 2, start, end }];

const mentor: MentorProfile = {
  userId: "mentor-1",
  isApproved: true,
  skills: ["TypeScript", "React.js", "Python"],
  timeZone: "Europe/London",
  availability: evenings("17:00", "21:00"),
  communication: ["phone", "video"],
  capacity: 3,
  activeMatches: 1,
};
const mentee: MenteeProfile = {
  userId: "mentee-1",
  isApproved: true,
  skillsWanted: ["ts", "react", "Go"],
  timeZone: "Europe/Berlin",
  availability: evenings("18:00", "23:00"),
  communication: ["video"],
};

describe("weights", () => {
  it("accept the seeded defaults 60/20/10/10", () => {
    expect(checkWeights(defaultWeights)).toBeNull();
  });

  it("name the field that is not a whole number from 0 to 100", () => {
    expect(checkWeights({ ...defaultWeights, availability: -5 })).toEqual({
      field: "availability",
      message: "The availability weight must be a whole number from 0 to 100.",
    });
    expect(checkWeights({ ...defaultWeights, skills: 59.5 })?.field).toBe("skills");
    expect(checkWeights({ ...defaultWeights, capacity: "10" })?.field).toBe("capacity");
    expect(checkWeights({ skills: 60, availability: 20, communication: 10 })?.field).toBe("capacity");
  });

  it("must add up to 100, and say what they add up to", () => {
    expect(checkWeights({ ...defaultWeights, skills: 55 })).toEqual({
      field: "weights",
      message: "The weights must add up to 100; these add up to 95.",
    });
  });

  it("assertWeights throws a VALIDATION error with the field path", () => {
    try {
      assertWeights({ ...defaultWeights, communication: 101 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      expect((error as AppError).fieldErrors).toHaveProperty("weights.communication");
    }
  });
});

describe("scorePair", () => {
  const result = scorePair(mentor, mentee, settings);

  it("weighs skills, availability, communication and spare capacity", () => {
    // Skills 2 of 3 (TypeScript, React) = 40; overlap Tue 16:00-20:00 UTC = 4 h >= 2 h = 20; video = 10;
    // 2 of 3 places free = 6.67. 76.67 rounds to 77.
    expect(result.total).toBe(77);
    expect(result.breakdown).toEqual([
      { criterion: "skills", weight: 60, raw: 2 / 3, points: 40 },
      { criterion: "availability", weight: 20, raw: 1, points: 20 },
      { criterion: "communication", weight: 10, raw: 1, points: 10 },
      { criterion: "capacity", weight: 10, raw: 2 / 3, points: 7 },
    ]);
  });

  it("gives up to three plain reasons, strongest first", () => {
    expect(result.reasons).toEqual([
      "Knows TypeScript and React, which you want to learn",
      "4 hours a week overlap in your time zones",
      "Prefers video calls, like you",
    ]);
  });

  it("counts a near match (trigram similarity >= 0.5) as half a skill", () => {
    const r = scorePair({ ...mentor, skills: ["Kubernetes"] }, { ...mentee, skillsWanted: ["Kubernetes admin"] }, settings);
    expect(r.breakdown[0]?.raw).toBe(0.5);
    expect(r.reasons[0]).toBe("Knows Kubernetes, close to what you asked for");
  });

  it("gives no skills points to a mentee who names no skill", () => {
    expect(scorePair(mentor, { ...mentee, skillsWanted: [] }, settings).breakdown[0]?.raw).toBe(0);
  });

  it("scores communication as any overlap: one shared way to meet is enough, none stated means any", () => {
    const communication = (mentorModes: MentorProfile["communication"], menteeModes: MenteeProfile["communication"]) =>
      scorePair({ ...mentor, communication: mentorModes }, { ...mentee, communication: menteeModes }, settings).breakdown[2]?.raw;
    expect(communication(["video", "phone", "chat", "in-person"], ["video"])).toBe(1);
    expect(communication(["phone", "chat"], ["video"])).toBe(0);
    expect(communication([], ["video"])).toBe(1);
    expect(communication(["chat"], [])).toBe(1);
  });

  it("measures availability against the program's session length (2 h by default)", () => {
    const short = { ...mentor, availability: evenings("17:00", "18:00") };
    expect(scorePair(short, mentee, settings).breakdown[1]?.raw).toBe(0.5);
    expect(scorePair(short, mentee, { ...settings, sessionHours: 1 }).breakdown[1]?.raw).toBe(1);
    expect(scorePair({ ...mentor, availability: [] }, mentee, settings).breakdown[1]?.raw).toBe(0);
  });

  it("reports spare capacity as a reason when there is room", () => {
    const r = scorePair({ ...mentor, skills: [], availability: [], communication: ["chat"] }, mentee, settings);
    expect(r.reasons).toEqual(["Has 2 of 3 places free"]);
  });
});

describe("scores over many random pairs", () => {
  const rng = seededRandom(7);
  const mentors = Array.from({ length: 60 }, (_, i) => randomMentor(rng, `m${i}`));
  const mentees = Array.from({ length: 40 }, (_, i) => randomMentee(rng, `e${i}`));
  const pool = new MentorPool(mentors, weekStart);

  it("the breakdown's points add up to the total, which stays in 0..100, and reasons are plain sentences", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: mentees.length - 1 }),
        fc.integer({ min: 0, max: mentors.length - 1 }),
        fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)).map(([a, b, c]) => {
          const cuts = [a, b, c].sort((x, y) => x - y);
          return { skills: cuts[0]!, availability: cuts[1]! - cuts[0]!, communication: cuts[2]! - cuts[1]!, capacity: 100 - cuts[2]! };
        }),
        (i, j, weights) => {
          expect(checkWeights(weights)).toBeNull();
          const scorer = new MatchScorer(pool, { weights, weekStart });
          scorer.use(scorer.prepare(mentees[i]!));
          const r = scorer.explain(j);
          expect(r.total).toBeGreaterThanOrEqual(0);
          expect(r.total).toBeLessThanOrEqual(100);
          expect(r.breakdown.reduce((sum, b) => sum + b.points, 0)).toBe(r.total);
          for (const b of r.breakdown) {
            expect(b.raw).toBeGreaterThanOrEqual(0);
            expect(b.raw).toBeLessThanOrEqual(1);
            expect(Math.abs(b.points - b.weight * b.raw)).toBeLessThan(1);
          }
          expect(r.reasons.length).toBeLessThanOrEqual(3);
          for (const reason of r.reasons) expect(reason).toMatch(/^[A-Z0-9][^\n]*[a-z)]$/);
          expect(r.reasons.join(" ")).not.toMatch(/undefined|NaN|null|\[object/);
          expect(scorer.total(j)).toBe(r.total);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the fast paths (total, scoreAll) agree with explain on every pair", () => {
    const scorer = new MatchScorer(pool, settings);
    const out = new Int32Array(pool.count);
    for (const m of mentees) {
      scorer.use(scorer.prepare(m));
      scorer.scoreAll(out);
      for (let j = 0; j < pool.count; j++) {
        expect(out[j]).toBe(scorer.explain(j).total);
        expect(scorer.total(j)).toBe(out[j]);
      }
    }
  });
});

describe("wording helpers", () => {
  it("joins names the way people write lists", () => {
    expect(joinNames(["A"])).toBe("A");
    expect(joinNames(["A", "B"])).toBe("A and B");
    expect(joinNames(["A", "B", "C"])).toBe("A, B and C");
    expect(joinNames(["A", "B", "C", "D", "E"])).toBe("A, B, C and 2 more");
  });

  it("formats durations in hours or minutes", () => {
    expect(formatDuration(240)).toBe("4 hours");
    expect(formatDuration(60)).toBe("1 hour");
    expect(formatDuration(150)).toBe("2.5 hours");
    expect(formatDuration(45)).toBe("45 minutes");
  });
});
