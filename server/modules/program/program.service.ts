import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { type Db, type DbOrTx, pgErrorCode } from "../../../db/client";
import { notificationTemplates } from "../../../db/schema/notifications";
import {
  codeOfConductVersions,
  joinModes,
  matchingModes,
  membershipStatuses,
  type ProgramChecklist,
  programMemberships,
  programs,
  programTypes,
} from "../../../db/schema/programs";
import { menteeGoals, menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { photoUrl } from "../auth/me.service";
import { assertWeights } from "../matching/score";
import { absoluteLink, type NotifyDeps, notify } from "../notification/outbox.service";
import { recomputeMentorReadiness } from "../onboarding/onboarding.service";
import {
  type addMemberInput,
  bookingConfirmations,
  type createProgramInput,
  type decideMembershipsInput,
  type duplicateProgramInput,
  type joinPreviewInput,
  type joinProgramInput,
  membershipRoles,
  normaliseInviteCode,
  programStatus,
  type regenerateInviteInput,
  reminderChannels,
  type updateProgramInput,
} from "./program.schema";
import { programCoordinatorIds, toProgramStaff } from "./staff-events";

type Deps = NotifyDeps & { db: Db };
type ProgramRow = typeof programs.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// Output shapes
// ---------------------------------------------------------------------------------------------------------------

const weightsOutput = z.object({ skills: z.number(), availability: z.number(), communication: z.number(), capacity: z.number() });

export const programOutput = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  status: z.enum(programStatus),
  type: z.enum(programTypes),
  joinMode: z.enum(joinModes),
  requiresApproval: z.boolean(),
  matchingMode: z.enum(matchingModes),
  weights: weightsOutput,
  minScore: z.number(),
  suggestionCount: z.number(),
  requestDeadlineHours: z.number(),
  requestReminderHours: z.number(),
  openRequestLimit: z.number(),
  sessionMinutes: z.number(),
  sessionsPerMatch: z.number(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  reminderOffsets: z.array(z.object({ minutesBefore: z.number(), channels: z.array(z.enum(reminderChannels)) })),
  timezone: z.string(),
  blackoutDates: z.array(z.string()),
  bookingConfirmation: z.enum(bookingConfirmations),
  cancelNoticeHours: z.number(),
  noShowThreshold: z.number(),
  archivedAt: z.date().nullable(),
  counts: z.object({ mentors: z.number(), mentees: z.number(), coordinators: z.number(), pending: z.number() }),
  /** Roles the viewer holds (active). */
  myRoles: z.array(z.enum(membershipRoles)),
  /** Roles the viewer asked for and that wait for a coordinator's approval. */
  myPendingRoles: z.array(z.enum(membershipRoles)),
});
export type ProgramOutput = z.infer<typeof programOutput>;

/** The invite link and code are for the program's staff only. */
export const inviteOutput = z.object({ token: z.string(), code: z.string(), link: z.string() });
export const programDetailOutput = programOutput.extend({ invite: inviteOutput.nullable() });
export type ProgramDetailOutput = z.infer<typeof programDetailOutput>;

export const memberOutput = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  role: z.enum(membershipRoles),
  status: z.enum(membershipStatuses),
  joinedAt: z.date(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string(),
  /** Mentors: when the checklist was complete (null = not ready to be matched yet). */
  readyAt: z.date().nullable(),
});

export const joinRequestOutput = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  role: z.enum(membershipRoles),
  requestedAt: z.date(),
  timezone: z.string(),
  bio: z.string(),
  /** Mentor: headline and expertise. Mentee: interests and first goal. */
  headline: z.string(),
  tags: z.array(z.string()),
  goal: z.string(),
});

export const directoryOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(programTypes),
  requiresApproval: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  counts: z.object({ mentors: z.number(), mentees: z.number() }),
  myRoles: z.array(z.enum(membershipRoles)),
  myPendingRoles: z.array(z.enum(membershipRoles)),
});

export const joinPreviewOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(programTypes),
  status: z.enum(programStatus),
  requiresApproval: z.boolean(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** The viewer's memberships, so the page can say "you are already a mentor here". */
  mine: z.array(z.object({ role: z.enum(membershipRoles), status: z.enum(membershipStatuses) })),
});

