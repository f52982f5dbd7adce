import { and, asc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { matches } from "../../../db/schema/matching";
import { programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";

const mentorUser = alias(users, "mentor_user");
const menteeUser = alias(users, "mentee_user");

/**
 * The caller's active matches across programs: the pairs they can book sessions for. Filtered by the caller in
 * the WHERE clause, so nobody sees anyone else's.
 */
export async function myBookableMatches(db: DbOrTx, actor: SessionUser) {
  const rows = await db
    .select({
      matchId: matches.id,
      programId: matches.programId,
      programName: programs.name,
      mentorId: matches.mentorId,
      mentorName: mentorUser.name,
      menteeId: matches.menteeId,
      menteeName: menteeUser.name,
    })
    .from(matches)
    .innerJoin(programs, eq(programs.id, matches.programId))
    .innerJoin(mentorUser, eq(mentorUser.id, matches.mentorId))
    .innerJoin(menteeUser, eq(menteeUser.id, matches.menteeId))
    .where(and(eq(matches.status, "active"), or(eq(matches.mentorId, actor.id), eq(matches.menteeId, actor.id))))
    .orderBy(asc(programs.name), asc(matches.createdAt));
  return rows.map((r) => {
    const isMentor = r.mentorId === actor.id;
    return {
      matchId: r.matchId,
      programId: r.programId,
      programName: r.programName,
      myRole: isMentor ? ("mentor" as const) : ("mentee" as const),
      partner: isMentor ? { id: r.menteeId, name: r.menteeName } : { id: r.mentorId, name: r.mentorName },
    };
  });
}
