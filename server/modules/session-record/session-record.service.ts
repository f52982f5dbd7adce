/**
 * The session record: agenda, shared notes, private notes, resources and action items. Every change runs in one
 * transaction that locks the session row, checks who may change it, writes, audits and tells every participant
 * ("session:changed"). Agenda and shared notes carry the record's updatedAt: a save based on an older version is
 * refused with CONFLICT, so two people typing at once never silently overwrite each other.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { sessionActionItems, sessionParticipants, sessionPrivateNotes, sessionResources, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import {
  type AddActionItemInput,
  type AddLinkInput,
  CHECK_IN_OPENS_MINUTES,
  MAX_ACTION_ITEMS,
  MAX_RESOURCES,
  type RecordOutput,
  type SaveAgendaInput,
  type SavePrivateNoteInput,
  type SaveSharedNotesInput,
  type SetActionItemDoneInput,
} from "./session-record.schema";
import { assertCanEdit, loadRecordAccess, markableBy, type RecordAccess, type RecordDeps } from "./session-record-access";

const MINUTE = 60_000;
const STALE = "Someone else changed the notes; your text is kept, reload to merge.";

export const resourceDownloadPath = (resourceId: string) => `/files/session-resources/${resourceId}`;

/** Tells every participant to refetch; called inside the change's transaction (sent on commit). */
export async function signalRecordChanged(deps: RecordDeps, tx: DbOrTx, access: RecordAccess, status = access.session.status) {
  const signal = { sessionId: access.session.id, programId: access.session.programId, status };
  for (const p of access.participants) await deps.realtime.toUser(tx, p.id, "session:changed", signal);
}

export function canComplete(access: RecordAccess, now: Date): boolean {
  return (!!access.own || access.isStaff) && access.session.status === "confirmed" && now.getTime() >= access.session.start.getTime();
}

const addedByUser = alias(users, "added_by_user");
const ownerUser = alias(users, "owner_user");
const doneByUser = alias(users, "done_by_user");
const completedByUser = alias(users, "completed_by_user");

const personOf = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

export async function getRecord(deps: RecordDeps, actor: SessionUser, sessionId: string): Promise<RecordOutput> {
  const access = await loadRecordAccess(deps.db, actor, sessionId);
  const { session, own, isStaff } = access;
  const [detail] = await deps.db
    .select({
      programName: programs.name,
      meetUrl: sessions.meetUrl,
      cancelReason: sessions.cancelReason,
      agenda: sessions.agenda,
      sharedNotes: sessions.sharedNotes,
      completedAt: sessions.completedAt,
      completedById: completedByUser.id,
      completedByName: completedByUser.name,
    })
    .from(sessions)
    .innerJoin(programs, eq(programs.id, sessions.programId))
    .leftJoin(completedByUser, eq(completedByUser.id, sessions.completedBy))
    .where(eq(sessions.id, sessionId));
  if (!detail) throw new AppError("NOT_FOUND", "This session does not exist.");
  // Private notes are read by their author only: the WHERE clause holds the reader's id, staff get none.
  const [note] = own
    ? await deps.db
        .select({ body: sessionPrivateNotes.body, updatedAt: sessionPrivateNotes.updatedAt })
        .from(sessionPrivateNotes)
        .where(and(eq(sessionPrivateNotes.sessionId, sessionId), eq(sessionPrivateNotes.userId, actor.id)))
    : [];
  const resources = await deps.db
    .select({
      id: sessionResources.id,
      kind: sessionResources.kind,
      title: sessionResources.title,
      url: sessionResources.url,
      contentType: sessionResources.contentType,
      byteSize: sessionResources.byteSize,
      addedById: addedByUser.id,
      addedByName: addedByUser.name,
      createdAt: sessionResources.createdAt,
    })
    .from(sessionResources)
    .leftJoin(addedByUser, eq(addedByUser.id, sessionResources.addedBy))
    .where(eq(sessionResources.sessionId, sessionId))
    .orderBy(asc(sessionResources.createdAt), asc(sessionResources.id));
  const items = await deps.db
    .select({
      id: sessionActionItems.id,
      title: sessionActionItems.title,
      ownerId: ownerUser.id,
      ownerName: ownerUser.name,
      dueOn: sessionActionItems.dueOn,
      doneAt: sessionActionItems.doneAt,
      doneById: doneByUser.id,
      doneByName: doneByUser.name,
      createdAt: sessionActionItems.createdAt,
    })
    .from(sessionActionItems)
    .leftJoin(ownerUser, eq(ownerUser.id, sessionActionItems.ownerId))
    .leftJoin(doneByUser, eq(doneByUser.id, sessionActionItems.doneBy))
    .where(eq(sessionActionItems.sessionId, sessionId))
    .orderBy(asc(sessionActionItems.createdAt), asc(sessionActionItems.id));
  const now = deps.clock.now();
  const isLive = session.status !== "cancelled";
  return {
    id: session.id,
    kind: session.kind,
    title: session.title,
    programId: session.programId,
    programName: detail.programName,
    matchId: session.matchId,
    start: session.start,
    end: session.end,
    status: session.status,
    meetUrl: detail.meetUrl,
    cancelReason: detail.cancelReason,
    completedAt: detail.completedAt,
    completedBy: personOf(detail.completedById, detail.completedByName),
    viewer: {
      role: own?.role ?? null,
      isStaff,
      canEdit: !!own && isLive,
      canComplete: canComplete(access, now),
      canMark: isLive
        ? access.participants.filter((p) => markableBy(access, p, "no_show") || markableBy(access, p, "attended")).map((p) => p.id)
        : [],
    },
    participants: access.participants,
    agenda: detail.agenda,
    sharedNotes: detail.sharedNotes,
    updatedAt: session.updatedAt,
    privateNote: own ? { body: note?.body ?? "", updatedAt: note?.updatedAt ?? null } : null,
    resources: resources.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      url: r.kind === "file" ? resourceDownloadPath(r.id) : r.url,
      contentType: r.contentType,
      byteSize: r.byteSize,
      addedBy: personOf(r.addedById, r.addedByName),
      createdAt: r.createdAt,
      canRemove: isLive && (isStaff || (!!own && r.addedById === actor.id)),
    })),
    actionItems: items.map((i) => ({
      id: i.id,
      title: i.title,
      owner: personOf(i.ownerId, i.ownerName),
      dueOn: i.dueOn,
      doneAt: i.doneAt,
      doneBy: personOf(i.doneById, i.doneByName),
      createdAt: i.createdAt,
    })),
    checkIn: { opensAt: new Date(session.start.getTime() - CHECK_IN_OPENS_MINUTES * MINUTE), closesAt: session.end },
  };
}

