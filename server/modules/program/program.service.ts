import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, pgErrorCode } from "../../../db/client";
import { membershipStatuses, programMemberships, programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { photoUrl } from "../auth/me.service";
import { type NotifyDeps, notify } from "../notification/outbox.service";
import { type addMemberInput, type createProgramInput, membershipRoles, programStatus, type updateProgramInput } from "./program.schema";

type Deps = NotifyDeps & { db: Db };

export const programOutput = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  status: z.enum(programStatus),
  counts: z.object({ mentors: z.number(), mentees: z.number(), coordinators: z.number() }),
  myRoles: z.array(z.enum(membershipRoles)),
});
export type ProgramOutput = z.infer<typeof programOutput>;

export const memberOutput = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  role: z.enum(membershipRoles),
  status: z.enum(membershipStatuses),
});

async function summarise(
  db: Db,
  viewerId: string,
  rows: { id: string; name: string; slug: string; description: string; status: (typeof programStatus)[number] }[],
) {
  if (rows.length === 0) return [];
  const countRows = await db
    .select({ programId: programMemberships.programId, role: programMemberships.role, n: count() })
    .from(programMemberships)
    .where(eq(programMemberships.status, "active"))
    .groupBy(programMemberships.programId, programMemberships.role);
  const mine = await db
    .select({ programId: programMemberships.programId, role: programMemberships.role })
    .from(programMemberships)
    .where(and(eq(programMemberships.userId, viewerId), eq(programMemberships.status, "active")));
  return rows.map((p) => {
    const c = (role: string) => Number(countRows.find((r) => r.programId === p.id && r.role === role)?.n ?? 0);
    return {
      ...p,
      counts: { mentors: c("mentor"), mentees: c("mentee"), coordinators: c("coordinator") },
      myRoles: mine.filter((m) => m.programId === p.id).map((m) => m.role),
    };
  });
}

const programColumns = {
  id: programs.id,
  name: programs.name,
  slug: programs.slug,
  description: programs.description,
  status: programs.status,
};

/** Programs the user belongs to (all programs for platform admins). */
export async function listPrograms(deps: Deps, viewer: SessionUser): Promise<ProgramOutput[]> {
  const rows = viewer.isPlatformAdmin
    ? await deps.db.select(programColumns).from(programs).orderBy(asc(programs.name))
    : await deps.db
        .selectDistinct(programColumns)
        .from(programs)
        .innerJoin(programMemberships, eq(programMemberships.programId, programs.id))
        .where(and(eq(programMemberships.userId, viewer.id), eq(programMemberships.status, "active")))
        .orderBy(asc(programs.name));
  return summarise(deps.db, viewer.id, rows);
}

export async function getProgram(deps: Deps, viewer: SessionUser, programId: string): Promise<ProgramOutput> {
  const rows = await deps.db.select(programColumns).from(programs).where(eq(programs.id, programId));
  if (!rows[0]) throw new AppError("NOT_FOUND", "Program not found.");
  const [p] = await summarise(deps.db, viewer.id, rows);
  return p as ProgramOutput;
}

export async function listMembers(deps: Deps, programId: string) {
  const rows = await deps.db
    .select({
      membershipId: programMemberships.id,
      userId: users.id,
      name: users.name,
      photoFileId: users.photoFileId,
      role: programMemberships.role,
      status: programMemberships.status,
    })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(eq(programMemberships.programId, programId))
    .orderBy(asc(programMemberships.role), asc(users.name));
  return rows.map(({ photoFileId, ...r }) => ({ ...r, photoUrl: photoUrl(photoFileId) }));
}

function conflictOnSlug(err: unknown): never {
  if (pgErrorCode(err) === "23505") throw AppError.field("slug", "Another program already uses this address.");
  throw err;
}

export async function createProgram(deps: Deps, actor: SessionUser, input: z.output<typeof createProgramInput>) {
  return deps.db
    .transaction(async (tx) => {
      const [p] = await tx
        .insert(programs)
        .values({ ...input, createdAt: deps.clock.now() })
        .returning({ id: programs.id });
      if (!p) throw new Error("no program row");
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "program.create",
        targetType: "program",
        targetId: p.id,
        detail: input.name,
      });
      return p;
    })
    .catch(conflictOnSlug);
}

export async function updateProgram(deps: Deps, actor: SessionUser, input: z.output<typeof updateProgramInput>) {
  const { programId, ...changes } = input;
  await deps.db
    .transaction(async (tx) => {
      const updated = await tx.update(programs).set(changes).where(eq(programs.id, programId)).returning({ id: programs.id });
      if (updated.length === 0) throw new AppError("NOT_FOUND", "Program not found.");
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "program.update",
        targetType: "program",
        targetId: programId,
        detail: JSON.stringify(changes),
      });
    })
    .catch(conflictOnSlug);
}

export async function addMember(deps: Deps, actor: SessionUser, input: z.output<typeof addMemberInput>) {
  return deps.db.transaction(async (tx) => {
    const [program] = await tx.select({ id: programs.id, name: programs.name }).from(programs).where(eq(programs.id, input.programId));
    if (!program) throw new AppError("NOT_FOUND", "Program not found.");
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (!user) throw AppError.field("email", "No account uses this email address. Ask the person to sign up first.");
    const [m] = await tx
      .insert(programMemberships)
      .values({ programId: input.programId, userId: user.id, role: input.role, status: "active", createdAt: deps.clock.now() })
      .onConflictDoUpdate({
        target: [programMemberships.programId, programMemberships.userId, programMemberships.role],
        set: { status: "active" },
      })
      .returning({ id: programMemberships.id });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "program.add_member",
      targetType: "user",
      targetId: user.id,
      detail: `${input.role} in ${program.name}`,
    });
    await notify(tx, deps, {
      userId: user.id,
      type: "program.enrolled",
      data: { programName: program.name, role: input.role },
      programId: program.id,
      link: `/programs/${program.id}`,
      dedupeKey: `enrolled:${m?.id}:${deps.clock.now().getTime()}`,
    });
    return { membershipId: m?.id ?? "" };
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
    const updated = await tx
      .update(programMemberships)
      .set({ status })
      .where(and(eq(programMemberships.id, membershipId), eq(programMemberships.programId, programId)))
      .returning({ userId: programMemberships.userId });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "Membership not found.");
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "program.member_status",
      targetType: "membership",
      targetId: membershipId,
      detail: status,
    });
  });
}
