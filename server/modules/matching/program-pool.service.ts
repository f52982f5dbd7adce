/**
 * Reads one program's matching inputs from the database and maps them to the pure core's shapes: mentors and
 * mentees with their intake (falling back to the profile when a member has not filled the program's intake yet),
 * live loads, declined pairs and never-pair rules, and the program's weights and thresholds.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import type { DbOrTx } from "../../../db/client";
import { matches, matchRequests, neverPairRules } from "../../../db/schema/matching";
import { programIntakes, programMemberships, programs } from "../../../db/schema/programs";
import { menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";
import { AppError } from "../../errors";
import type { WeeklyWindow } from "./availability";
import { PairRules } from "./constraints";
import { type CommunicationMode, communicationModes, type MenteeProfile, type MentorProfile } from "./matching.types";
import type { MatchingWeights, ScoreSettings } from "./score";

export type ProgramMatchingSettings = {
  id: string;
  name: string;
  type: "one_to_one" | "group";
  matchingMode: "mentee_choice" | "reviewed" | "cohort";
  weights: MatchingWeights;
  minScore: number;
  suggestionCount: number;
  openRequestLimit: number;
  requestDeadlineHours: number;
  requestReminderHours: number;
  sessionMinutes: number;
};

export type PoolMentor = MentorProfile & { name: string; membershipId: string };
export type PoolMentee = MenteeProfile & { name: string; membershipId: string };

export type ProgramPool = {
  program: ProgramMatchingSettings;
  mentors: PoolMentor[];
  mentees: PoolMentee[];
  rules: PairRules;
  settings: ScoreSettings;
};

/**
 * The reference week availability overlap is measured on: the week (Monday 00:00 UTC) that contains `now`.
 * Measuring on the current week means DST changes are taken as they are this week.
 */
export function referenceWeekStart(now: Date): Temporal.Instant {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return Temporal.Instant.fromEpochMilliseconds(day.getTime());
}

const asModes = (list: readonly string[]): CommunicationMode[] =>
  list.filter((m): m is CommunicationMode => (communicationModes as readonly string[]).includes(m));

export async function loadProgramSettings(db: DbOrTx, programId: string): Promise<ProgramMatchingSettings> {
  const [p] = await db
    .select({
      id: programs.id,
      name: programs.name,
      type: programs.type,
      matchingMode: programs.matchingMode,
      weights: programs.weights,
      minScore: programs.minScore,
      suggestionCount: programs.suggestionCount,
      openRequestLimit: programs.openRequestLimit,
      requestDeadlineHours: programs.requestDeadlineHours,
      requestReminderHours: programs.requestReminderHours,
      sessionMinutes: programs.sessionMinutes,
    })
    .from(programs)
    .where(eq(programs.id, programId));
  if (!p) throw new AppError("NOT_FOUND", "This program does not exist.");
  return p;
}

/** Live (active or paused) matches per mentor in the program. */
export async function liveLoads(db: DbOrTx, programId: string, mentorIds?: readonly string[]): Promise<Map<string, number>> {
  if (mentorIds && mentorIds.length === 0) return new Map();
  const rows = await db
    .select({ mentorId: matches.mentorId, n: sql<number>`count(*)::int` })
    .from(matches)
    .where(
      and(
        eq(matches.programId, programId),
        inArray(matches.status, ["active", "paused"]),
        mentorIds ? inArray(matches.mentorId, [...mentorIds]) : undefined,
      ),
    )
    .groupBy(matches.mentorId);
  return new Map(rows.map((r) => [r.mentorId, Number(r.n)]));
}

/**
 * Everything the scorer needs for one program. `onlyUserIds` narrows mentees and mentors to those people
 * (a single pair's score on the board); mentors and mentees are active members only.
 */