// Agenda and shared notes

function assertFresh(loaded: Date | null, current: Date | null) {
  if ((loaded?.getTime() ?? null) !== (current?.getTime() ?? null)) throw new AppError("CONFLICT", STALE);
}

async function saveSessionText(
  deps: RecordDeps,
  actor: SessionUser,
  input: { sessionId: string; updatedAt: Date },
  field: "agenda" | "sharedNotes",
  text: string,
) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, input.sessionId, { lock: true });
    assertCanEdit(access);
    assertFresh(input.updatedAt, access.session.updatedAt);
    const now = deps.clock.now();
    // The version must move even when the clock has not (two saves within a millisecond, or a fixed test clock).
    const updatedAt = now.getTime() > access.session.updatedAt.getTime() ? now : new Date(access.session.updatedAt.getTime() + 1);
    await tx
      .update(sessions)
      .set({ [field]: text, updatedAt })
      .where(eq(sessions.id, input.sessionId));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: field === "agenda" ? "session.save_agenda" : "session.save_notes",
      targetType: "session",
      targetId: input.sessionId,
      programId: access.session.programId,
    });
    await signalRecordChanged(deps, tx, access);
    return { updatedAt };
  });
}

export const saveAgenda = (deps: RecordDeps, actor: SessionUser, input: SaveAgendaInput) =>
  saveSessionText(deps, actor, input, "agenda", input.agenda);

export const saveSharedNotes = (deps: RecordDeps, actor: SessionUser, input: SaveSharedNotesInput) =>
  saveSessionText(deps, actor, input, "sharedNotes", input.sharedNotes);

/** The author's own note; nobody else is told (no live event, no audit detail). */
export async function savePrivateNote(deps: RecordDeps, actor: SessionUser, input: SavePrivateNoteInput) {
  return deps.db.transaction(async (tx) => {
    const access = await loadRecordAccess(tx, actor, input.sessionId, { lock: true });
    assertCanEdit(access);
    const mine = and(eq(sessionPrivateNotes.sessionId, input.sessionId), eq(sessionPrivateNotes.userId, actor.id));
    const [current] = await tx.select({ updatedAt: sessionPrivateNotes.updatedAt }).from(sessionPrivateNotes).where(mine).for("update");
    assertFresh(input.updatedAt, current?.updatedAt ?? null);
    const now = deps.clock.now();
    const updatedAt = current && now.getTime() <= current.updatedAt.getTime() ? new Date(current.updatedAt.getTime() + 1) : now;
    await tx
      .insert(sessionPrivateNotes)
      .values({ sessionId: input.sessionId, userId: actor.id, body: input.body, updatedAt })
      .onConflictDoUpdate({ target: [sessionPrivateNotes.sessionId, sessionPrivateNotes.userId], set: { body: input.body, updatedAt } });
    return { updatedAt };
  });
}

// Resources

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

// Action items

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
    .where(and(eq(sessionActionItems.ownerId, actor.id), isNull(sessionActionItems.doneAt)))
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
