/**
 * The shapes the pure matching core works on. They are deliberately plain (no zod, no rows): the matching
 * service maps database rows and intake answers into these once, and the router's zod schemas describe the
 * same fields for the wire.
 */
import type { WeeklyWindow } from "./availability";

export const communicationModes = ["video", "phone", "chat", "in-person"] as const;
export type CommunicationMode = (typeof communicationModes)[number];

/** A mentor as seen by one program: `capacity` is the number of mentees they agreed to take in it. */
export interface MentorProfile {
  /** The person's user id: mentors and mentees are compared on it for the "same person" rule. */
  userId: string;
  isApproved: boolean;
  skills: readonly string[];
  timeZone: string;
  availability: readonly WeeklyWindow[];
  communication: readonly CommunicationMode[];
  capacity: number;
  /** Live active matches in this program; spare places = capacity - activeMatches. */
  activeMatches: number;
}

export interface MenteeProfile {
  userId: string;
  isApproved: boolean;
  skillsWanted: readonly string[];
  timeZone: string;
  availability: readonly WeeklyWindow[];
  communication: readonly CommunicationMode[];
}

/** A (mentor, mentee) pair by user id, used for declined pairs, locks and exclusions. */
export interface PairRef {
  mentorId: string;
  menteeId: string;
}
