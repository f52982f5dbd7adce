/**
 * Read models of the request module: mentor cards (suggestions, browsing) and full request views with the
 * mentee's card, intake and the thread. One query per kind of data, never one per request.
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { matchRequestEvents, matchRequests } from "../../../db/schema/matching";
import { programIntakes, programMemberships } from "../../../db/schema/programs";
import { menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";
import { photoUrl } from "../auth/me.service";
import { spareCapacity } from "../matching/constraints";
import type { PoolMentor } from "../matching/program-pool.service";
import { reasonsFor } from "../matching/score-reasons";
import { canonicalSkills } from "../matching/skills";
import type { MentorCard, RequestView } from "./request.schema";

/** Steps written in the same instant (one transaction) keep the lifecycle's order. */
const kindOrder: Record<(typeof matchRequestEvents.$inferSelect)["kind"], number> = {
  created: 0,
  asked: 1,
  answered: 2,
  reminded: 3,
  accepted: 4,
  declined: 4,
  withdrawn: 4,
  expired: 4,
};

/** Cards for pool mentors: what a mentee sees before asking (never email or phone). */
export async function mentorCards(db: DbOrTx, mentors: readonly PoolMentor[]): Promise<Map<string, MentorCard>> {
  if (mentors.length === 0) return new Map();
  const rows = await db
    .select({
      id: users.id,
      photoFileId: users.photoFileId,
      languages: users.languages,
      timezone: users.timezone,
      lastActiveAt: users.lastActiveAt,
      headline: mentorProfiles.headline,
    })
    .from(users)
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .where(
      inArray(
        users.id,
        mentors.map((m) => m.userId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, MentorCard>();
  for (const m of mentors) {
    const r = byId.get(m.userId);
    out.set(m.userId, {
      userId: m.userId,
      name: m.name,
      photoUrl: photoUrl(r?.photoFileId ?? null),
      headline: r?.headline ?? "",
      topics: canonicalSkills(m.skills).map((s) => s.label),
      languages: r?.languages ?? [],
      timezone: r?.timezone ?? m.timeZone,
      capacity: m.capacity,
      sparePlaces: spareCapacity(m),
      lastActiveAt: r?.lastActiveAt ?? null,
    });
  }
  return out;
}

/**
 * Requests matching `where`, newest first, with both people, the mentee's intake and the thread; score reasons
 * are worded for `viewerId` (the mentee reads "you", the mentor reads the mentee's name, anyone else both names).
 */
export async function requestViews(db: DbOrTx, where: SQL | undefined, viewerId: string): Promise<RequestView[]> {
  const rows = await db.select().from(matchRequests).where(where).orderBy(asc(matchRequests.createdAt));
  if (rows.length === 0) return [];
  rows.reverse();
  const userIds = [...new Set(rows.flatMap((r) => [r.mentorId, r.menteeId]))];
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      photoFileId: users.photoFileId,
      timezone: users.timezone,
      languages: users.languages,
      lastActiveAt: users.lastActiveAt,
      headline: mentorProfiles.headline,
      background: menteeProfiles.background,
      level: menteeProfiles.level,
    })
    .from(users)
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .leftJoin(menteeProfiles, eq(menteeProfiles.userId, users.id))
    .where(inArray(users.id, userIds));
  const person = new Map(people.map((p) => [p.id, p]));
  const programIds = [...new Set(rows.map((r) => r.programId))];
  const menteeIds = [...new Set(rows.map((r) => r.menteeId))];
  const intakes = await db
    .select({
      programId: programMemberships.programId,
      userId: programMemberships.userId,
      skills: programIntakes.skills,
      goals: programIntakes.goals,
      preferredStyle: programIntakes.preferredStyle,
      availability: programIntakes.availability,
      communication: programIntakes.communication,
      urgency: programIntakes.urgency,
    })
    .from(programIntakes)
    .innerJoin(programMemberships, eq(programMemberships.id, programIntakes.membershipId))
    .where(
      and(
        inArray(programMemberships.programId, programIds),
        inArray(programMemberships.userId, menteeIds),
        eq(programMemberships.role, "mentee"),
      ),
    );
  const events = await db
    .select({
      requestId: matchRequestEvents.requestId,
      kind: matchRequestEvents.kind,
      actorName: users.name,
      body: matchRequestEvents.body,
      createdAt: matchRequestEvents.createdAt,
    })
    .from(matchRequestEvents)
    .leftJoin(users, eq(users.id, matchRequestEvents.actorId))
    .where(
      inArray(
        matchRequestEvents.requestId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(matchRequestEvents.createdAt));

  return rows.map((r) => {
    const mentor = person.get(r.mentorId);
    const mentee = person.get(r.menteeId);
    const intake = intakes.find((i) => i.programId === r.programId && i.userId === r.menteeId);
    return {
      id: r.id,
      programId: r.programId,
      status: r.status,
      message: r.message,
      score: r.score && {
        ...r.score,
        reasons: reasonsFor(r.score.reasons, r.menteeId === viewerId ? "mentee" : r.mentorId === viewerId ? "mentor" : "staff", {
          mentorName: mentor?.name ?? "",
          menteeName: mentee?.name ?? "",
        }),
      },
      expiresAt: r.expiresAt,
      respondedAt: r.respondedAt,
      declineReason: r.declineReason,
      matchId: r.matchId,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      mentor: {
        userId: r.mentorId,
        name: mentor?.name ?? "",
        photoUrl: photoUrl(mentor?.photoFileId ?? null),
        headline: mentor?.headline ?? "",
        lastActiveAt: mentor?.lastActiveAt ?? null,
      },
      mentee: {
        userId: r.menteeId,
        name: mentee?.name ?? "",
        photoUrl: photoUrl(mentee?.photoFileId ?? null),
        timezone: mentee?.timezone ?? "UTC",
        languages: mentee?.languages ?? [],
        background: mentee?.background ?? "",
        level: mentee?.level ?? null,
        intake: intake
          ? {
              skills: intake.skills,
              goals: intake.goals,
              preferredStyle: intake.preferredStyle,
              availability: intake.availability,
              communication: intake.communication,
              urgency: intake.urgency,
            }
          : null,
      },
      events: events
        .filter((e) => e.requestId === r.id)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || kindOrder[a.kind] - kindOrder[b.kind])
        .map((e) => ({ kind: e.kind, actorName: e.actorName, body: e.body, createdAt: e.createdAt })),
    };
  });
}
