/** Creating, editing, duplicating and archiving programs, and replacing their invite link or code. */
import { and, desc, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { type DbOrTx, pgErrorCode } from "../../../db/client";
import { notificationTemplates } from "../../../db/schema/notifications";
import { codeOfConductVersions, programs } from "../../../db/schema/programs";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { assertWeights } from "../matching/score";
import type { createProgramInput, duplicateProgramInput, regenerateInviteInput, updateProgramInput } from "./program.schema";
import { type ProgramDeps as Deps, inviteLink, lockProgram, newInviteCode, newInviteToken, type ProgramRow } from "./program.service";
import { toProgramStaff } from "./staff-events.service";

function slugTaken(): AppError {
  const message = "Another program already uses this address.";
  return new AppError("CONFLICT", message, { slug: [message] });
}

async function assertSlugFree(tx: DbOrTx, slug: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: programs.id })
    .from(programs)
    .where(exceptId ? and(eq(programs.slug, slug), ne(programs.id, exceptId)) : eq(programs.slug, slug));
  if (taken) throw slugTaken();
}

/** A concurrent insert can still hit the unique index after the check: answer it the same way. */
function conflictOnSlug(err: unknown): never {
  if (pgErrorCode(err) === "23505") throw slugTaken();
  throw err;
}

type Settings = Pick<ProgramRow, "requestDeadlineHours" | "requestReminderHours" | "startsOn" | "endsOn"> & { weights: unknown };

/** The rules between settings, checked on the values the program will have after the change. */
function assertSettings(s: Settings) {
  assertWeights(s.weights as Record<string, unknown>);
  if (s.requestReminderHours >= s.requestDeadlineHours) {
    throw AppError.field(
      "requestReminderHours",
      `The reminder must come before the deadline: use 1 to ${s.requestDeadlineHours - 1} hours when the deadline is ${s.requestDeadlineHours} hours.`,
    );
  }
  if (s.startsOn && s.endsOn && s.endsOn < s.startsOn) {
    throw AppError.field("endsOn", "The end date must be on or after the start date.");
  }
}

const DEFAULT_SETTINGS = {
  weights: { skills: 60, availability: 20, communication: 10, capacity: 10 },
  requestDeadlineHours: 72,
  requestReminderHours: 48,
  startsOn: null,
  endsOn: null,
};

export async function createProgram(deps: Deps, actor: SessionUser, input: z.output<typeof createProgramInput>) {
  assertSettings({ ...DEFAULT_SETTINGS, ...input });
  return deps.db
    .transaction(async (tx) => {
      await assertSlugFree(tx, input.slug);
      const now = deps.clock.now();
      const [p] = await tx
        .insert(programs)
        .values({ ...input, inviteToken: newInviteToken(), inviteCode: newInviteCode(), createdAt: now, updatedAt: now })
        .returning({ id: programs.id });
      if (!p) throw new Error("no program row");
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "program.create",
        targetType: "program",
        targetId: p.id,
        detail: input.name,
        programId: p.id,
      });
      return p;
    })
    .catch(conflictOnSlug);
}

export async function updateProgram(deps: Deps, actor: SessionUser, input: z.output<typeof updateProgramInput>) {
  const { programId, ...changes } = input;
  if (!actor.isPlatformAdmin && (changes.slug !== undefined || changes.status !== undefined)) {
    throw new AppError("FORBIDDEN", "Only platform administrators change a program's address or status.");
  }
  await deps.db
    .transaction(async (tx) => {
      const current = await lockProgram(tx, programId);
      assertSettings({ ...current, ...changes });
      if (changes.slug !== undefined) await assertSlugFree(tx, changes.slug, programId);
      if (changes.status !== undefined && current.status === "archived") {
        throw AppError.field("status", "This program is archived. Unarchive it first.");
      }
      await tx
        .update(programs)
        .set({ ...changes, updatedAt: deps.clock.now() })
        .where(eq(programs.id, programId));
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "program.update",
        targetType: "program",
        targetId: programId,
        detail: JSON.stringify(changes),
        programId,
      });
      await toProgramStaff(deps.realtime, tx, programId, "program:changed", { programId, what: "settings" });
    })
    .catch(conflictOnSlug);
}

