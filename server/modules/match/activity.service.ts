/**
 * Loads what a page of activity entries points at (sessions, matches, requests, proposals, memberships) in a few
 * queries, and the viewer's zone, so activity-wording.ts can write each entry as a sentence.
 */
import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { matches, matchRequests, matchSuggestions } from "../../../db/schema/matching";
import { programMemberships } from "../../../db/schema/programs";
import { sessionParticipants, sessionProposals, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import {
  type ActivityEntry,
  type ActivityLine,
  type ActivityTargets,
  activityLine,
  type Pair,
  type SessionTarget,
} from "./activity-wording";

const mentorUser = alias(users, "activity_mentor");
const menteeUser = alias(users, "activity_mentee");

type PairRow = { id: string; mentorId: string; mentorName: string; menteeId: string; menteeName: string };
const toPair = (r: PairRow): Pair => ({ mentorId: r.mentorId, mentorName: r.mentorName, menteeId: r.menteeId, menteeName: r.menteeName });

export async function activityTargets(db: DbOrTx, viewerId: string, entries: readonly ActivityEntry[]): Promise<ActivityTargets> {
  const idsOf = (...types: string[]) => [
    ...new Set(entries.filter((e) => e.targetId && types.includes(e.targetType ?? "")).map((e) => e.targetId as string)),
  ];
  const [viewer] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, viewerId));
  const pairs = new Map<string, Pair>();
  const sessionMap = new Map<string, SessionTarget>();
  const members = new Map<string, { userId: string; name: string; role: string }>();
  const pairColumns = {
    mentorId: mentorUser.id,
    mentorName: mentorUser.name,
    menteeId: menteeUser.id,
    menteeName: menteeUser.name,
  };

  const matchIds = idsOf("match");
  if (matchIds.length > 0) {
    const rows = await db
      .select({ id: matches.id, ...pairColumns })
      .from(matches)
      .innerJoin(mentorUser, eq(mentorUser.id, matches.mentorId))
      .innerJoin(menteeUser, eq(menteeUser.id, matches.menteeId))
      .where(inArray(matches.id, matchIds));
    for (const r of rows) pairs.set(r.id, toPair(r));
  }
  const requestIds = idsOf("request");
  if (requestIds.length > 0) {
    const rows = await db
      .select({ id: matchRequests.id, ...pairColumns })
      .from(matchRequests)
      .innerJoin(mentorUser, eq(mentorUser.id, matchRequests.mentorId))
      .innerJoin(menteeUser, eq(menteeUser.id, matchRequests.menteeId))
      .where(inArray(matchRequests.id, requestIds));
    for (const r of rows) pairs.set(r.id, toPair(r));
  }
  const suggestionIds = idsOf("match_suggestion");
  if (suggestionIds.length > 0) {
    const rows = await db
      .select({ id: matchSuggestions.id, ...pairColumns })
      .from(matchSuggestions)
      .innerJoin(mentorUser, eq(mentorUser.id, matchSuggestions.mentorId))
      .innerJoin(menteeUser, eq(menteeUser.id, matchSuggestions.menteeId))
      .where(inArray(matchSuggestions.id, suggestionIds));
    for (const r of rows) pairs.set(r.id, toPair(r));
  }
  const proposalIds = idsOf("session_proposal");
  if (proposalIds.length > 0) {
    const rows = await db
      .select({ id: sessionProposals.id, ...pairColumns })
      .from(sessionProposals)
      .innerJoin(matches, eq(matches.id, sessionProposals.matchId))
      .innerJoin(mentorUser, eq(mentorUser.id, matches.mentorId))
      .innerJoin(menteeUser, eq(menteeUser.id, matches.menteeId))
      .where(inArray(sessionProposals.id, proposalIds));
    for (const r of rows) pairs.set(r.id, toPair(r));
  }
  const sessionIds = idsOf("session");
  if (sessionIds.length > 0) {
    const rows = await db
      .select({
        id: sessions.id,
        start: sessions.start,
        kind: sessions.kind,
        title: sessions.title,
        mentorId: matches.mentorId,
        menteeId: matches.menteeId,
      })
      .from(sessions)
      .leftJoin(matches, eq(matches.id, sessions.matchId))
      .where(inArray(sessions.id, sessionIds));
    const hosts = await db
      .select({ sessionId: sessionParticipants.sessionId, userId: sessionParticipants.userId })
      .from(sessionParticipants)
      .where(and(inArray(sessionParticipants.sessionId, sessionIds), eq(sessionParticipants.role, "mentor")));
    const peopleIds = [...new Set(rows.flatMap((r) => [r.mentorId, r.menteeId]).concat(hosts.map((h) => h.userId)))].filter(
      (x): x is string => !!x,
    );
    const names = new Map(
      peopleIds.length > 0
        ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds))).map((u) => [u.id, u.name])
        : [],
    );
    for (const r of rows) {
      const hostId = hosts.find((h) => h.sessionId === r.id)?.userId;
      sessionMap.set(r.id, {
        start: r.start,
        kind: r.kind,
        title: r.title,
        hostName: (hostId && names.get(hostId)) || "",
        pair:
          r.mentorId && r.menteeId
            ? {
                mentorId: r.mentorId,
                mentorName: names.get(r.mentorId) ?? "",
                menteeId: r.menteeId,
                menteeName: names.get(r.menteeId) ?? "",
              }
            : null,
      });
    }
  }
  const membershipIds = idsOf("membership");
  if (membershipIds.length > 0) {
    const rows = await db
      .select({ id: programMemberships.id, userId: users.id, name: users.name, role: programMemberships.role })
      .from(programMemberships)
      .innerJoin(users, eq(users.id, programMemberships.userId))
      .where(inArray(programMemberships.id, membershipIds));
    for (const r of rows) members.set(r.id, { userId: r.userId, name: r.name, role: r.role });
  }
  return { viewerId, viewerZone: viewer?.timezone ?? "UTC", sessions: sessionMap, pairs, members };
}

/** Each entry with its sentence and note, for the viewer. */
export async function describeActivity<E extends ActivityEntry>(
  db: DbOrTx,
  viewerId: string,
  entries: readonly E[],
): Promise<(E & ActivityLine)[]> {
  const targets = await activityTargets(db, viewerId, entries);
  return entries.map((e) => ({ ...e, ...activityLine(e, targets) }));
}