export const joinResultOutput = z.object({
  programId: z.string(),
  membershipId: z.string(),
  status: z.enum(["active", "pending"]),
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

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

function toProgramOutput(p: ProgramRow) {
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

async function summarise(db: DbOrTx, viewerId: string, rows: ProgramRow[]): Promise<ProgramOutput[]> {
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

async function lockProgram(tx: DbOrTx, programId: string): Promise<ProgramRow> {
  const [p] = await tx.select().from(programs).where(eq(programs.id, programId)).for("update");
  if (!p) throw new AppError("NOT_FOUND", "Program not found.");
  return p;
}

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

// ---------------------------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------------------------

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

export async function listMembers(deps: Deps, programId: string) {
  const rows = await deps.db
    .select({
      membershipId: programMemberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      photoFileId: users.photoFileId,
      role: programMemberships.role,
      status: programMemberships.status,
      joinedAt: programMemberships.createdAt,
      decidedAt: programMemberships.decidedAt,
      decisionNote: programMemberships.decisionNote,
      readyAt: programMemberships.readyAt,
    })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(eq(programMemberships.programId, programId))
    .orderBy(asc(programMemberships.role), asc(users.name));
  return rows.map(({ photoFileId, ...r }) => ({ ...r, photoUrl: photoUrl(photoFileId) }));
}

/** The approval queue: pending memberships, oldest first, with what a coordinator needs to decide. */
export async function listJoinRequests(deps: Deps, programId: string) {
  const rows = await deps.db
    .select({
      membershipId: programMemberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      photoFileId: users.photoFileId,
      role: programMemberships.role,
      requestedAt: programMemberships.createdAt,
      timezone: users.timezone,
      bio: users.bio,
      headline: mentorProfiles.headline,
      expertise: mentorProfiles.expertise,
      interests: menteeProfiles.interests,
    })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .leftJoin(menteeProfiles, eq(menteeProfiles.userId, users.id))
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.status, "pending")))
    .orderBy(asc(programMemberships.createdAt), asc(users.name));
  const menteeIds = rows.filter((r) => r.role === "mentee").map((r) => r.userId);
  const goals =
    menteeIds.length === 0
      ? []
      : await deps.db
          .select({ userId: menteeGoals.userId, text: menteeGoals.text })
          .from(menteeGoals)
          .where(inArray(menteeGoals.userId, menteeIds))
          .orderBy(asc(menteeGoals.position));
  return rows.map((r) => ({
    membershipId: r.membershipId,
    userId: r.userId,
    name: r.name,
    email: r.email,
    photoUrl: photoUrl(r.photoFileId),
    role: r.role,
    requestedAt: r.requestedAt,
    timezone: r.timezone,
    bio: r.bio,
    headline: r.role === "mentor" ? (r.headline ?? "") : "",
    tags: (r.role === "mentor" ? r.expertise : r.interests) ?? [],
    goal: r.role === "mentee" ? (goals.find((g) => g.userId === r.userId)?.text ?? "") : "",
  }));
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

// ---------------------------------------------------------------------------------------------------------------
// Admin: create, edit, duplicate, archive
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------------------------

export async function addMember(deps: Deps, actor: SessionUser, input: z.output<typeof addMemberInput>) {
  if (input.role === "coordinator" && !actor.isPlatformAdmin) {
    throw AppError.field("role", "Only platform administrators appoint coordinators.");
  }
  return deps.db.transaction(async (tx) => {
    const program = await lockProgram(tx, input.programId);
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (!user) throw AppError.field("email", "No account uses this email address. Ask the person to sign up first.");
    const [existing] = await tx
      .select({ id: programMemberships.id, status: programMemberships.status })
      .from(programMemberships)
      .where(
        and(eq(programMemberships.programId, program.id), eq(programMemberships.userId, user.id), eq(programMemberships.role, input.role)),
      );
    if (existing?.status === "active") {
      throw AppError.field("email", `This person is already a ${input.role} in this program.`);
    }
    const now = deps.clock.now();
    const decided = {
      status: "active" as const,
      decidedBy: actor.id,
      decidedAt: now,
      decisionNote: "",
    };
    const [m] = existing
      ? await tx
          .update(programMemberships)
          .set(decided)
          .where(eq(programMemberships.id, existing.id))
          .returning({ id: programMemberships.id })
      : await tx
          .insert(programMemberships)
          .values({ programId: program.id, userId: user.id, role: input.role, createdAt: now, ...decided })
          .returning({ id: programMemberships.id });
    if (!m) throw new Error("no membership row");
    await recomputeMentorReadiness(tx, m.id, deps.clock);
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: input.role === "coordinator" ? "program.appoint_coordinator" : "program.add_member",
      targetType: "user",
      targetId: user.id,
      detail: `${input.role} in ${program.name}`,
      programId: program.id,
    });
    await notify(tx, deps, {
      userId: user.id,
      type: "program.enrolled",
      data: { programName: program.name, role: input.role },
      programId: program.id,
      link: `/programs/${program.id}`,
      dedupeKey: `enrolled:${m.id}:${now.getTime()}`,
    });
    await deps.realtime.toUser(tx, user.id, "account:changed", {});
    await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "members" });
    return { membershipId: m.id };
  });
}

