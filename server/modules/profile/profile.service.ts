import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, DbOrTx } from "../../../db/client";
import { programMemberships } from "../../../db/schema/programs";
import { files, menteeGoals, menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import type { FileStore } from "../../integrations/files/file-store";
import { photoUrl } from "../auth/me.service";
import {
  type commonProfileInput,
  type completeWizardInput,
  menteeLevels,
  type menteeProfileInput,
  mentoringStyles,
  type mentorProfileInput,
  normaliseTags,
  type setTimeZoneInput,
} from "./profile.schema";

export const profileOutput = z.object({
  id: z.string(),
  name: z.string(),
  bio: z.string(),
  timezone: z.string(),
  languages: z.array(z.string()),
  photoUrl: z.string().nullable(),
  /** Only for the owner and platform admins. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Only meaningful for the owner: SMS goes out once the number is verified. */
  phoneVerified: z.boolean(),
  smsOptedOut: z.boolean(),
  lastActiveAt: z.date().nullable(),
  mentor: z
    .object({
      headline: z.string(),
      expertise: z.array(z.string()),
      yearsExperience: z.number(),
      mentoringStyles: z.array(z.enum(mentoringStyles)),
      defaultCapacity: z.number(),
    })
    .nullable(),
  mentee: z
    .object({
      background: z.string(),
      interests: z.array(z.string()),
      level: z.enum(menteeLevels),
      goals: z.array(
        z.object({ id: z.string(), text: z.string(), priority: z.enum(["low", "medium", "high"]), targetDate: z.string().nullable() }),
      ),
    })
    .nullable(),
  completeness: z.object({ percent: z.number(), missing: z.array(z.string()) }),
  isSelf: z.boolean(),
});
export type ProfileOutput = z.infer<typeof profileOutput>;

type ProfileDeps = { db: Db; clock: Clock };

/** Who may see someone's profile: themselves, platform admins, and people sharing an active program. */
async function canView(db: DbOrTx, viewer: SessionUser, targetId: string): Promise<boolean> {
  if (viewer.id === targetId || viewer.isPlatformAdmin) return true;
  const mine = alias(programMemberships, "mine");
  const rows = await db
    .select({ id: programMemberships.id })
    .from(programMemberships)
    .innerJoin(mine, and(eq(mine.programId, programMemberships.programId), eq(mine.userId, viewer.id), eq(mine.status, "active")))
    .where(and(eq(programMemberships.userId, targetId), eq(programMemberships.status, "active")))
    .limit(1);
  return rows.length > 0;
}

export function computeCompleteness(p: Omit<ProfileOutput, "completeness" | "isSelf">) {
  const checks: [string, boolean][] = [
    ["name", p.name.trim().length > 0],
    ["photo", p.photoUrl !== null],
    ["bio", p.bio.trim().length >= 20],
    ["languages", p.languages.length > 0],
  ];
  if (p.mentor) {
    checks.push(
      ["headline", p.mentor.headline.length > 0],
      ["expertise", p.mentor.expertise.length > 0],
      ["mentoring styles", p.mentor.mentoringStyles.length > 0],
    );
  }
  if (p.mentee) {
    checks.push(
      ["background", p.mentee.background.length > 0],
      ["interests", p.mentee.interests.length > 0],
      ["goals", p.mentee.goals.length > 0],
    );
  }
  if (!p.mentor && !p.mentee) checks.push(["mentor or mentee details", false]);
  const missing = checks.filter(([, ok]) => !ok).map(([k]) => k);
  return { percent: Math.round((100 * (checks.length - missing.length)) / checks.length), missing };
}

export async function getProfile(deps: ProfileDeps, viewer: SessionUser, targetId: string): Promise<ProfileOutput> {
  if (!(await canView(deps.db, viewer, targetId))) throw new AppError("NOT_FOUND", "Profile not found.");
  const [u] = await deps.db
    .select({
      id: users.id,
      name: users.name,
      bio: users.bio,
      timezone: users.timezone,
      languages: users.languages,
      photoFileId: users.photoFileId,
      email: users.email,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      smsOptedOutAt: users.smsOptedOutAt,
      lastActiveAt: users.lastActiveAt,
    })
    .from(users)
    .where(eq(users.id, targetId));
  if (!u) throw new AppError("NOT_FOUND", "Profile not found.");
  const [mentor] = await deps.db
    .select({
      headline: mentorProfiles.headline,
      expertise: mentorProfiles.expertise,
      yearsExperience: mentorProfiles.yearsExperience,
      mentoringStyles: mentorProfiles.mentoringStyles,
      defaultCapacity: mentorProfiles.defaultCapacity,
    })
    .from(mentorProfiles)
    .where(eq(mentorProfiles.userId, targetId));
  const [mentee] = await deps.db
    .select({ background: menteeProfiles.background, interests: menteeProfiles.interests, level: menteeProfiles.level })
    .from(menteeProfiles)
    .where(eq(menteeProfiles.userId, targetId));
  const goals = mentee
    ? await deps.db
        .select({ id: menteeGoals.id, text: menteeGoals.text, priority: menteeGoals.priority, targetDate: menteeGoals.targetDate })
        .from(menteeGoals)
        .where(eq(menteeGoals.userId, targetId))
        .orderBy(asc(menteeGoals.position))
    : [];
  const privileged = viewer.id === targetId || viewer.isPlatformAdmin;
  const base = {
    id: u.id,
    name: u.name,
    bio: u.bio,
    timezone: u.timezone,
    languages: u.languages,
    photoUrl: photoUrl(u.photoFileId),
    email: privileged ? u.email : null,
    phone: privileged ? u.phone : null,
    phoneVerified: privileged && u.phoneVerifiedAt !== null,
    smsOptedOut: privileged && u.smsOptedOutAt !== null,
    lastActiveAt: u.lastActiveAt,
    mentor: mentor
      ? {
          ...mentor,
          mentoringStyles: mentor.mentoringStyles.filter((s): s is (typeof mentoringStyles)[number] =>
            (mentoringStyles as readonly string[]).includes(s),
          ),
        }
      : null,
    mentee: mentee ? { ...mentee, goals } : null,
  };
  return { ...base, completeness: computeCompleteness(base), isSelf: viewer.id === targetId };
}

async function writeCommon(tx: DbOrTx, clock: Clock, userId: string, input: z.output<typeof commonProfileInput>) {
  const [current] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
  // A new number must be verified again before any SMS goes to it.
  const phoneChanged = (current?.phone ?? null) !== input.phone;
  await tx
    .update(users)
    .set({
      name: input.name,
      bio: input.bio,
      timezone: input.timezone,
      phone: input.phone,
      languages: normaliseTags(input.languages),
      updatedAt: clock.now(),
      ...(phoneChanged ? { phoneVerifiedAt: null } : {}),
    })
    .where(eq(users.id, userId));
}

async function writeMentor(tx: DbOrTx, clock: Clock, userId: string, input: z.output<typeof mentorProfileInput>) {
  const values = {
    headline: input.headline,
    expertise: normaliseTags(input.expertise),
    yearsExperience: input.yearsExperience,
    mentoringStyles: [...new Set(input.mentoringStyles)],
    defaultCapacity: input.defaultCapacity,
    updatedAt: clock.now(),
  };
  await tx
    .insert(mentorProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: mentorProfiles.userId, set: values });
}

