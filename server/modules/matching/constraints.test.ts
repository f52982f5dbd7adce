import { describe, expect, it } from "vitest";
import { findExclusion, PairRules } from "./constraints";
import type { MenteeProfile, MentorProfile } from "./matching.types";

const mentor: MentorProfile = {
  userId: "mentor-1",
  isApproved: true,
  skills: ["TypeScript"],
  timeZone: "UTC",
  availability: [],
  communication: ["video"],
  capacity: 2,
  activeMatches: 1,
};
const mentee: MenteeProfile = {
  userId: "mentee-1",
  isApproved: true,
  skillsWanted: ["TypeScript"],
  timeZone: "UTC",
  availability: [],
  communication: ["video"],
};
const codeOf = (mr: MentorProfile, me: MenteeProfile, rules = PairRules.none) => findExclusion(mr, me, rules)?.code ?? null;

describe("hard constraints", () => {
  it("allow an approved pair with a free place and no rules", () => {
    expect(findExclusion(mentor, mentee, PairRules.none)).toBeNull();
  });

  it("nobody mentors themselves", () => {
    expect(codeOf(mentor, { ...mentee, userId: "mentor-1" })).toBe("same-person");
  });

  it("both sides must be approved in the program", () => {
    expect(codeOf({ ...mentor, isApproved: false }, mentee)).toBe("mentor-not-approved");
    expect(codeOf(mentor, { ...mentee, isApproved: false })).toBe("mentee-not-approved");
  });

  it("a mentor at or over capacity takes nobody", () => {
    expect(codeOf({ ...mentor, activeMatches: 2 }, mentee)).toBe("mentor-at-capacity");
    expect(codeOf({ ...mentor, activeMatches: 3 }, mentee)).toBe("mentor-at-capacity");
    expect(codeOf({ ...mentor, capacity: 0, activeMatches: 0 }, mentee)).toBe("mentor-at-capacity");
  });

  it("a coordinator's never-pair rule holds in either order", () => {
    expect(codeOf(mentor, mentee, new PairRules({ neverPair: [["mentor-1", "mentee-1"]] }))).toBe("never-pair");
    expect(codeOf(mentor, mentee, new PairRules({ neverPair: [["mentee-1", "mentor-1"]] }))).toBe("never-pair");
  });

  it("a declined pair is not offered again, and only that pair", () => {
    const rules = new PairRules({ declined: [{ mentorId: "mentor-1", menteeId: "mentee-1" }] });
    expect(codeOf(mentor, mentee, rules)).toBe("declined-before");
    expect(codeOf(mentor, { ...mentee, userId: "mentee-2" }, rules)).toBeNull();
    expect(rules.blockedMentorsOf("mentee-1")).toEqual(["mentor-1"]);
  });

  it("every exclusion carries a plain message", () => {
    const exclusion = findExclusion({ ...mentor, activeMatches: 2 }, mentee, PairRules.none);
    expect(exclusion?.message).toMatch(/^[A-Z].*\.$/);
  });
});