export async function setMemberStatus(
  deps: Deps,
  actor: SessionUser,
  programId: string,
  membershipId: string,
  status: (typeof membershipStatuses)[number],
) {
  await deps.db.transaction(async (tx) => {
    await lockProgram(tx, programId);
    const [m] = await tx
      .select({ role: programMemberships.role, userId: programMemberships.userId, readyAt: programMemberships.readyAt })
      .from(programMemberships)
      .where(and(eq(programMemberships.id, membershipId), eq(programMemberships.programId, programId)));
    if (!m) throw new AppError("NOT_FOUND", "Membership not found.");
    if (m.role === "coordinator" && !actor.isPlatformAdmin) {
      throw new AppError("FORBIDDEN", "Only platform administrators appoint or remove coordinators.");
    }
    await tx.update(programMemberships).set({ status }).where(eq(programMemberships.id, membershipId));
    // A mentor approved or reinstated is ready only if their checklist is (steps done while pending count).
    await recomputeMentorReadiness(tx, membershipId, deps.clock);
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: m.role === "coordinator" && status === "removed" ? "program.remove_coordinator" : "program.member_status",
      targetType: "membership",
      targetId: membershipId,
      detail: `${m.role}: ${status}`,
      programId,
    });
    await deps.realtime.toUser(tx, m.userId, "account:changed", {});
    await toProgramStaff(deps.realtime, tx, programId, "program:changed", { programId, what: "members" });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Joining
// ---------------------------------------------------------------------------------------------------------------

type JoinTarget = { token?: string | undefined; code?: string | undefined; programId?: string | undefined };

/** Finds the program a join points at; a wrong or replaced token or code is an error on that field. */
async function resolveJoinTarget(db: DbOrTx, target: JoinTarget, lock: boolean): Promise<ProgramRow> {
  const given = [target.token, target.code, target.programId].filter((v) => v !== undefined).length;
  if (given !== 1) throw AppError.field("code", "Enter the invite code, or open the invite link you were sent.");
  const by = target.token
    ? eq(programs.inviteToken, target.token)
    : target.code
      ? eq(programs.inviteCode, normaliseInviteCode(target.code))
      : eq(programs.id, target.programId as string);
  const q = db.select().from(programs).where(by);
  const [p] = lock ? await q.for("update") : await q;
  if (target.token) {
    if (!p || p.joinMode === "invite_code") {
      throw AppError.field("token", "This invite link is not valid any more. Ask the program's coordinator for a new one.");
    }
  } else if (target.code) {
    if (!p || p.joinMode === "invite_link") {
      throw AppError.field("code", "No program uses this code. Check it and try again, or ask the coordinator for a new one.");
    }
  } else if (p?.joinMode !== "open") {
    throw AppError.field("programId", "This program takes new members by invitation only.");
  }
  return p;
}

function assertJoinable(p: ProgramRow) {
  if (p.status === "archived") throw new AppError("CONFLICT", `${p.name} has ended and no longer takes new members.`);
  if (p.status === "draft") throw new AppError("CONFLICT", `${p.name} is not open yet. Try again when it starts.`);
}

export async function previewJoin(deps: Deps, viewer: SessionUser, input: z.output<typeof joinPreviewInput>) {
  const p = await resolveJoinTarget(deps.db, input, false);
  const mine = await deps.db
    .select({ role: programMemberships.role, status: programMemberships.status })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, p.id), eq(programMemberships.userId, viewer.id)));
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    type: p.type,
    status: p.status,
    requiresApproval: p.requiresApproval,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    mine,
  };
}

/**
 * Joins as mentor or mentee: active at once, or pending for a coordinator when the program requires approval.
 * Someone declined or removed before may ask again; the same row is reused (one row per program, person, role).
 */