async function writeMentee(tx: DbOrTx, clock: Clock, userId: string, input: z.output<typeof menteeProfileInput>) {
  const values = { background: input.background, interests: normaliseTags(input.interests), level: input.level, updatedAt: clock.now() };
  await tx
    .insert(menteeProfiles)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: menteeProfiles.userId, set: values });
  // Goals are edited as a list: replace them in the same transaction.
  await tx.delete(menteeGoals).where(eq(menteeGoals.userId, userId));
  if (input.goals.length > 0) {
    await tx.insert(menteeGoals).values(
      input.goals.map((g, i) => ({
        userId,
        text: g.text,
        priority: g.priority,
        targetDate: g.targetDate,
        position: i,
        createdAt: clock.now(),
      })),
    );
  }
}

export async function updateCommon(deps: ProfileDeps, userId: string, input: z.output<typeof commonProfileInput>) {
  await deps.db.transaction((tx) => writeCommon(tx, deps.clock, userId, input));
}
/** Times everywhere (pages, emails, link pages) are shown in this zone from the next read on. */
export async function setTimeZone(deps: ProfileDeps, userId: string, input: z.output<typeof setTimeZoneInput>) {
  await deps.db.update(users).set({ timezone: input.timezone, updatedAt: deps.clock.now() }).where(eq(users.id, userId));
}
export async function updateMentor(deps: ProfileDeps, userId: string, input: z.output<typeof mentorProfileInput>) {
  await deps.db.transaction((tx) => writeMentor(tx, deps.clock, userId, input));
}
export async function updateMentee(deps: ProfileDeps, userId: string, input: z.output<typeof menteeProfileInput>) {
  await deps.db.transaction((tx) => writeMentee(tx, deps.clock, userId, input));
}

