/**
 * Links shared in a session and removing any resource (files are added by session-files.service.ts). Participants
 * add; a resource is removed by its adder or the program's staff; a cancelled session's resources stay as they were.
 */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { sessionResources } from "../../../db/schema/scheduling";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { type AddLinkInput, MAX_RESOURCES } from "./session-record.schema";
import { assertCanEdit, loadRecordAccess, type RecordDeps, signalRecordChanged } from "./session-record-access";

export const resourceDownloadPath = (resourceId: string) => `/files/session-resources/${resourceId}`;

export async function assertRoomForResource(tx: DbOrTx, sessionId: string) {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionResources)
    .where(eq(sessionResources.sessionId, sessionId));
  if (Number(n) >= MAX_RESOURCES) throw AppError.field("title", `A session holds at most ${MAX_RESOURCES} resources. Remove one first.`);
}

export async function addLink(deps: RecordDeps, actor: SessionUser, input: AddLinkInput) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, input.sessionId, { lock: true });
    assertCanEdit(access);
    await assertRoomForResource(tx, input.sessionId);
    const [row] = await tx
      .insert(sessionResources)
      .values({
        sessionId: input.sessionId,
        kind: "link",
        title: input.title,
        url: input.url,
        addedBy: actor.id,
        createdAt: deps.clock.now(),
      })
      .returning({ id: sessionResources.id });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.add_link",
      targetType: "session",
      targetId: input.sessionId,
      programId: access.session.programId,
      detail: input.url,
    });
    await signalRecordChanged(deps, tx, access);
    return { id: row!.id };
  });
}

/** Its adder or the program's staff remove a resource; a file's bytes go once the row is gone. */
export async function removeResource(
  deps: RecordDeps & { files: { delete(key: string): Promise<void> } },
  actor: SessionUser,
  resourceId: string,
) {
  const fileKey = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .select({
        sessionId: sessionResources.sessionId,
        addedBy: sessionResources.addedBy,
        fileKey: sessionResources.fileKey,
        title: sessionResources.title,
      })
      .from(sessionResources)
      .where(eq(sessionResources.id, resourceId));
    if (!r) throw new AppError("NOT_FOUND", "This resource does not exist.");
    const access = await loadRecordAccess(tx, actor, r.sessionId, { lock: true });
    if (!access.isStaff && !(access.own && r.addedBy === actor.id))
      throw new AppError("FORBIDDEN", "Only the person who added it, or the program's staff, remove a resource.");
    if (access.session.status === "cancelled") throw new AppError("CONFLICT", "This session was cancelled, so its record is read-only.");
    const deleted = await tx.delete(sessionResources).where(eq(sessionResources.id, resourceId)).returning({ id: sessionResources.id });
    if (deleted.length === 0) throw new AppError("NOT_FOUND", "This resource does not exist.");
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.remove_resource",
      targetType: "session",
      targetId: r.sessionId,
      programId: access.session.programId,
      detail: r.title,
    });
    await signalRecordChanged(deps, tx, access);
    return r.fileKey;
  });
  if (fileKey) await deps.files.delete(fileKey).catch(() => {});
}