export async function joinProgram(deps: Deps, actor: SessionUser, input: z.output<typeof joinProgramInput>) {
  return deps.db.transaction(async (tx) => {
    const program = await resolveJoinTarget(tx, input, true);
    assertJoinable(program);
    const [existing] = await tx
      .select({ id: programMemberships.id, status: programMemberships.status })
      .from(programMemberships)
      .where(
        and(eq(programMemberships.programId, program.id), eq(programMemberships.userId, actor.id), eq(programMemberships.role, input.role)),
      )
      .for("update");
    if (existing?.status === "active") throw new AppError("CONFLICT", `You are already a ${input.role} in ${program.name}.`);
    if (existing?.status === "pending") {
      throw new AppError("CONFLICT", `You asked to join ${program.name} as a ${input.role} already; a coordinator will decide soon.`);
    }
    const now = deps.clock.now();
    const status = program.requiresApproval ? ("pending" as const) : ("active" as const);
    const values = {
      status,
      decidedBy: null,
      decidedAt: null,
      decisionNote: "",
      readyAt: null,
      createdAt: now,
    };
    const [m] = existing
      ? await tx
          .update(programMemberships)
          .set(values)
          .where(eq(programMemberships.id, existing.id))
          .returning({ id: programMemberships.id })
      : await tx
          .insert(programMemberships)
          .values({ programId: program.id, userId: actor.id, role: input.role, ...values })
          .returning({ id: programMemberships.id });
    if (!m) throw new Error("no membership row");
    await recomputeMentorReadiness(tx, m.id, deps.clock);
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: status === "active" ? "program.join" : "program.join_request",
      targetType: "membership",
      targetId: m.id,
      detail: `${input.role} via ${input.token ? "link" : input.code ? "code" : "directory"}`,
      programId: program.id,
    });
    if (status === "active") {
      await notify(tx, deps, {
        userId: actor.id,
        type: "program.enrolled",
        data: { programName: program.name, role: input.role },
        programId: program.id,
        link: `/programs/${program.id}/onboarding`,
        dedupeKey: `enrolled:${m.id}:${now.getTime()}`,
      });
    } else {
      for (const coordinatorId of await programCoordinatorIds(tx, program.id)) {
        await notify(tx, deps, {
          userId: coordinatorId,
          type: "program.join_requested",
          data: { programName: program.name, memberName: actor.name, role: input.role },
          programId: program.id,
          link: `/programs/${program.id}/members`,
          dedupeKey: `join-requested:${m.id}:${now.getTime()}`,
        });
      }
    }
    await deps.realtime.toUser(tx, actor.id, "account:changed", {});
    await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "members" });
    return { programId: program.id, membershipId: m.id, status };
  });
}

/**
 * Approves or declines pending memberships, all or nothing: one id that is not a pending request of this
 * program stops the whole batch before anything is written.
 */
export async function decideMemberships(deps: Deps, actor: SessionUser, input: z.output<typeof decideMembershipsInput>) {
  const ids = [...new Set(input.membershipIds)];
  return deps.db.transaction(async (tx) => {
    const program = await lockProgram(tx, input.programId);
    const rows = await tx
      .select({
        id: programMemberships.id,
        userId: programMemberships.userId,
        role: programMemberships.role,
        status: programMemberships.status,
        name: users.name,
      })
      .from(programMemberships)
      .innerJoin(users, eq(users.id, programMemberships.userId))
      .where(and(inArray(programMemberships.id, ids), eq(programMemberships.programId, program.id)))
      .for("update", { of: programMemberships });
    const found = new Set(rows.map((r) => r.id));
    const missing = input.membershipIds.findIndex((id) => !found.has(id));
    if (missing >= 0) {
      const message = `Membership ${input.membershipIds[missing]} is not part of this program. Nothing was changed.`;
      throw new AppError("NOT_FOUND", message, { [`membershipIds.${missing}`]: [message] });
    }
    const decidedAlready = rows.find((r) => r.status !== "pending");
    if (decidedAlready) {
      throw new AppError(
        "CONFLICT",
        `${decidedAlready.name}'s request was decided already (${decidedAlready.status}). Nothing was changed.`,
      );
    }
    const now = deps.clock.now();
    const approve = input.decision === "approve";
    for (const r of rows) {
      await tx
        .update(programMemberships)
        .set({
          status: approve ? "active" : "declined",
          decidedBy: actor.id,
          decidedAt: now,
          decisionNote: input.note,
          readyAt: null,
        })
        .where(eq(programMemberships.id, r.id));
      if (approve) await recomputeMentorReadiness(tx, r.id, deps.clock);
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: approve ? "program.membership_approved" : "program.membership_declined",
        targetType: "membership",
        targetId: r.id,
        detail: input.note ? `${r.role}: ${input.note}` : r.role,
        programId: program.id,
      });
      await notify(tx, deps, {
        userId: r.userId,
        type: "program.membership_decided",
        data: { programName: program.name, role: r.role, outcome: approve ? "approved" : "declined", note: input.note },
        programId: program.id,
        link: approve ? `/programs/${program.id}/onboarding` : "/",
        dedupeKey: `membership-decided:${r.id}:${now.getTime()}`,
      });
      await deps.realtime.toUser(tx, r.userId, "account:changed", {});
    }
    await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "members" });
    return { decided: rows.length };
  });
}