/** The first-sign-in wizard saves everything at once: all of it or nothing. */
export async function completeWizard(deps: ProfileDeps, userId: string, input: z.output<typeof completeWizardInput>) {
  if (!input.mentor && !input.mentee) {
    throw AppError.field("role", "Choose whether you want to mentor, be mentored, or both.");
  }
  const roles = await deps.db
    .select({ role: programMemberships.role })
    .from(programMemberships)
    .where(
      and(
        eq(programMemberships.userId, userId),
        eq(programMemberships.status, "active"),
        inArray(programMemberships.role, ["mentor", "mentee"]),
      ),
    );
  if (roles.some((r) => r.role === "mentor") && !input.mentor) throw AppError.field("mentor", "Your programs need your mentor details.");
  if (roles.some((r) => r.role === "mentee") && !input.mentee) throw AppError.field("mentee", "Your programs need your mentee details.");
  await deps.db.transaction(async (tx) => {
    await writeCommon(tx, deps.clock, userId, input.common);
    if (input.mentor) await writeMentor(tx, deps.clock, userId, input.mentor);
    if (input.mentee) await writeMentee(tx, deps.clock, userId, input.mentee);
    await tx.update(users).set({ onboardedAt: deps.clock.now() }).where(eq(users.id, userId));
  });
}

// ---- photos ----

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** Checks the bytes, not the declared type: PNG, JPEG and WebP signatures only. */
export function sniffImageType(b: Uint8Array): "image/png" | "image/jpeg" | "image/webp" | null {
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 12 && String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP")
    return "image/webp";
  return null;
}

export async function savePhoto(deps: ProfileDeps & { files: FileStore }, userId: string, bytes: Uint8Array) {
  if (bytes.length === 0) throw AppError.field("photo", "The file is empty.");
  if (bytes.length > PHOTO_MAX_BYTES) throw AppError.field("photo", "The photo is larger than 2 MB.");
  const type = sniffImageType(bytes);
  if (!type) throw AppError.field("photo", "Upload a PNG, JPEG or WebP image.");
  const key = `photos/${userId}/${randomUUID()}.${type.split("/")[1]}`;
  await deps.files.put(key, bytes);
  const old = await deps.db.transaction(async (tx) => {
    const [prev] = await tx
      .select({ id: files.id, key: files.storageKey })
      .from(users)
      .innerJoin(files, eq(files.id, users.photoFileId))
      .where(eq(users.id, userId));
    const [f] = await tx
      .insert(files)
      .values({ ownerId: userId, purpose: "photo", contentType: type, size: bytes.length, storageKey: key, createdAt: deps.clock.now() })
      .returning({ id: files.id });
    if (!f) throw new Error("no file row");
    await tx.update(users).set({ photoFileId: f.id, updatedAt: deps.clock.now() }).where(eq(users.id, userId));
    if (prev) await tx.delete(files).where(eq(files.id, prev.id));
    return { prev, fileId: f.id };
  });
  if (old.prev) await deps.files.delete(old.prev.key).catch(() => {});
  return { photoUrl: photoUrl(old.fileId) };
}

/** Profile photos are visible to signed-in users only. */
export async function readPhoto(deps: { db: Db; files: FileStore }, fileId: string) {
  const [f] = await deps.db
    .select({ key: files.storageKey, contentType: files.contentType })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.purpose, "photo")));
  if (!f) return null;
  const data = await deps.files.get(f.key);
  return data ? { data, contentType: f.contentType } : null;
}
