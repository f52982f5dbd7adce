/**
 * The session record as one read (everything a viewer may see), and its texts: agenda, shared notes, private notes.
 * Every change here and in the resources, action items and attendance services runs in one transaction that locks
 * the session row, checks who may change it, writes, audits and tells every participant ("session:changed"). Agenda and shared notes carry the record's updatedAt: a save based on an older version is
 * refused with CONFLICT, so two people typing at once never silently overwrite each other.
 */
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { programs } from "../../../db/schema/programs";
import { sessionActionItems, sessionPrivateNotes, sessionResources, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import {
  CHECK_IN_OPENS_MINUTES,
  type RecordOutput,
  type SaveAgendaInput,
  type SavePrivateNoteInput,
  type SaveSharedNotesInput,
} from "./session-record.schema";
import { assertCanEdit, canComplete, loadRecordAccess, markableBy, type RecordDeps, signalRecordChanged } from "./session-record-access";
import { resourceDownloadPath } from "./session-resources.service";

const MINUTE = 60_000;
const STALE = "Someone else changed the notes; your text is kept, reload to merge.";

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