export async function loadProgramPool(
  db: DbOrTx,
  programId: string,
  now: Date,
  opts: { mentorIds?: readonly string[]; menteeIds?: readonly string[] } = {},
): Promise<ProgramPool> {
  const program = await loadProgramSettings(db, programId);
  const memberRows = async (role: "mentor" | "mentee", only?: readonly string[]) =>
    only && only.length === 0
      ? []
      : db
          .select({
            membershipId: programMemberships.id,
            userId: programMemberships.userId,
            readyAt: programMemberships.readyAt,
            name: users.name,
            timezone: users.timezone,
            intakeSkills: programIntakes.skills,
            intakeAvailability: programIntakes.availability,
            intakeCommunication: programIntakes.communication,
            intakeCapacity: programIntakes.capacity,
            hasIntake: sql<boolean>`${programIntakes.membershipId} is not null`,
            mentorExpertise: mentorProfiles.expertise,
            mentorCapacity: mentorProfiles.defaultCapacity,
            menteeInterests: menteeProfiles.interests,
          })
          .from(programMemberships)
          .innerJoin(users, eq(users.id, programMemberships.userId))
          .leftJoin(programIntakes, eq(programIntakes.membershipId, programMemberships.id))
          .leftJoin(mentorProfiles, eq(mentorProfiles.userId, programMemberships.userId))
          .leftJoin(menteeProfiles, eq(menteeProfiles.userId, programMemberships.userId))
          .where(
            and(
              eq(programMemberships.programId, programId),
              eq(programMemberships.role, role),
              eq(programMemberships.status, "active"),
              eq(users.status, "active"),
              only ? inArray(programMemberships.userId, [...only]) : undefined,
            ),
          );
  const [mentorRows, menteeRows] = [await memberRows("mentor", opts.mentorIds), await memberRows("mentee", opts.menteeIds)];
  const loads = await liveLoads(db, programId, opts.mentorIds ? mentorRows.map((r) => r.userId) : undefined);

  const mentors: PoolMentor[] = mentorRows.map((r) => ({
    userId: r.userId,
    membershipId: r.membershipId,
    name: r.name,
    isApproved: r.readyAt !== null,
    skills: r.hasIntake && r.intakeSkills && r.intakeSkills.length > 0 ? r.intakeSkills : (r.mentorExpertise ?? []),
    timeZone: r.timezone,
    availability: (r.intakeAvailability ?? []) as WeeklyWindow[],
    communication: asModes(r.intakeCommunication ?? []),
    capacity: r.hasIntake && (r.intakeCapacity ?? 0) > 0 ? (r.intakeCapacity ?? 0) : (r.mentorCapacity ?? 2),
    activeMatches: loads.get(r.userId) ?? 0,
  }));
  const mentees: PoolMentee[] = menteeRows.map((r) => ({
    userId: r.userId,
    membershipId: r.membershipId,
    name: r.name,
    isApproved: true,
    skillsWanted: r.hasIntake && r.intakeSkills && r.intakeSkills.length > 0 ? r.intakeSkills : (r.menteeInterests ?? []),
    timeZone: r.timezone,
    availability: (r.intakeAvailability ?? []) as WeeklyWindow[],
    communication: asModes(r.intakeCommunication ?? []),
  }));

  const declined = await db
    .select({ mentorId: matchRequests.mentorId, menteeId: matchRequests.menteeId })
    .from(matchRequests)
    .where(and(eq(matchRequests.programId, programId), eq(matchRequests.status, "declined")));
  const never = await db
    .select({ mentorId: neverPairRules.mentorId, menteeId: neverPairRules.menteeId })
    .from(neverPairRules)
    .where(eq(neverPairRules.programId, programId));
  const rules = new PairRules({ declined, neverPair: never.map((r) => [r.mentorId, r.menteeId] as const) });
  const settings: ScoreSettings = {
    weights: program.weights,
    weekStart: referenceWeekStart(now),
    sessionHours: program.sessionMinutes / 60,
  };
  return { program, mentors, mentees, rules, settings };
}
