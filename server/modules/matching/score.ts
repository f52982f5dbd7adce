/**
 * The match score: 0-100, a weighted sum of four criteria, each first measured on 0..1.
 *
 * - skills: the share of the mentee's wanted skills the mentor offers; a skill counts 1 when the canonical
 *   names agree (after normalisation and synonyms) and 0.5 when only a near match (trigram similarity >= 0.5)
 *   exists. A mentee who names no skill scores 0 here: the intake asks for at least one, and an empty form
 *   should not look like a perfect fit.
 * - availability: weekly overlap on the reference week divided by the program's session length (2 h when the
 *   program sets none), capped at 1: enough overlap for one session is all a pair needs.
 * - communication: ANY-OVERLAP, not Jaccard. 1 when the two share at least one way to meet (or either side
 *   stated no preference), else 0. Jaccard would punish a mentor for offering more ways to meet.
 * - capacity: the mentor's spare places / capacity, so the load spreads over mentors.
 *
 * Scoring one mentee against thousands of mentors (suggestions) or millions of pairs (cohorts) goes through
 * `MentorPool` + `MatchScorer`, which hold everything as numbers in typed arrays; `explain` builds the
 * breakdown and reasons only for pairs that are shown.
 */
import type { Temporal } from "temporal-polyfill";
import { AppError } from "../../errors";
import { MINUTES_PER_WEEK, overlapMinutes, type WeekIntervals, weekIntervals } from "./availability";
import { spareCapacity } from "./constraints";
import type { CommunicationMode, MenteeProfile, MentorProfile } from "./matching.types";
import { type CanonicalSkill, canonicalSkills, SkillIndex } from "./skills";

export const criteria = ["skills", "availability", "communication", "capacity"] as const;
export type Criterion = (typeof criteria)[number];
export type MatchingWeights = Record<Criterion, number>;

export const defaultWeights: MatchingWeights = { skills: 60, availability: 20, communication: 10, capacity: 10 };

/** The first problem with a set of weights as { field, message }, or null when they are usable. */
export function checkWeights(weights: Partial<Record<Criterion, unknown>>): { field: string; message: string } | null {
  let sum = 0;
  for (const c of criteria) {
    const value = weights[c];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 100) {
      return { field: c, message: `The ${c} weight must be a whole number from 0 to 100.` };
    }
    sum += value;
  }
  if (sum !== 100) return { field: "weights", message: `The weights must add up to 100; these add up to ${sum}.` };
  return null;
}

export function assertWeights(weights: Partial<Record<Criterion, unknown>>): MatchingWeights {
  const problem = checkWeights(weights);
  if (problem) throw AppError.field(problem.field === "weights" ? "weights" : `weights.${problem.field}`, problem.message);
  return weights as MatchingWeights;
}

export interface ScoreSettings {
  weights: MatchingWeights;
  /** First instant of the reference week on which availability overlap is measured. */
  weekStart: Temporal.Instant;
  /** The program's session length in hours; overlap of this much a week earns full availability marks. */
  sessionHours?: number;
}

export const DEFAULT_SESSION_HOURS = 2;

export interface CriterionScore {
  criterion: Criterion;
  weight: number;
  /** 0..1 */
  raw: number;
  /** Whole points; the four add up to the total. */
  points: number;
}

export interface ScoreExplanation {
  total: number;
  breakdown: CriterionScore[];
  /** Up to three plain sentences, strongest first. */
  reasons: string[];
}

const modeBit: Record<CommunicationMode, number> = { video: 1, phone: 2, chat: 4, "in-person": 8 };
const modePhrase: Record<CommunicationMode, string> = {
  video: "video calls",
  phone: "phone calls",
  chat: "chat",
  "in-person": "meeting in person",
};
const communicationMask = (modes: readonly CommunicationMode[]) => modes.reduce((m, mode) => m | modeBit[mode], 0);

/** Guards against a sum like 52.4999999 (binary fractions) rounding differently from the exact 52.5. */
const EPSILON = 1e-9;