/**
 * A new draft program with the same settings, checklist, latest code of conduct and message template overrides.
 * People are not copied, and the invite link and code are new so old invitations do not lead to the copy.
 */
export async function duplicateProgram(deps: Deps, actor: SessionUser, input: z.output<typeof duplicateProgramInput>) {
  return deps.db
    .transaction(async (tx) => {
      const source = await lockProgram(tx, input.programId);
      await assertSlugFree(tx, input.slug);
      const now = deps.clock.now();
      const { id: _id, createdAt: _c, updatedAt: _u, archivedAt: _a, inviteToken: _t, inviteCode: _k, ...settings } = source;
      const [copy] = await tx
        .insert(programs)
        .values({
          ...settings,
          name: input.name,
          slug: input.slug,
          status: "draft",
          inviteToken: newInviteToken(),
          inviteCode: newInviteCode(),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: programs.id });
      if (!copy) throw new Error("no program row");
      const [conduct] = await tx
        .select({ body: codeOfConductVersions.body })
        .from(codeOfConductVersions)
        .where(eq(codeOfConductVersions.programId, source.id))
        .orderBy(desc(codeOfConductVersions.version))
        .limit(1);
      if (conduct) {
        await tx
          .insert(codeOfConductVersions)
          .values({ programId: copy.id, version: 1, body: conduct.body, createdBy: actor.id, createdAt: now });
      }
      const templates = await tx.select().from(notificationTemplates).where(eq(notificationTemplates.scope, source.id));
      if (templates.length > 0) {
        await tx
          .insert(notificationTemplates)
          .values(templates.map(({ id: _tid, ...t }) => ({ ...t, scope: copy.id, updatedBy: actor.id, updatedAt: now })));
      }
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "program.duplicate",
        targetType: "program",
        targetId: copy.id,
        detail: `copy of ${source.name} (${source.id})`,
        programId: copy.id,
      });
      return { id: copy.id };
    })
    .catch(conflictOnSlug);
}

export async function setArchived(deps: Deps, actor: SessionUser, programId: string, archived: boolean) {
  await deps.db.transaction(async (tx) => {
    const current = await lockProgram(tx, programId);
    if (archived === (current.status === "archived")) {
      throw new AppError("CONFLICT", archived ? "This program is archived already." : "This program is not archived.");
    }
    const now = deps.clock.now();
    await tx
      .update(programs)
      .set(archived ? { status: "archived", archivedAt: now, updatedAt: now } : { status: "active", archivedAt: null, updatedAt: now })
      .where(eq(programs.id, programId));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: archived ? "program.archive" : "program.unarchive",
      targetType: "program",
      targetId: programId,
      detail: current.name,
      programId,
    });
    await toProgramStaff(deps.realtime, tx, programId, "program:changed", { programId, what: "status" });
  });
}

/** A new invite link token or code; the old one stops working at once. */
export async function regenerateInvite(deps: Deps, actor: SessionUser, input: z.output<typeof regenerateInviteInput>) {
  return deps.db.transaction(async (tx) => {
    await lockProgram(tx, input.programId);
    const set = input.kind === "link" ? { inviteToken: newInviteToken() } : { inviteCode: newInviteCode() };
    const [row] = await tx
      .update(programs)
      .set({ ...set, updatedAt: deps.clock.now() })
      .where(eq(programs.id, input.programId))
      .returning({ token: programs.inviteToken, code: programs.inviteCode });
    if (!row) throw new AppError("NOT_FOUND", "Program not found.");
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: input.kind === "link" ? "program.regenerate_invite_link" : "program.regenerate_invite_code",
      targetType: "program",
      targetId: input.programId,
      programId: input.programId,
    });
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "invite" });
    return { ...row, link: inviteLink(deps.publicUrl, row.token) };
  });
}
