/**
 * Action items agreed in a session: an owner among the participants, an optional due date, done or not (who and
 * when). Each person also sees their open items across their sessions that were not cancelled.
 */
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { sessionActionItems, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { type AddActionItemInput, MAX_ACTION_ITEMS, type SetActionItemDoneInput } from "./session-record.schema";
import { assertCanEdit, loadRecordAccess, type RecordDeps, signalRecordChanged } from "./session-record-access";

export async function addActionItem(deps: RecordDeps, actor: SessionUser, input: AddActionItemInput) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, input.sessionId, { lock: true });
    assertCanEdit(access);
    if (!access.participants.some((p) => p.id === input.ownerId))
      throw AppError.field("ownerId", "Choose someone who takes part in this session.");
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(sessionActionItems)
      .where(eq(sessionActionItems.sessionId, input.sessionId));
    if (Number(n) >= MAX_ACTION_ITEMS) throw AppError.field("title", `A session holds at most ${MAX_ACTION_ITEMS} action items.`);
    const [row] = await tx
      .insert(sessionActionItems)
      .values({
        sessionId: input.sessionId,
        title: input.title,
        ownerId: input.ownerId,
        dueOn: input.dueOn,
        createdBy: actor.id,
        createdAt: deps.clock.now(),
      })
      .returning({ id: sessionActionItems.id });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.add_action_item",
      targetType: "session",
      targetId: input.sessionId,
      programId: access.session.programId,
    });
    await signalRecordChanged(deps, tx, access);
    return { id: row!.id };
  });
}

export async function setActionItemDone(deps: RecordDeps, actor: SessionUser, input: SetActionItemDoneInput) {
  return deps.db.transaction(async (tx) => {
    const [item] = await tx
      .select({ sessionId: sessionActionItems.sessionId })
      .from(sessionActionItems)
      .where(eq(sessionActionItems.id, input.itemId));
    if (!item) throw new AppError("NOT_FOUND", "This action item does not exist.");
    const access = await loadRecordAccess(tx, actor, item.sessionId, { lock: true });
    assertCanEdit(access);
    const now = deps.clock.now();
    await tx
      .update(sessionActionItems)
      .set(input.done ? { doneAt: now, doneBy: actor.id } : { doneAt: null, doneBy: null })
      .where(eq(sessionActionItems.id, input.itemId));
    await signalRecordChanged(deps, tx, access);
    return { ok: true as const };
  });
}

/** The caller's open action items across all their sessions, oldest due first (undated last). */
export async function myActionItems(deps: RecordDeps, actor: SessionUser) {
  const rows = await deps.db
    .select({
      id: sessionActionItems.id,
      title: sessionActionItems.title,
      dueOn: sessionActionItems.dueOn,
      sessionId: sessions.id,
      sessionStart: sessions.start,
      kind: sessions.kind,
      groupTitle: sessions.title,
    })
    .from(sessionActionItems)
    .innerJoin(sessions, eq(sessions.id, sessionActionItems.sessionId))
    // A cancelled session's items can no longer be ticked, so they are nobody's open work.
    .where(and(eq(sessionActionItems.ownerId, actor.id), isNull(sessionActionItems.doneAt), ne(sessions.status, "cancelled")))
    .orderBy(sql`${sessionActionItems.dueOn} asc nulls last`, asc(sessions.start))
    .limit(200);
  const sessionIds = [...new Set(rows.map((r) => r.sessionId))];
  const others =
    sessionIds.length === 0
      ? []
      : await deps.db
          .select({ sessionId: sessionParticipants.sessionId, userId: users.id, name: users.name })
          .from(sessionParticipants)
          .innerJoin(users, eq(users.id, sessionParticipants.userId))
          .where(inArray(sessionParticipants.sessionId, sessionIds));
  return rows.map((r) => {
    const names = others.filter((o) => o.sessionId === r.sessionId && o.userId !== actor.id).map((o) => o.name);
    return {
      id: r.id,
      title: r.title,
      dueOn: r.dueOn,
      sessionId: r.sessionId,
      sessionStart: r.sessionStart,
      sessionTitle: r.kind === "group" && r.groupTitle ? r.groupTitle : `Session with ${names.join(", ") || "you"}`,
    };
  });
}