/** The raw values of the four criteria; the one formula both the fast path and `explain` use. */
function combine(
  skillsWeight: number,
  availabilityWeight: number,
  communicationWeight: number,
  capacityWeight: number,
  skills: number,
  availability: number,
  communication: number,
  capacity: number,
): number {
  const sum = skillsWeight * skills + availabilityWeight * availability + communicationWeight * communication + capacityWeight * capacity;
  return Math.min(100, Math.max(0, Math.round(sum + EPSILON)));
}

const skillsRaw = (exact: number, near: number, wanted: number) => (wanted === 0 ? 0 : (exact + 0.5 * near) / wanted);
const availabilityRaw = (minutes: number, sessionMinutes: number) => (minutes >= sessionMinutes ? 1 : minutes / sessionMinutes);
const communicationRaw = (a: number, b: number) => (a === 0 || b === 0 || (a & b) !== 0 ? 1 : 0);
const capacityRaw = (spare: number, capacity: number) => (capacity > 0 ? spare / capacity : 0);

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A mentee can name at most this many distinct skills: each is one bit of a 32-bit mask in the hot loop. */
export const MAX_WANTED_SKILLS = 32;

/**
 * A program's mentors prepared once (skills interned, availability as intervals of the reference week) so
 * scoring a pair is arithmetic on typed arrays. Rebuild it when a mentor's profile or load changes.
 */
export class MentorPool {
  readonly count: number;
  readonly ids: readonly string[];
  readonly indexById = new Map<string, number>();
  readonly skills = new SkillIndex();
  /** Mentor j's skill ids are skillIds[skillStart[j] .. skillStart[j + 1]). */
  readonly skillStart: Int32Array;
  readonly skillIds: Int32Array;
  /** Mentor j's availability is intervalData[intervalStart[j] .. intervalStart[j + 1]), as in WeekIntervals. */
  readonly intervalStart: Int32Array;
  readonly intervalData: Int32Array;
  readonly communication: Uint8Array;
  readonly capacity: Int32Array;
  readonly spare: Int32Array;
  /** Approved and with a free place: the per-mentor hard constraints. */
  readonly isOpen: Uint8Array;

  constructor(
    readonly profiles: readonly MentorProfile[],
    readonly weekStart: Temporal.Instant,
  ) {
    const n = profiles.length;
    this.count = n;
    this.ids = profiles.map((p) => p.userId);
    this.skillStart = new Int32Array(n + 1);
    this.intervalStart = new Int32Array(n + 1);
    const intervals: number[] = [];
    this.communication = new Uint8Array(n);
    this.capacity = new Int32Array(n);
    this.spare = new Int32Array(n);
    this.isOpen = new Uint8Array(n);
    const ids: number[] = [];
    for (let j = 0; j < n; j++) {
      const p = profiles[j]!;
      if (this.indexById.has(p.userId)) throw AppError.field("mentors", `Mentor ${p.userId} appears twice.`);
      this.indexById.set(p.userId, j);
      for (const skill of canonicalSkills(p.skills)) ids.push(this.skills.intern(skill));
      this.skillStart[j + 1] = ids.length;
      for (const minute of weekIntervals(p.availability, p.timeZone, weekStart)) intervals.push(minute);
      this.intervalStart[j + 1] = intervals.length;
      this.communication[j] = communicationMask(p.communication);
      this.capacity[j] = Math.max(0, p.capacity);
      this.spare[j] = spareCapacity(p);
      this.isOpen[j] = p.isApproved && this.spare[j]! > 0 ? 1 : 0;
    }
    this.skillIds = Int32Array.from(ids);
    this.intervalData = Int32Array.from(intervals);
  }

  intervalsOf(j: number): WeekIntervals {
    return this.intervalData.subarray(this.intervalStart[j]!, this.intervalStart[j + 1]!);
  }
}

