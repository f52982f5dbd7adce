/**
 * Live signals for a program's coordinators and the platform admins. Coordinators are looked up at send time
 * (inside the caller's transaction) rather than kept in socket rooms, so an appointment takes effect at once
 * without reconnecting.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { programMemberships } from "../../../db/schema/programs";
import type { RealtimeEventData, RealtimeEventName } from "../../realtime/events";
import { ADMIN_ROOM, type Realtime } from "../../realtime/realtime";

export async function programCoordinatorIds(db: DbOrTx, programId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: programMemberships.userId })
    .from(programMemberships)
    .where(
      and(eq(programMemberships.programId, programId), eq(programMemberships.role, "coordinator"), eq(programMemberships.status, "active")),
    );
  return rows.map((r) => r.userId);
}

/** Sends `event` to every active coordinator of the program and to the admins' room. */
export async function toProgramStaff<E extends RealtimeEventName>(
  realtime: Realtime,
  db: DbOrTx,
  programId: string,
  event: E,
  data: RealtimeEventData<E>,
): Promise<void> {
  for (const userId of await programCoordinatorIds(db, programId)) await realtime.toUser(db, userId, event, data);
  await realtime.toRoom(db, ADMIN_ROOM, event, data);
}
