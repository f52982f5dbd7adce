/**
 * The one question "does this person hold one of these roles, active, in this program?", asked by the procedure
 * builders (server/trpc.ts) and by services that check a role themselves. Each caller keeps its own answer to
 * "no": FORBIDDEN with its own sentence, or NOT_FOUND where the existence of a record must not be confirmed.
 * Platform admins are not members; callers that let them pass check `isPlatformAdmin` first.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { programMemberships } from "../../../db/schema/programs";

export type ProgramRole = "mentor" | "mentee" | "coordinator";

export async function hasProgramRole(db: DbOrTx, userId: string, programId: string, roles: readonly ProgramRole[]): Promise<boolean> {
  const [row] = await db
    .select({ id: programMemberships.id })
    .from(programMemberships)
    .where(
      and(
        eq(programMemberships.programId, programId),
        eq(programMemberships.userId, userId),
        eq(programMemberships.status, "active"),
        inArray(programMemberships.role, [...roles]),
      ),
    )
    .limit(1);
  return row !== undefined;
}