/** One mentee prepared against a pool: wanted skills as (skill id -> bit) lists, availability as intervals. */
export interface PreparedMentee {
  profile: MenteeProfile;
  wanted: readonly CanonicalSkill[];
  /** Pool skill ids that are exactly a wanted skill, and the bit of that wanted skill. */
  exactIds: Int32Array;
  exactBits: Int32Array;
  /** Pool skill ids near (not equal to) a wanted skill, with the bits of the wanted skills they are near. */
  nearIds: Int32Array;
  nearBits: Int32Array;
  intervals: WeekIntervals;
  communication: number;
}

/**
 * Scores one mentee at a time against a pool. `use(mentee)` loads the mentee's skill bits into two arrays
 * indexed by skill id (cleared again on the next `use`) and the mentee's availability as a running total of
 * covered minutes over the week, so a pair costs a few array reads per mentor skill and two per mentor
 * availability interval, with nothing allocated.
 */
export class MatchScorer {
  private readonly exactMask: Int32Array;
  private readonly nearMask: Int32Array;
  /** coveredBefore[t] = minutes of the current mentee's availability in [0, t). */
  private readonly coveredBefore = new Int32Array(MINUTES_PER_WEEK + 1);
  private current: PreparedMentee | null = null;
  readonly sessionMinutes: number;
  private readonly skillsWeight: number;
  private readonly availabilityWeight: number;
  private readonly communicationWeight: number;
  private readonly capacityWeight: number;

  constructor(
    readonly pool: MentorPool,
    readonly settings: ScoreSettings,
  ) {
    this.exactMask = new Int32Array(pool.skills.size);
    this.nearMask = new Int32Array(pool.skills.size);
    const hours = settings.sessionHours;
    this.sessionMinutes = (hours !== undefined && hours > 0 ? hours : DEFAULT_SESSION_HOURS) * 60;
    this.skillsWeight = settings.weights.skills;
    this.availabilityWeight = settings.weights.availability;
    this.communicationWeight = settings.weights.communication;
    this.capacityWeight = settings.weights.capacity;
  }

  prepare(mentee: MenteeProfile): PreparedMentee {
    const wanted = canonicalSkills(mentee.skillsWanted);
    if (wanted.length > MAX_WANTED_SKILLS) {
      throw AppError.field("skillsWanted", `Name at most ${MAX_WANTED_SKILLS} skills you want to learn.`);
    }
    const exactIds: number[] = [];
    const exactBits: number[] = [];
    const near = new Map<number, number>();
    const index = this.pool.skills;
    for (const [bit, skill] of wanted.entries()) {
      const id = index.idOf(skill.key);
      if (id >= 0) {
        exactIds.push(id);
        exactBits.push(1 << bit);
      }
      for (const nearId of index.nearMatches(skill.key)) near.set(nearId, (near.get(nearId) ?? 0) | (1 << bit));
    }
    return {
      profile: mentee,
      wanted,
      exactIds: Int32Array.from(exactIds),
      exactBits: Int32Array.from(exactBits),
      nearIds: Int32Array.from(near.keys()),
      nearBits: Int32Array.from(near.values()),
      intervals: weekIntervals(mentee.availability, mentee.timeZone, this.pool.weekStart),
      communication: communicationMask(mentee.communication),
    };
  }

  use(mentee: PreparedMentee): void {
    const previous = this.current;
    if (previous) {
      for (const id of previous.exactIds) this.exactMask[id] = 0;
      for (const id of previous.nearIds) this.nearMask[id] = 0;
    }
    for (let k = 0; k < mentee.exactIds.length; k++) this.exactMask[mentee.exactIds[k]!]! |= mentee.exactBits[k]!;
    for (let k = 0; k < mentee.nearIds.length; k++) this.nearMask[mentee.nearIds[k]!]! |= mentee.nearBits[k]!;
    const covered = this.coveredBefore;
    const intervals = mentee.intervals;
    let t = 0;
    let total = 0;
    for (let k = 0; k < intervals.length; k += 2) {
      const from = intervals[k]!;
      const to = intervals[k + 1]!;
      for (; t <= from; t++) covered[t] = total;
      for (; t <= to; t++) covered[t] = total + (t - from);
      total += to - from;
    }
    for (; t <= MINUTES_PER_WEEK; t++) covered[t] = total;
    this.current = mentee;
  }

