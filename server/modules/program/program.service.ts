/**
 * Programs: the shared pieces (deps, invite codes, the program summary) and the reads of a program.
 *
 * The other program services, one file per part: program-admin (create, edit, duplicate, archive, invites),
 * program-members (roster, approval queue, adding people, member status, approving join requests),
 * program-join (invite links and codes, joining) and program-membership (hasProgramRole, the one role lookup).
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { type ProgramChecklist, programMemberships, programs } from "../../../db/schema/programs";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { absoluteLink, type NotifyDeps } from "../notification/outbox.service";
import type { ProgramDetailOutput, ProgramOutput } from "./program.schema";

export type ProgramDeps = NotifyDeps & { db: Db };
type Deps = ProgramDeps;
export type ProgramRow = typeof programs.$inferSelect;

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32 characters, no 0/O or 1/I look-alikes

export function newInviteCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b & 31]).join("");
}
export function newInviteToken(): string {
  return randomBytes(16).toString("hex");
}

/** A mentor is ready to be matched at once when the program's checklist asks for nothing. */
export function checklistRequiresNothing(c: ProgramChecklist): boolean {
  return !c.codeOfConduct && !c.documents.some((d) => d.required) && !c.trainingUrl && !c.backgroundCheck;
}

export function inviteLink(publicUrl: string, token: string): string {
  return absoluteLink(publicUrl, `/join/${token}`);
}

export function toProgramOutput(p: ProgramRow) {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    description: p.description,
    status: p.status,
    type: p.type,
    joinMode: p.joinMode,
    requiresApproval: p.requiresApproval,
    matchingMode: p.matchingMode,
    weights: p.weights,
    minScore: p.minScore,
    suggestionCount: p.suggestionCount,
    requestDeadlineHours: p.requestDeadlineHours,
    requestReminderHours: p.requestReminderHours,
    openRequestLimit: p.openRequestLimit,
    sessionMinutes: p.sessionMinutes,
    sessionsPerMatch: p.sessionsPerMatch,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    reminderOffsets: p.reminderOffsets,
    timezone: p.timezone,
    blackoutDates: p.blackoutDates,
    bookingConfirmation: p.bookingConfirmation,
    cancelNoticeHours: p.cancelNoticeHours,
    noShowThreshold: p.noShowThreshold,
    archivedAt: p.archivedAt,
  };
}

async function countsByProgram(db: DbOrTx, programIds: string[]) {
  if (programIds.length === 0) return [];
  return db
    .select({ programId: programMemberships.programId, role: programMemberships.role, status: programMemberships.status, n: count() })
    .from(programMemberships)
    .where(and(inArray(programMemberships.programId, programIds), inArray(programMemberships.status, ["active", "pending"])))
    .groupBy(programMemberships.programId, programMemberships.role, programMemberships.status);
}

async function viewerMemberships(db: DbOrTx, viewerId: string) {
  return db
    .select({ programId: programMemberships.programId, role: programMemberships.role, status: programMemberships.status })
    .from(programMemberships)
    .where(and(eq(programMemberships.userId, viewerId), inArray(programMemberships.status, ["active", "pending"])));
}

export async function summarise(db: DbOrTx, viewerId: string, rows: ProgramRow[]): Promise<ProgramOutput[]> {
  if (rows.length === 0) return [];
  const countRows = await countsByProgram(
    db,
    rows.map((r) => r.id),
  );
  const mine = await viewerMemberships(db, viewerId);
  return rows.map((p) => {
    const c = (role: string) => Number(countRows.find((r) => r.programId === p.id && r.role === role && r.status === "active")?.n ?? 0);
    const pending = countRows.filter((r) => r.programId === p.id && r.status === "pending").reduce((s, r) => s + Number(r.n), 0);
    return {
      ...toProgramOutput(p),
      counts: { mentors: c("mentor"), mentees: c("mentee"), coordinators: c("coordinator"), pending },
      myRoles: mine.filter((m) => m.programId === p.id && m.status === "active").map((m) => m.role),
      myPendingRoles: mine.filter((m) => m.programId === p.id && m.status === "pending").map((m) => m.role),
    };
  });
}

export async function lockProgram(tx: DbOrTx, programId: string): Promise<ProgramRow> {
  const [p] = await tx.select().from(programs).where(eq(programs.id, programId)).for("update");
  if (!p) throw new AppError("NOT_FOUND", "Program not found.");
  return p;
}

/** Programs the user belongs to or asked to join (all programs for platform admins). */
export async function listPrograms(deps: Deps, viewer: SessionUser): Promise<ProgramOutput[]> {
  const rows = viewer.isPlatformAdmin
    ? await deps.db.select().from(programs).orderBy(asc(programs.name))
    : await deps.db
        .selectDistinct({ program: programs })
        .from(programs)
        .innerJoin(programMemberships, eq(programMemberships.programId, programs.id))
        .where(and(eq(programMemberships.userId, viewer.id), inArray(programMemberships.status, ["active", "pending"])))
        .orderBy(asc(programs.name))
        .then((r) => r.map((x) => x.program));
  return summarise(deps.db, viewer.id, rows);
}

export async function getProgram(deps: Deps, viewer: SessionUser, programId: string): Promise<ProgramDetailOutput> {
  const rows = await deps.db.select().from(programs).where(eq(programs.id, programId));
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "Program not found.");
  const [p] = await summarise(deps.db, viewer.id, rows);
  const summary = p as ProgramOutput;
  const isStaff = viewer.isPlatformAdmin || summary.myRoles.includes("coordinator");
  return {
    ...summary,
    invite: isStaff ? { token: row.inviteToken, code: row.inviteCode, link: inviteLink(deps.publicUrl, row.inviteToken) } : null,
  };
}

/** "Browse programs": active programs anyone signed in may join. */
export async function listDirectory(deps: Deps, viewer: SessionUser) {
  const rows = await deps.db
    .select()
    .from(programs)
    .where(and(eq(programs.status, "active"), eq(programs.joinMode, "open")))
    .orderBy(asc(programs.name));
  const summaries = await summarise(deps.db, viewer.id, rows);
  return summaries.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    type: p.type,
    requiresApproval: p.requiresApproval,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    counts: { mentors: p.counts.mentors, mentees: p.counts.mentees },
    myRoles: p.myRoles,
    myPendingRoles: p.myPendingRoles,
  }));
}
