import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, DbOrTx } from "../../../db/client";
import { matches } from "../../../db/schema/matching";
import { programMemberships } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { hasProgramRole } from "../program/program-membership.service";
import type { MatchDeps } from "./match-core.service";

export type Deps = MatchDeps & { db: Db };

export const person = z.object({ id: z.string(), name: z.string() });

/** A score as people see it: total, points per criterion and up to three plain reasons. */
export const scoreOutput = z.object({
  total: z.number(),
  breakdown: z.array(z.object({ criterion: z.string(), weight: z.number(), raw: z.number(), points: z.number() })),
  reasons: z.array(z.string()),
});

/** Platform admins and the program's active coordinators. */
export async function isProgramStaff(db: DbOrTx, user: SessionUser, programId: string): Promise<boolean> {
  if (user.isPlatformAdmin) return true;
  return hasProgramRole(db, user.id, programId, ["coordinator"]);
}

/**
 * The user ids in `ids` that hold `role` in the program (any membership status): ids outside the program
 * are refused by name before anything is written.
 */
export async function assertMembers(db: DbOrTx, programId: string, ids: { field: string; userId: string; role: "mentor" | "mentee" }[]) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ userId: programMemberships.userId, role: programMemberships.role, status: programMemberships.status })
    .from(programMemberships)
    .where(
      and(
        eq(programMemberships.programId, programId),
        inArray(
          programMemberships.userId,
          ids.map((i) => i.userId),
        ),
      ),
    );
  for (const i of ids) {
    const member = rows.find((r) => r.userId === i.userId && r.role === i.role);
    if (!member) throw AppError.field(i.field, `This person is not a ${i.role} of this program.`);
  }
}

const mentorUser = alias(users, "mentor_user");
const menteeUser = alias(users, "mentee_user");

/** One match with both names; null when it does not exist. */
export async function loadMatch(db: DbOrTx, matchId: string) {
  const [m] = await db
    .select({
      id: matches.id,
      programId: matches.programId,
      status: matches.status,
      source: matches.source,
      score: matches.score,
      capacityOverrideReason: matches.capacityOverrideReason,
      replacesMatchId: matches.replacesMatchId,
      createdAt: matches.createdAt,
      endedAt: matches.endedAt,
      mentorId: matches.mentorId,
      menteeId: matches.menteeId,
      mentorName: mentorUser.name,
      menteeName: menteeUser.name,
    })
    .from(matches)
    .innerJoin(mentorUser, eq(mentorUser.id, matches.mentorId))
    .innerJoin(menteeUser, eq(menteeUser.id, matches.menteeId))
    .where(eq(matches.id, matchId));
  return m ?? null;
}

/**
 * Who the viewer is to this match. Strangers get NOT_FOUND so match ids of other programs are not confirmed
 * to exist.
 */
export async function viewerOf(db: DbOrTx, user: SessionUser, match: { programId: string; mentorId: string; menteeId: string }) {
  const isStaff = await isProgramStaff(db, user, match.programId);
  const isMentor = match.mentorId === user.id;
  const isMentee = match.menteeId === user.id;
  if (!isStaff && !isMentor && !isMentee) throw new AppError("NOT_FOUND", "This match does not exist.");
  return { isStaff, isMentor, isMentee };
}