  private mentee(): PreparedMentee {
    if (!this.current) throw new Error("MatchScorer.use(mentee) must come first");
    return this.current;
  }

  /** The 0-100 score of the current mentee with mentor `j` of the pool. Hard constraints are not checked here. */
  total(j: number): number {
    const mentee = this.current!;
    const pool = this.pool;
    const skillIds = pool.skillIds;
    const exactMask = this.exactMask;
    const nearMask = this.nearMask;
    let exact = 0;
    let near = 0;
    for (let k = pool.skillStart[j]!, end = pool.skillStart[j + 1]!; k < end; k++) {
      const id = skillIds[k]!;
      exact |= exactMask[id]!;
      near |= nearMask[id]!;
    }
    const covered = this.coveredBefore;
    const data = pool.intervalData;
    let overlap = 0;
    for (let k = pool.intervalStart[j]!, end = pool.intervalStart[j + 1]!; k < end; k += 2) {
      overlap += covered[data[k + 1]!]! - covered[data[k]!]!;
    }
    return combine(
      this.skillsWeight,
      this.availabilityWeight,
      this.communicationWeight,
      this.capacityWeight,
      skillsRaw(popcount(exact), popcount(near & ~exact), mentee.wanted.length),
      availabilityRaw(overlap, this.sessionMinutes),
      communicationRaw(mentee.communication, pool.communication[j]!),
      capacityRaw(pool.spare[j]!, pool.capacity[j]!),
    );
  }

  /**
   * Scores of the current mentee with every mentor of the pool into `out[0 .. pool.count)`, hard constraints not
   * checked. The same arithmetic as `total`, with the loop inside so array fields stay in locals: this is the
   * inner loop of cohort matching (millions of pairs).
   */
  scoreAll(out: Int32Array): void {
    const mentee = this.current!;
    const pool = this.pool;
    const { skillStart, skillIds, intervalStart, intervalData: data, communication, spare, capacity } = pool;
    const exactMask = this.exactMask;
    const nearMask = this.nearMask;
    const covered = this.coveredBefore;
    const wanted = mentee.wanted.length;
    const menteeCommunication = mentee.communication;
    const sessionMinutes = this.sessionMinutes;
    const ws = this.skillsWeight;
    const wa = this.availabilityWeight;
    const wc = this.communicationWeight;
    const wk = this.capacityWeight;
    for (let j = 0, count = pool.count; j < count; j++) {
      let exact = 0;
      let near = 0;
      for (let k = skillStart[j]!, end = skillStart[j + 1]!; k < end; k++) {
        const id = skillIds[k]!;
        exact |= exactMask[id]!;
        near |= nearMask[id]!;
      }
      let overlap = 0;
      for (let k = intervalStart[j]!, end = intervalStart[j + 1]!; k < end; k += 2) overlap += covered[data[k + 1]!]! - covered[data[k]!]!;
      out[j] = combine(
        ws,
        wa,
        wc,
        wk,
        skillsRaw(popcount(exact), popcount(near & ~exact), wanted),
        availabilityRaw(overlap, sessionMinutes),
        communicationRaw(menteeCommunication, communication[j]!),
        capacityRaw(spare[j]!, capacity[j]!),
      );
    }
  }

