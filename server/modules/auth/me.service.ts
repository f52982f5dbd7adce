import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { membershipStatuses, programMemberships, programs } from "../../../db/schema/programs";
import { menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";

export const membershipOutput = z.object({
  programId: z.string(),
  programName: z.string(),
  programSlug: z.string(),
  role: z.enum(["mentor", "mentee", "coordinator"]),
  status: z.enum(membershipStatuses),
});

export const meOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  isPlatformAdmin: z.boolean(),
  hasPassword: z.boolean(),
  hasGoogle: z.boolean(),
  onboarded: z.boolean(),
  timezone: z.string(),
  photoUrl: z.string().nullable(),
  roles: z.array(z.enum(["mentor", "mentee", "coordinator"])),
  memberships: z.array(membershipOutput),
  hasMentorProfile: z.boolean(),
  hasMenteeProfile: z.boolean(),
});
export type Me = z.infer<typeof meOutput>;

export const photoUrl = (fileId: string | null) => (fileId ? `/files/${fileId}` : null);

export async function listMemberships(db: DbOrTx, userId: string) {
  return db
    .select({
      programId: programs.id,
      programName: programs.name,
      programSlug: programs.slug,
      role: programMemberships.role,
      status: programMemberships.status,
    })
    .from(programMemberships)
    .innerJoin(programs, eq(programs.id, programMemberships.programId))
    .where(and(eq(programMemberships.userId, userId), ne(programMemberships.status, "removed")))
    .orderBy(programs.name);
}

export async function getMe(db: DbOrTx, userId: string): Promise<Me | null> {
  const [u] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      isPlatformAdmin: users.isPlatformAdmin,
      passwordHash: users.passwordHash,
      googleSub: users.googleSub,
      onboardedAt: users.onboardedAt,
      timezone: users.timezone,
      photoFileId: users.photoFileId,
      mentorId: mentorProfiles.userId,
      menteeId: menteeProfiles.userId,
    })
    .from(users)
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .leftJoin(menteeProfiles, eq(menteeProfiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!u) return null;
  const memberships = await listMemberships(db, userId);
  const roles = [...new Set(memberships.filter((m) => m.status === "active").map((m) => m.role))];
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    emailVerified: u.emailVerifiedAt !== null,
    isPlatformAdmin: u.isPlatformAdmin,
    hasPassword: u.passwordHash !== null,
    hasGoogle: u.googleSub !== null,
    onboarded: u.onboardedAt !== null,
    timezone: u.timezone,
    photoUrl: photoUrl(u.photoFileId),
    roles,
    memberships,
    hasMentorProfile: u.mentorId !== null,
    hasMenteeProfile: u.menteeId !== null,
  };
}
