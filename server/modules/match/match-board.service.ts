/**
 * The coordinator board: open requests by age with the stuck ones flagged, request counts, mentees still
 * waiting for a mentor, mentor load, and the live matches. One read; the client refetches it on the
 * request:changed, match:changed and program:changed signals.
 */
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { matches, matchRequests, matchStatuses, requestStatuses } from "../../../db/schema/matching";
import { matchingModes, programMemberships } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import { loadProgramPool } from "../matching/program-pool.service";
import { type Deps, person } from "./match-access.service";

/** A mentor asked the mentee a question and nothing happened for this long: the request is stuck. */
export const NEEDS_INFO_STUCK_HOURS = 48;
const HOUR = 3_600_000;

export const boardOutput = z.object({
  program: z.object({
    id: z.string(),
    name: z.string(),
    matchingMode: z.enum(matchingModes),
    requestReminderHours: z.number(),
    minScore: z.number(),
  }),
  requests: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["pending", "needs_info"]),
      mentee: person,
      mentor: person,
      createdAt: z.date(),
      /** Whole hours since the request was sent. */
      ageHours: z.number(),
      /** The mentor's answer deadline (null while the mentor waits for the mentee). */
      expiresAt: z.date().nullable(),
      stuck: z.boolean(),
      stuckReason: z.string().nullable(),
    }),
  ),
  requestCounts: z.record(z.enum(requestStatuses), z.number()),
  unmatchedMentees: z.array(z.object({ id: z.string(), name: z.string(), joinedAt: z.date(), openRequests: z.number() })),
  mentors: z.array(
    z.object({ id: z.string(), name: z.string(), load: z.number(), capacity: z.number(), isReady: z.boolean(), spare: z.number() }),
  ),
  liveMatches: z.array(
    z.object({
      id: z.string(),
      status: z.enum(matchStatuses),
      source: z.string(),
      mentor: person,
      mentee: person,
      score: z.number().nullable(),
      capacityOverrideReason: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
});
export type Board = z.infer<typeof boardOutput>;

const mentorUser = alias(users, "mentor_user");
const menteeUser = alias(users, "mentee_user");

export async function loadBoard(deps: Deps, programId: string): Promise<Board> {
  const db = deps.db;
  const now = deps.clock.now();
  const pool = await loadProgramPool(db, programId, now);
  const program = pool.program;

  const open = await db
    .select({
      id: matchRequests.id,
      status: matchRequests.status,
      createdAt: matchRequests.createdAt,
      updatedAt: matchRequests.updatedAt,
      expiresAt: matchRequests.expiresAt,
      menteeId: matchRequests.menteeId,
      menteeName: menteeUser.name,
      mentorId: matchRequests.mentorId,
      mentorName: mentorUser.name,
    })
    .from(matchRequests)
    .innerJoin(menteeUser, eq(menteeUser.id, matchRequests.menteeId))
    .innerJoin(mentorUser, eq(mentorUser.id, matchRequests.mentorId))
    .where(and(eq(matchRequests.programId, programId), inArray(matchRequests.status, ["pending", "needs_info"])))
    .orderBy(asc(matchRequests.createdAt), asc(matchRequests.id));

  const requests = open.map((r) => {
    const status = r.status as "pending" | "needs_info";
    const ageMs = now.getTime() - r.createdAt.getTime();
    // Pending: past the point where the mentor is reminded. Needs-info: the mentee has not answered for two days
    // (updatedAt is when the mentor asked: the request is not touched again until the mentee answers).
    const pendingStuck = status === "pending" && ageMs >= program.requestReminderHours * HOUR;
    const infoStuck = status === "needs_info" && now.getTime() - r.updatedAt.getTime() >= NEEDS_INFO_STUCK_HOURS * HOUR;
    return {
      id: r.id,
      status,
      mentee: { id: r.menteeId, name: r.menteeName },
      mentor: { id: r.mentorId, name: r.mentorName },
      createdAt: r.createdAt,
      ageHours: Math.floor(ageMs / HOUR),
      expiresAt: r.expiresAt,
      stuck: pendingStuck || infoStuck,
      stuckReason: pendingStuck
        ? `No answer after ${program.requestReminderHours} hours.`
        : infoStuck
          ? `The mentee has not answered the mentor's question for ${NEEDS_INFO_STUCK_HOURS} hours.`
          : null,
    };
  });

  const countRows = await db
    .select({ status: matchRequests.status, n: count() })
    .from(matchRequests)
    .where(eq(matchRequests.programId, programId))
    .groupBy(matchRequests.status);
  const requestCounts = Object.fromEntries(
    requestStatuses.map((s) => [s, Number(countRows.find((r) => r.status === s)?.n ?? 0)]),
  ) as Board["requestCounts"];

  const live = await db
    .select({
      id: matches.id,
      status: matches.status,
      source: matches.source,
      score: matches.score,
      capacityOverrideReason: matches.capacityOverrideReason,
      createdAt: matches.createdAt,
      mentorId: matches.mentorId,
      mentorName: mentorUser.name,
      menteeId: matches.menteeId,
      menteeName: menteeUser.name,
    })
    .from(matches)
    .innerJoin(mentorUser, eq(mentorUser.id, matches.mentorId))
    .innerJoin(menteeUser, eq(menteeUser.id, matches.menteeId))
    .where(and(eq(matches.programId, programId), inArray(matches.status, ["active", "paused"])))
    .orderBy(desc(matches.createdAt), asc(matches.id));
  const matchedMentees = new Set(live.map((m) => m.menteeId));

  const joined = await db
    .select({ userId: programMemberships.userId, createdAt: programMemberships.createdAt })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.role, "mentee")));
  const joinedAt = new Map(joined.map((j) => [j.userId, j.createdAt]));
  const openByMentee = new Map<string, number>();
  for (const r of open) openByMentee.set(r.menteeId, (openByMentee.get(r.menteeId) ?? 0) + 1);

  const unmatchedMentees = pool.mentees
    .filter((m) => !matchedMentees.has(m.userId))
    .map((m) => ({ id: m.userId, name: m.name, joinedAt: joinedAt.get(m.userId) ?? now, openRequests: openByMentee.get(m.userId) ?? 0 }))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.name.localeCompare(b.name));

  const mentors = pool.mentors
    .map((m) => ({
      id: m.userId,
      name: m.name,
      load: m.activeMatches,
      capacity: m.capacity,
      isReady: m.isApproved,
      spare: Math.max(0, m.capacity - m.activeMatches),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    program: {
      id: program.id,
      name: program.name,
      matchingMode: program.matchingMode,
      requestReminderHours: program.requestReminderHours,
      minScore: program.minScore,
    },
    requests,
    requestCounts,
    unmatchedMentees,
    mentors,
    liveMatches: live.map((m) => ({
      id: m.id,
      status: m.status,
      source: m.source,
      mentor: { id: m.mentorId, name: m.mentorName },
      mentee: { id: m.menteeId, name: m.menteeName },
      score: m.score?.total ?? null,
      capacityOverrideReason: m.capacityOverrideReason,
      createdAt: m.createdAt,
    })),
  };
}