  /** The score of the current mentee with mentor `j`, with its breakdown and reasons. */
  explain(j: number): ScoreExplanation {
    const mentee = this.mentee();
    const pool = this.pool;
    const weights = this.settings.weights;
    const mentorSkillIds = new Set(pool.skillIds.subarray(pool.skillStart[j]!, pool.skillStart[j + 1]!));
    const exactLabels: string[] = [];
    const nearLabels: string[] = [];
    let nearCount = 0;
    for (const skill of mentee.wanted) {
      const id = pool.skills.idOf(skill.key);
      if (id >= 0 && mentorSkillIds.has(id)) {
        exactLabels.push(skill.label);
        continue;
      }
      const near = pool.skills.nearMatches(skill.key).filter((nearId) => mentorSkillIds.has(nearId));
      if (near.length > 0) {
        nearCount++;
        for (const nearId of near) {
          const label = pool.skills.labels[nearId]!;
          if (!nearLabels.includes(label)) nearLabels.push(label);
        }
      }
    }
    const overlap = overlapMinutes(mentee.intervals, pool.intervalsOf(j));
    const mentorModes = pool.profiles[j]!.communication;
    const sharedMode = mentee.profile.communication.find((mode) => mentorModes.includes(mode));
    const spare = pool.spare[j]!;
    const capacity = pool.capacity[j]!;
    const raw: Record<Criterion, number> = {
      skills: skillsRaw(exactLabels.length, nearCount, mentee.wanted.length),
      availability: availabilityRaw(overlap, this.sessionMinutes),
      communication: communicationRaw(mentee.communication, pool.communication[j]!),
      capacity: capacityRaw(spare, capacity),
    };
    const total = combine(
      weights.skills,
      weights.availability,
      weights.communication,
      weights.capacity,
      raw.skills,
      raw.availability,
      raw.communication,
      raw.capacity,
    );
    const breakdown = apportion(total, weights, raw);

    const sentence: Record<Criterion, string | null> = {
      skills:
        exactLabels.length > 0
          ? `Knows ${joinNames(exactLabels)}, which you want to learn`
          : nearLabels.length > 0
            ? `Knows ${joinNames(nearLabels)}, close to what you asked for`
            : null,
      availability: overlap > 0 ? `${formatDuration(overlap)} a week overlap in your time zones` : null,
      communication: sharedMode ? `Prefers ${modePhrase[sharedMode]}, like you` : null,
      capacity: spare > 0 ? `Has ${spare} of ${capacity} ${capacity === 1 ? "place" : "places"} free` : null,
    };
    const reasons = breakdown
      .map((b, order) => ({ text: sentence[b.criterion], strength: b.weight * b.raw, order }))
      .filter((r): r is { text: string; strength: number; order: number } => r.text !== null && r.strength > 0)
      .sort((a, b) => b.strength - a.strength || a.order - b.order)
      .slice(0, 3)
      .map((r) => r.text);
    return { total, breakdown, reasons };
  }
}

/**
 * Whole points per criterion that add up to the total: each criterion's exact share rounded down, and the points
 * left over go to the largest remainders (the largest-remainder method used to share seats).
 */
function apportion(total: number, weights: MatchingWeights, raw: Record<Criterion, number>): CriterionScore[] {
  const exact = criteria.map((c) => weights[c] * raw[c]);
  const points = exact.map((p) => Math.floor(p + EPSILON));
  let left = total - points.reduce((a, b) => a + b, 0);
  const byRemainder = criteria.map((_, i) => i).sort((a, b) => exact[b]! - points[b]! - (exact[a]! - points[a]!) || a - b);
  for (let k = 0; left > 0 && k < byRemainder.length; k++, left--) points[byRemainder[k]!]!++;
  for (let k = byRemainder.length - 1; left < 0 && k >= 0; k--) {
    const i = byRemainder[k]!;
    if (points[i]! > 0) {
      points[i]!--;
      left++;
    }
  }
  return criteria.map((criterion, i) => ({ criterion, weight: weights[criterion], raw: raw[criterion], points: points[i]! }));
}

/** "TypeScript", "TypeScript and React", "A, B and C", "A, B, C and 2 more". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= 3) return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/** "4 hours", "1 hour", "2.5 hours", "45 minutes". */
export function formatDuration(minutes: number): string {
  if (minutes < 60) {
    const m = Math.round(minutes);
    return `${m} ${m === 1 ? "minute" : "minutes"}`;
  }
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} ${hours === 1 ? "hour" : "hours"}`;
}

/** Score and explain one pair on its own (a coordinator's manual match); hard constraints are not checked. */
export function scorePair(mentor: MentorProfile, mentee: MenteeProfile, settings: ScoreSettings): ScoreExplanation {
  const scorer = new MatchScorer(new MentorPool([mentor], settings.weekStart), settings);
  scorer.use(scorer.prepare(mentee));
  return scorer.explain(0);
}
