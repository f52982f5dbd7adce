/**
 * Per-program intake and the mentor checklist.
 *
 * Readiness: a mentor membership is ready (program_memberships.readyAt) when it is active and every step the
 * program requires is approved. Required steps: the code of conduct when switched on, documents when at least
 * one kind is required, training when a training link is set, the background check when switched on.
 * `recomputeMentorReadiness` is called after every change that can move it, including checklist changes.
 *
 * Code-of-conduct versions: publishing a new text creates the next version. Mentors who are not yet ready must
 * acknowledge the latest version (their earlier acknowledgement goes back to "todo"); mentors who are already
 * ready keep their readiness and approval and are shown "a new version to acknowledge" until they do.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../../../db/client";
import {
  type ChecklistStep,
  checklistProgress,
  codeOfConductVersions,
  membershipDocuments,
  membershipStatuses,
  type ProgramChecklist,
  programIntakes,
  programMemberships,
  programs,
} from "../../../db/schema/programs";
import { files, menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import type { AppDeps } from "../../deps";
import { AppError } from "../../errors";
import type { FileStore } from "../../integrations/files/file-store";
import { audit } from "../auth/auth.service";
import { liveMatchCount } from "../match/match-core.service";
import type { CommunicationMode } from "../matching/matching.types";
import { type NotifyDeps, notify, notifyDepsOf } from "../notification/outbox.service";
import { programCoordinatorIds, toProgramStaff } from "../program/staff-events";
import {
  CAPACITY_MAX,
  checklistSteps,
  communicationModes,
  DOCUMENT_MAX_BYTES,
  intakeRoles,
  type myIntakeInput,
  type publishCodeOfConductInput,
  type reviewInput,
  type reviewOutcomes,
  type saveIntakeInput,
  type setChecklistInput,
  stepStatuses,
  uploadDocumentParams,
  urgencies,
} from "./onboarding.schema";

// The schema file keeps a drizzle-free copy of the step list for the client; this stops compiling if they differ.
const stepListsMatch: [ChecklistStep, (typeof checklistSteps)[number]] extends [(typeof checklistSteps)[number], ChecklistStep]
  ? true
  : false = true;
void stepListsMatch;

export type OnboardingDeps = NotifyDeps & { db: Db; files: FileStore };

export function onboardingDepsOf(d: AppDeps): OnboardingDeps {
  return { db: d.db, files: d.files, ...notifyDepsOf(d) };
}

export const stepLabels: Record<ChecklistStep, string> = {
  code_of_conduct: "Code of conduct",
  documents: "Documents",
  training: "Training",
  background_check: "Background check",
};

// ---------------------------------------------------------------- outputs

const windowOutput = z.object({ weekday: z.number(), start: z.string(), end: z.string() });

export const intakeOutput = z.object({
  role: z.enum(intakeRoles),
  membershipStatus: z.enum(membershipStatuses),
  /** False while the answers shown are prefilled from the profile and not yet saved. */
  saved: z.boolean(),
  updatedAt: z.date().nullable(),
  skills: z.array(z.string()),
  goals: z.string(),
  preferredStyle: z.string(),
  availability: z.array(windowOutput),
  communication: z.array(z.enum(communicationModes)),
  urgency: z.enum(urgencies),
  capacity: z.number().nullable(),
  /** Mentors: live matches in this program (capacity cannot go below it). */
  liveMatches: z.number(),
});

const documentFileOutput = z.object({
  id: z.string(),
  kind: z.string(),
  filename: z.string(),
  size: z.number(),
  contentType: z.string(),
  uploadedAt: z.date(),
  url: z.string(),
});

const stepOutput = z.object({
  step: z.enum(checklistSteps),
  label: z.string(),
  required: z.boolean(),
  status: z.enum(stepStatuses),
  note: z.string(),
  completedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  acknowledgedVersion: z.number().nullable(),
});

const cocVersionOutput = z.object({ version: z.number(), body: z.string(), createdAt: z.date() });

export const myChecklistOutput = z.object({
  membershipId: z.string(),
  membershipStatus: z.enum(membershipStatuses),
  readyAt: z.date().nullable(),
  steps: z.array(stepOutput),
  codeOfConduct: cocVersionOutput.nullable(),
  /** The mentor acknowledged an older version than the latest. */
  newVersionToAcknowledge: z.boolean(),
  documentKinds: z.array(z.object({ kind: z.string(), label: z.string(), required: z.boolean(), files: z.array(documentFileOutput) })),
  trainingUrl: z.string().nullable(),
  maxDocumentBytes: z.number(),
});

export const checklistConfigOutput = z.object({
  codeOfConduct: z.boolean(),
  documents: z.array(z.object({ kind: z.string(), label: z.string(), required: z.boolean() })),
  trainingUrl: z.string().nullable(),
  backgroundCheck: z.boolean(),
  versions: z.array(cocVersionOutput.extend({ createdByName: z.string().nullable() })),
  mentors: z.object({ total: z.number(), ready: z.number() }),
});

export const reviewQueueOutput = z.array(
  z.object({
    membershipId: z.string(),
    mentorId: z.string(),
    mentorName: z.string(),
    step: z.enum(checklistSteps),
    label: z.string(),
    status: z.enum(stepStatuses),
    /** When the mentor submitted (null for a background check waiting on staff). */
    submittedAt: z.date().nullable(),
    acknowledgedVersion: z.number().nullable(),
    documents: z.array(documentFileOutput),
  }),
);

export const reviewResultOutput = z.object({ reviewed: z.number(), nowReady: z.number() });

// ---------------------------------------------------------------- helpers

type ActiveOrPending = "active" | "pending";

async function findOwnMembership(db: DbOrTx, userId: string, programId: string, role: "mentor" | "mentee") {
  const [m] = await db
    .select({ id: programMemberships.id, status: programMemberships.status, readyAt: programMemberships.readyAt })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.userId, userId), eq(programMemberships.role, role)));
  if (!m || (m.status !== "active" && m.status !== "pending"))
    throw new AppError("NOT_FOUND", role === "mentor" ? "You are not a mentor in this program." : "You are not a member of this program.");
  return m as { id: string; status: ActiveOrPending; readyAt: Date | null };
}

async function loadProgram(db: DbOrTx, programId: string) {
  const [p] = await db
    .select({ id: programs.id, name: programs.name, checklist: programs.checklist })
    .from(programs)
    .where(eq(programs.id, programId));
  if (!p) throw new AppError("NOT_FOUND", "Program not found.");
  return p;
}

/** The steps this checklist configuration shows, and whether each gates readiness. */
export function configuredSteps(c: ProgramChecklist): { step: ChecklistStep; required: boolean }[] {
  const out: { step: ChecklistStep; required: boolean }[] = [];
  if (c.codeOfConduct) out.push({ step: "code_of_conduct", required: true });
  if (c.documents.length > 0) out.push({ step: "documents", required: c.documents.some((d) => d.required) });
  if (c.trainingUrl) out.push({ step: "training", required: true });
  if (c.backgroundCheck) out.push({ step: "background_check", required: true });
  return out;
}

async function latestVersion(db: DbOrTx, programId: string) {
  const [v] = await db
    .select({ version: codeOfConductVersions.version, body: codeOfConductVersions.body, createdAt: codeOfConductVersions.createdAt })
    .from(codeOfConductVersions)
    .where(eq(codeOfConductVersions.programId, programId))
    .orderBy(desc(codeOfConductVersions.version))
    .limit(1);
  return v ?? null;
}

async function progressOf(db: DbOrTx, membershipId: string) {
  return db.select().from(checklistProgress).where(eq(checklistProgress.membershipId, membershipId));
}

/** Inserts or updates one progress row. */
async function setProgress(
  tx: DbOrTx,
  membershipId: string,
  step: ChecklistStep,
  values: Partial<Omit<typeof checklistProgress.$inferInsert, "membershipId" | "step">>,
) {
  await tx
    .insert(checklistProgress)
    .values({ membershipId, step, ...values })
    .onConflictDoUpdate({ target: [checklistProgress.membershipId, checklistProgress.step], set: values });
}

export function documentUrl(documentId: string): string {
  return `/files/documents/${documentId}`;
}

async function documentsOf(db: DbOrTx, membershipIds: string[]) {
  if (membershipIds.length === 0) return [];
  const rows = await db
    .select({
      id: membershipDocuments.id,
      membershipId: membershipDocuments.membershipId,
      kind: membershipDocuments.kind,
      filename: membershipDocuments.filename,
      size: files.size,
      contentType: files.contentType,
      uploadedAt: membershipDocuments.createdAt,
    })
    .from(membershipDocuments)
    .innerJoin(files, eq(files.id, membershipDocuments.fileId))
    .where(inArray(membershipDocuments.membershipId, membershipIds))
    .orderBy(asc(membershipDocuments.createdAt));
  return rows.map((r) => ({ ...r, url: documentUrl(r.id) }));
}

async function mentorName(db: DbOrTx, membershipId: string) {
  const [r] = await db
    .select({ name: users.name, userId: users.id })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(eq(programMemberships.id, membershipId));
  return r ?? { name: "A mentor", userId: "" };
}

/** Tells the program's coordinators a mentor finished a step that waits for them. */
async function notifySubmitted(
  tx: DbOrTx,
  deps: NotifyDeps,
  program: { id: string; name: string },
  membershipId: string,
  step: ChecklistStep,
) {
  const mentor = await mentorName(tx, membershipId);
  const at = deps.clock.now().getTime();
  for (const userId of await programCoordinatorIds(tx, program.id)) {
    await notify(tx, deps, {
      type: "checklist.submitted",
      userId,
      programId: program.id,
      data: { programName: program.name, mentorName: mentor.name, step: stepLabels[step] },
      link: `/programs/${program.id}/reviews`,
      dedupeKey: `checklist.submitted:${membershipId}:${step}:${at}`,
    });
  }
  await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "checklist" });
}

/**
 * Sets or clears the mentor membership's readyAt from the program's checklist and the approvals.
 * Returns whether it changed, so callers can tell the mentor and the staff.
 */
export async function recomputeMentorReadiness(
  tx: DbOrTx,
  membershipId: string,
  clock: Clock,
): Promise<{ ready: boolean; changed: boolean; becameReady: boolean }> {
  const [m] = await tx
    .select({
      role: programMemberships.role,
      status: programMemberships.status,
      readyAt: programMemberships.readyAt,
      checklist: programs.checklist,
    })
    .from(programMemberships)
    .innerJoin(programs, eq(programs.id, programMemberships.programId))
    .where(eq(programMemberships.id, membershipId));
  if (m?.role !== "mentor") return { ready: false, changed: false, becameReady: false };
  const required = configuredSteps(m.checklist)
    .filter((s) => s.required)
    .map((s) => s.step);
  const progress = required.length > 0 ? await progressOf(tx, membershipId) : [];
  const approved = new Set(progress.filter((p) => p.status === "approved").map((p) => p.step));
  const ready = m.status === "active" && required.every((s) => approved.has(s));
  const wasReady = m.readyAt !== null;
  if (ready === wasReady) return { ready, changed: false, becameReady: false };
  await tx
    .update(programMemberships)
    .set({ readyAt: ready ? clock.now() : null })
    .where(eq(programMemberships.id, membershipId));
  return { ready, changed: true, becameReady: ready };
}

/** Recomputes readiness and, when the mentor just became ready, tells them and the staff. */
async function refreshReadiness(tx: DbOrTx, deps: NotifyDeps, program: { id: string; name: string }, membershipId: string) {
  const r = await recomputeMentorReadiness(tx, membershipId, deps.clock);
  if (!r.changed) return r;
  const mentor = await mentorName(tx, membershipId);
  if (r.becameReady) {
    await notify(tx, deps, {
      type: "checklist.reviewed",
      userId: mentor.userId,
      programId: program.id,
      data: { programName: program.name, step: "Mentor checklist", outcome: "complete: you can now be matched", note: "" },
      link: `/programs/${program.id}/onboarding`,
      dedupeKey: `checklist.ready:${membershipId}:${deps.clock.now().getTime()}`,
    });
  }
  await deps.realtime.toUser(tx, mentor.userId, "account:changed", {});
  await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "readiness" });
  return r;
}

// ---------------------------------------------------------------- intake

export async function myIntake(
  deps: OnboardingDeps,
  actor: SessionUser,
  input: z.output<typeof myIntakeInput>,
): Promise<z.infer<typeof intakeOutput>> {
  const role = input.role ?? (await preferredRole(deps.db, actor.id, input.programId));
  const m = await findOwnMembership(deps.db, actor.id, input.programId, role);
  const liveMatches = role === "mentor" ? await liveMatchCount(deps.db, input.programId, actor.id) : 0;
  const [intake] = await deps.db.select().from(programIntakes).where(eq(programIntakes.membershipId, m.id));
  if (intake) {
    return {
      role,
      membershipStatus: m.status,
      saved: true,
      updatedAt: intake.updatedAt,
      skills: intake.skills,
      goals: intake.goals,
      preferredStyle: intake.preferredStyle,
      availability: intake.availability,
      communication: intake.communication.filter((c): c is CommunicationMode => (communicationModes as readonly string[]).includes(c)),
      urgency: intake.urgency,
      capacity: role === "mentor" ? intake.capacity || null : null,
      liveMatches,
    };
  }
  // Nothing saved yet: start from what the profile already says.
  let skills: string[] = [];
  let capacity: number | null = null;
  if (role === "mentor") {
    const [p] = await deps.db
      .select({ expertise: mentorProfiles.expertise, capacity: mentorProfiles.defaultCapacity })
      .from(mentorProfiles)
      .where(eq(mentorProfiles.userId, actor.id));
    skills = p?.expertise ?? [];
    capacity = Math.min(CAPACITY_MAX, Math.max(1, p?.capacity ?? 2));
  } else {
    const [p] = await deps.db
      .select({ interests: menteeProfiles.interests })
      .from(menteeProfiles)
      .where(eq(menteeProfiles.userId, actor.id));
    skills = p?.interests ?? [];
  }
  return {
    role,
    membershipStatus: m.status,
    saved: false,
    updatedAt: null,
    skills: skills.slice(0, 32),
    goals: "",
    preferredStyle: "",
    availability: [],
    communication: [],
    urgency: "medium",
    capacity,
    liveMatches,
  };
}

async function preferredRole(db: Db, userId: string, programId: string): Promise<"mentor" | "mentee"> {
  const rows = await db
    .select({ role: programMemberships.role })
    .from(programMemberships)
    .where(
      and(
        eq(programMemberships.programId, programId),
        eq(programMemberships.userId, userId),
        inArray(programMemberships.status, ["active", "pending"]),
      ),
    );
  return rows.some((r) => r.role === "mentor") ? "mentor" : "mentee";
}

export async function saveIntake(deps: OnboardingDeps, actor: SessionUser, input: z.output<typeof saveIntakeInput>) {
  await deps.db.transaction(async (tx) => {
    const m = await findOwnMembership(tx, actor.id, input.programId, input.role);
    let capacity = 0;
    if (input.role === "mentor") {
      capacity = input.capacity ?? 0;
      // Lock the membership so a match created at the same moment cannot slip under the new capacity.
      await tx.select({ id: programMemberships.id }).from(programMemberships).where(eq(programMemberships.id, m.id)).for("update");
      const live = await liveMatchCount(tx, input.programId, actor.id);
      if (capacity < live)
        throw AppError.field("capacity", `You already mentor ${live} people in this program; capacity cannot be lower than that.`);
    }
    const now = deps.clock.now();
    const values = {
      skills: input.skills,
      goals: input.goals,
      preferredStyle: input.preferredStyle,
      availability: input.availability,
      communication: input.communication,
      urgency: input.urgency,
      capacity,
      updatedAt: now,
    };
    await tx
      .insert(programIntakes)
      .values({ membershipId: m.id, ...values, submittedAt: now })
      .onConflictDoUpdate({ target: programIntakes.membershipId, set: values });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.save_intake",
      targetType: "membership",
      targetId: m.id,
      programId: input.programId,
    });
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "intake" });
  });
}

// ---------------------------------------------------------------- mentor checklist

export async function myChecklist(deps: OnboardingDeps, actor: SessionUser, programId: string): Promise<z.infer<typeof myChecklistOutput>> {
  const m = await findOwnMembership(deps.db, actor.id, programId, "mentor");
  const program = await loadProgram(deps.db, programId);
  const c = program.checklist;
  const progress = await progressOf(deps.db, m.id);
  const latest = c.codeOfConduct ? await latestVersion(deps.db, programId) : null;
  const docs = c.documents.length > 0 ? await documentsOf(deps.db, [m.id]) : [];
  const steps = configuredSteps(c).map(({ step, required }) => {
    const p = progress.find((r) => r.step === step);
    return {
      step,
      label: stepLabels[step],
      required,
      status: p?.status ?? "todo",
      note: p?.note ?? "",
      completedAt: p?.completedAt ?? null,
      reviewedAt: p?.reviewedAt ?? null,
      acknowledgedVersion: p?.acknowledgedVersion ?? null,
    };
  });
  const coc = steps.find((s) => s.step === "code_of_conduct");
  return {
    membershipId: m.id,
    membershipStatus: m.status,
    readyAt: m.readyAt,
    steps,
    codeOfConduct: latest,
    newVersionToAcknowledge: !!latest && !!coc && coc.acknowledgedVersion !== null && coc.acknowledgedVersion < latest.version,
    documentKinds: c.documents.map((d) => ({ ...d, files: docs.filter((f) => f.kind === d.kind) })),
    trainingUrl: c.trainingUrl,
    maxDocumentBytes: DOCUMENT_MAX_BYTES,
  };
}

export async function acknowledgeCodeOfConduct(deps: OnboardingDeps, actor: SessionUser, programId: string, version: number) {
  await deps.db.transaction(async (tx) => {
    const m = await findOwnMembership(tx, actor.id, programId, "mentor");
    const program = await loadProgram(tx, programId);
    const latest = program.checklist.codeOfConduct ? await latestVersion(tx, programId) : null;
    if (!latest) throw new AppError("CONFLICT", "This program does not ask for a code-of-conduct acknowledgement.");
    if (version !== latest.version)
      throw new AppError("CONFLICT", `A newer version (${latest.version}) of the code of conduct was published. Read it and agree again.`);
    const [current] = await tx
      .select()
      .from(checklistProgress)
      .where(and(eq(checklistProgress.membershipId, m.id), eq(checklistProgress.step, "code_of_conduct")));
    if (current?.acknowledgedVersion === version && (current.status === "submitted" || current.status === "approved"))
      throw new AppError("CONFLICT", "You already agreed to this version.");
    const now = deps.clock.now();
    // An approved mentor re-reading a new version keeps the approval: nothing is left for a coordinator to check.
    const keepsApproval = current?.status === "approved";
    await setProgress(tx, m.id, "code_of_conduct", {
      status: keepsApproval ? "approved" : "submitted",
      acknowledgedVersion: version,
      completedAt: now,
      ...(keepsApproval ? {} : { note: "", reviewedAt: null, reviewedBy: null }),
    });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.acknowledge_code_of_conduct",
      targetType: "membership",
      targetId: m.id,
      detail: `version ${version}`,
      programId,
    });
    if (!keepsApproval) await notifySubmitted(tx, deps, program, m.id, "code_of_conduct");
    await refreshReadiness(tx, deps, program, m.id);
  });
}

export async function markTrainingDone(deps: OnboardingDeps, actor: SessionUser, programId: string) {
  await deps.db.transaction(async (tx) => {
    const m = await findOwnMembership(tx, actor.id, programId, "mentor");
    const program = await loadProgram(tx, programId);
    if (!program.checklist.trainingUrl) throw new AppError("CONFLICT", "This program has no training to complete.");
    const [current] = await tx
      .select({ status: checklistProgress.status })
      .from(checklistProgress)
      .where(and(eq(checklistProgress.membershipId, m.id), eq(checklistProgress.step, "training")));
    if (current?.status === "submitted" || current?.status === "approved")
      throw new AppError("CONFLICT", "You already marked the training as done.");
    await setProgress(tx, m.id, "training", {
      status: "submitted",
      completedAt: deps.clock.now(),
      note: "",
      reviewedAt: null,
      reviewedBy: null,
    });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.training_done",
      targetType: "membership",
      targetId: m.id,
      programId,
    });
    await notifySubmitted(tx, deps, program, m.id, "training");
    await refreshReadiness(tx, deps, program, m.id);
  });
}

// ---------------------------------------------------------------- documents

type SniffedType = { contentType: string; ext: string };

/** The bytes decide the type, never the declared Content-Type or the file name. */
export function sniffDocumentType(b: Uint8Array): SniffedType | null {
  const starts = (...sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: "application/pdf", ext: "pdf" };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { contentType: "image/png", ext: "png" };
  if (starts(0xff, 0xd8, 0xff)) return { contentType: "image/jpeg", ext: "jpg" };
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // A Word document is a ZIP whose entries include word/document.xml; other ZIPs are refused.
    const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 512 * 1024)).toString("latin1");
    if (head.includes("[Content_Types].xml") && head.includes("word/"))
      return { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" };
  }
  return null;
}

/** Keeps the original name readable but safe in a header and on any file system. */
export function cleanFilename(name: string, ext: string): string {
  const base = name
    .replace(/[\\/]/g, "_")
    .split("")
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .replace(/"/g, "'")
    .trim()
    .slice(0, 150);
  return base || `document.${ext}`;
}

/** Steps the documents step forward (todo -> submitted) or back (submitted -> todo) from the files present. */
async function syncDocumentsStep(
  tx: DbOrTx,
  deps: NotifyDeps,
  program: { id: string; name: string; checklist: ProgramChecklist },
  membershipId: string,
): Promise<void> {
  const kinds = program.checklist.documents;
  const present = new Set(
    (
      await tx
        .select({ kind: membershipDocuments.kind })
        .from(membershipDocuments)
        .where(eq(membershipDocuments.membershipId, membershipId))
    ).map((r) => r.kind),
  );
  const requiredKinds = kinds.filter((k) => k.required);
  const complete = requiredKinds.length > 0 ? requiredKinds.every((k) => present.has(k.kind)) : kinds.some((k) => present.has(k.kind));
  const [current] = await tx
    .select({ status: checklistProgress.status })
    .from(checklistProgress)
    .where(and(eq(checklistProgress.membershipId, membershipId), eq(checklistProgress.step, "documents")));
  const status = current?.status ?? "todo";
  if (complete && (status === "todo" || status === "rejected")) {
    await setProgress(tx, membershipId, "documents", {
      status: "submitted",
      completedAt: deps.clock.now(),
      reviewedAt: null,
      reviewedBy: null,
    });
    await notifySubmitted(tx, deps, program, membershipId, "documents");
  } else if (!complete && status === "submitted") {
    await setProgress(tx, membershipId, "documents", { status: "todo", completedAt: null });
    await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "checklist" });
  }
}

export async function uploadDocument(
  deps: OnboardingDeps,
  actor: SessionUser,
  rawParams: Record<string, string>,
  bytes: Uint8Array,
): Promise<{ documentId: string; url: string }> {
  const parsed = uploadDocumentParams.safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw AppError.field(String(issue?.path[0] ?? "file"), issue?.message ?? "Invalid upload.");
  }
  const params = parsed.data;
  const m = await findOwnMembership(deps.db, actor.id, params.programId, "mentor");
  const program = await loadProgram(deps.db, params.programId);
  const kind = program.checklist.documents.find((d) => d.kind === params.kind);
  if (!kind) throw AppError.field("kind", "This program does not ask for that kind of document.");
  if (bytes.length === 0) throw AppError.field("file", "The file is empty.");
  if (bytes.length > DOCUMENT_MAX_BYTES) throw AppError.field("file", "The file is larger than 5 MB.");
  const type = sniffDocumentType(bytes);
  if (!type) throw AppError.field("file", "Upload a PDF, Word (.docx), PNG or JPEG file.");
  const filename = cleanFilename(params.filename, type.ext);
  const key = `documents/${actor.id}/${randomUUID()}.${type.ext}`;
  await deps.files.put(key, bytes);
  try {
    return await deps.db.transaction(async (tx) => {
      const [step] = await tx
        .select({ status: checklistProgress.status })
        .from(checklistProgress)
        .where(and(eq(checklistProgress.membershipId, m.id), eq(checklistProgress.step, "documents")))
        .for("update");
      if (step?.status === "approved") throw new AppError("CONFLICT", "Your documents were already approved.");
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(membershipDocuments)
        .where(and(eq(membershipDocuments.membershipId, m.id), eq(membershipDocuments.kind, kind.kind)));
      if (Number(n) >= 5) throw AppError.field("file", `You can upload at most 5 files for "${kind.label}". Remove one first.`);
      const [f] = await tx
        .insert(files)
        .values({
          ownerId: actor.id,
          purpose: "document",
          filename,
          contentType: type.contentType,
          size: bytes.length,
          storageKey: key,
          createdAt: deps.clock.now(),
        })
        .returning({ id: files.id });
      if (!f) throw new Error("no file row");
      const [d] = await tx
        .insert(membershipDocuments)
        .values({ membershipId: m.id, kind: kind.kind, fileId: f.id, filename, createdAt: deps.clock.now() })
        .returning({ id: membershipDocuments.id });
      if (!d) throw new Error("no document row");
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "onboarding.upload_document",
        targetType: "membership",
        targetId: m.id,
        detail: `${kind.kind}: ${filename}`,
        programId: program.id,
      });
      await syncDocumentsStep(tx, deps, program, m.id);
      await deps.realtime.toUser(tx, actor.id, "account:changed", {});
      return { documentId: d.id, url: documentUrl(d.id) };
    });
  } catch (err) {
    await deps.files.delete(key).catch(() => {});
    throw err;
  }
}

export async function removeDocument(deps: OnboardingDeps, actor: SessionUser, programId: string, documentId: string) {
  const key = await deps.db.transaction(async (tx) => {
    const m = await findOwnMembership(tx, actor.id, programId, "mentor");
    const [doc] = await tx
      .select({
        id: membershipDocuments.id,
        fileId: membershipDocuments.fileId,
        key: files.storageKey,
        filename: membershipDocuments.filename,
      })
      .from(membershipDocuments)
      .innerJoin(files, eq(files.id, membershipDocuments.fileId))
      .where(and(eq(membershipDocuments.id, documentId), eq(membershipDocuments.membershipId, m.id)));
    if (!doc) throw new AppError("NOT_FOUND", "Document not found.");
    const [step] = await tx
      .select({ status: checklistProgress.status })
      .from(checklistProgress)
      .where(and(eq(checklistProgress.membershipId, m.id), eq(checklistProgress.step, "documents")))
      .for("update");
    if (step?.status === "approved") throw new AppError("CONFLICT", "Approved documents cannot be removed.");
    const program = await loadProgram(tx, programId);
    await tx.delete(membershipDocuments).where(eq(membershipDocuments.id, doc.id));
    await tx.delete(files).where(eq(files.id, doc.fileId));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.remove_document",
      targetType: "membership",
      targetId: m.id,
      detail: doc.filename,
      programId,
    });
    await syncDocumentsStep(tx, deps, program, m.id);
    return doc.key;
  });
  await deps.files.delete(key).catch(() => {});
}

/**
 * A checklist document for download, or null (answered as 404) unless the reader uploaded it, coordinates the
 * program, or is a platform admin.
 */
export async function readDocument(deps: { db: Db; files: FileStore }, reader: SessionUser, documentId: string) {
  const [d] = await deps.db
    .select({
      programId: programMemberships.programId,
      ownerId: programMemberships.userId,
      filename: membershipDocuments.filename,
      key: files.storageKey,
      contentType: files.contentType,
    })
    .from(membershipDocuments)
    .innerJoin(files, eq(files.id, membershipDocuments.fileId))
    .innerJoin(programMemberships, eq(programMemberships.id, membershipDocuments.membershipId))
    .where(eq(membershipDocuments.id, documentId));
  if (!d) return null;
  const allowed =
    reader.isPlatformAdmin || reader.id === d.ownerId || (await programCoordinatorIds(deps.db, d.programId)).includes(reader.id);
  if (!allowed) return null;
  const data = await deps.files.get(d.key);
  return data ? { data, contentType: d.contentType, filename: d.filename } : null;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the exact name in filename*. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

// ---------------------------------------------------------------- configuration (staff)

export async function checklistConfig(deps: OnboardingDeps, programId: string): Promise<z.infer<typeof checklistConfigOutput>> {
  const program = await loadProgram(deps.db, programId);
  const versions = await deps.db
    .select({
      version: codeOfConductVersions.version,
      body: codeOfConductVersions.body,
      createdAt: codeOfConductVersions.createdAt,
      createdByName: users.name,
    })
    .from(codeOfConductVersions)
    .leftJoin(users, eq(users.id, codeOfConductVersions.createdBy))
    .where(eq(codeOfConductVersions.programId, programId))
    .orderBy(desc(codeOfConductVersions.version));
  const [counts] = await deps.db
    .select({ total: sql<number>`count(*)::int`, ready: sql<number>`count(${programMemberships.readyAt})::int` })
    .from(programMemberships)
    .where(
      and(eq(programMemberships.programId, programId), eq(programMemberships.role, "mentor"), eq(programMemberships.status, "active")),
    );
  return {
    ...program.checklist,
    versions,
    mentors: { total: Number(counts?.total ?? 0), ready: Number(counts?.ready ?? 0) },
  };
}

async function mentorMembershipIds(tx: DbOrTx, programId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: programMemberships.id })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.role, "mentor")));
  return rows.map((r) => r.id);
}

export async function setChecklist(deps: OnboardingDeps, actor: SessionUser, input: z.output<typeof setChecklistInput>) {
  await deps.db.transaction(async (tx) => {
    const program = await loadProgram(tx, input.programId);
    if (input.codeOfConduct && !(await latestVersion(tx, input.programId)))
      throw AppError.field("codeOfConduct", "Publish the code-of-conduct text before asking mentors to agree to it.");
    const checklist: ProgramChecklist = {
      codeOfConduct: input.codeOfConduct,
      documents: input.documents,
      trainingUrl: input.trainingUrl,
      backgroundCheck: input.backgroundCheck,
    };
    await tx.update(programs).set({ checklist, updatedAt: deps.clock.now() }).where(eq(programs.id, input.programId));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.set_checklist",
      targetType: "program",
      targetId: input.programId,
      detail: JSON.stringify(checklist),
      programId: input.programId,
    });
    const updated = { ...program, checklist };
    const ids = await mentorMembershipIds(tx, input.programId);
    for (const id of ids) {
      // A newly required document kind reopens an approved documents step that lacks it.
      const [docStep] = await tx
        .select({ status: checklistProgress.status })
        .from(checklistProgress)
        .where(and(eq(checklistProgress.membershipId, id), eq(checklistProgress.step, "documents")));
      if (docStep && (docStep.status === "approved" || docStep.status === "submitted")) {
        const present = new Set(
          (
            await tx.select({ kind: membershipDocuments.kind }).from(membershipDocuments).where(eq(membershipDocuments.membershipId, id))
          ).map((r) => r.kind),
        );
        const missing = checklist.documents.filter((d) => d.required && !present.has(d.kind));
        if (missing.length > 0)
          await setProgress(tx, id, "documents", {
            status: "todo",
            note: `Please also upload: ${missing.map((d) => d.label).join(", ")}.`,
          });
      }
      await refreshReadiness(tx, deps, updated, id);
    }
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "checklist" });
  });
}

export async function publishCodeOfConduct(deps: OnboardingDeps, actor: SessionUser, input: z.output<typeof publishCodeOfConductInput>) {
  return deps.db.transaction(async (tx) => {
    // Serialise publishers of the same program so two never take the same version number.
    await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, input.programId)).for("update");
    const latest = await latestVersion(tx, input.programId);
    if (latest && latest.body === input.body) throw AppError.field("body", "This text is the same as the current version.");
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(codeOfConductVersions).values({
      programId: input.programId,
      version,
      body: input.body,
      createdBy: actor.id,
      createdAt: deps.clock.now(),
    });
    // Mentors not yet ready must agree to the new text; ready mentors keep readiness (see the file comment).
    const stale = await tx
      .select({ membershipId: checklistProgress.membershipId, userId: programMemberships.userId })
      .from(checklistProgress)
      .innerJoin(programMemberships, eq(programMemberships.id, checklistProgress.membershipId))
      .where(
        and(
          eq(programMemberships.programId, input.programId),
          eq(checklistProgress.step, "code_of_conduct"),
          isNotNull(checklistProgress.acknowledgedVersion),
          sql`${programMemberships.readyAt} is null`,
          inArray(checklistProgress.status, ["submitted", "approved"]),
        ),
      );
    for (const s of stale) {
      await setProgress(tx, s.membershipId, "code_of_conduct", {
        status: "todo",
        note: `Version ${version} of the code of conduct was published. Please read it and agree again.`,
        reviewedAt: null,
        reviewedBy: null,
      });
      await deps.realtime.toUser(tx, s.userId, "account:changed", {});
    }
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.publish_code_of_conduct",
      targetType: "program",
      targetId: input.programId,
      detail: `version ${version}`,
      programId: input.programId,
    });
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "checklist" });
    return { version };
  });
}

// ---------------------------------------------------------------- review (staff)

export async function reviewQueue(deps: OnboardingDeps, programId: string): Promise<z.infer<typeof reviewQueueOutput>> {
  const program = await loadProgram(deps.db, programId);
  const steps = configuredSteps(program.checklist).map((s) => s.step);
  if (steps.length === 0) return [];
  const mentors = await deps.db
    .select({ membershipId: programMemberships.id, mentorId: users.id, mentorName: users.name })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(
      and(
        eq(programMemberships.programId, programId),
        eq(programMemberships.role, "mentor"),
        inArray(programMemberships.status, ["active", "pending"]),
      ),
    )
    .orderBy(asc(users.name));
  const ids = mentors.map((m) => m.membershipId);
  if (ids.length === 0) return [];
  const progress = await deps.db.select().from(checklistProgress).where(inArray(checklistProgress.membershipId, ids));
  const docs = steps.includes("documents") ? await documentsOf(deps.db, ids) : [];
  const out: z.infer<typeof reviewQueueOutput> = [];
  for (const m of mentors) {
    for (const step of steps) {
      const p = progress.find((r) => r.membershipId === m.membershipId && r.step === step);
      const status = p?.status ?? "todo";
      // Submitted steps wait for a reviewer; a background check has no mentor action, so it waits until set.
      const waiting = status === "submitted" || (step === "background_check" && status === "todo");
      if (!waiting) continue;
      out.push({
        ...m,
        step,
        label: stepLabels[step],
        status,
        submittedAt: status === "submitted" ? (p?.completedAt ?? null) : null,
        acknowledgedVersion: step === "code_of_conduct" ? (p?.acknowledgedVersion ?? null) : null,
        documents: step === "documents" ? docs.filter((d) => d.membershipId === m.membershipId).map(({ membershipId: _m, ...d }) => d) : [],
      });
    }
  }
  return out;
}

export async function review(
  deps: OnboardingDeps,
  actor: SessionUser,
  input: z.output<typeof reviewInput>,
): Promise<z.infer<typeof reviewResultOutput>> {
  return deps.db.transaction(async (tx) => {
    const program = await loadProgram(tx, input.programId);
    const configured = configuredSteps(program.checklist).map((s) => s.step);
    const ids = [...new Set(input.items.map((i) => i.membershipId))];
    const members = await tx
      .select({ id: programMemberships.id, userId: programMemberships.userId })
      .from(programMemberships)
      .where(
        and(inArray(programMemberships.id, ids), eq(programMemberships.programId, input.programId), eq(programMemberships.role, "mentor")),
      )
      .for("update");
    // Everything is checked before anything is written: one bad item and the whole batch is refused.
    for (const [i, item] of input.items.entries()) {
      if (!members.some((m) => m.id === item.membershipId))
        throw AppError.field(`items.${i}.membershipId`, "This mentor is not in this program.");
      if (!configured.includes(item.step)) throw new AppError("CONFLICT", `This program does not use the "${stepLabels[item.step]}" step.`);
    }
    const progress = await tx.select().from(checklistProgress).where(inArray(checklistProgress.membershipId, ids));
    for (const item of input.items) {
      const status = progress.find((p) => p.membershipId === item.membershipId && p.step === item.step)?.status ?? "todo";
      const reviewable = item.step === "background_check" ? status !== input.outcome : status === "submitted";
      if (!reviewable)
        throw new AppError("CONFLICT", `"${stepLabels[item.step]}" is not waiting for review any more. Reload the queue and try again.`);
    }
    const now = deps.clock.now();
    const outcome: (typeof reviewOutcomes)[number] = input.outcome;
    let nowReady = 0;
    const seen = new Set<string>();
    for (const item of input.items) {
      const k = `${item.membershipId}:${item.step}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const member = members.find((m) => m.id === item.membershipId) as { id: string; userId: string };
      await setProgress(tx, item.membershipId, item.step, {
        status: outcome,
        note: input.note,
        reviewedBy: actor.id,
        reviewedAt: now,
        ...(item.step === "background_check" ? { completedAt: now } : {}),
      });
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: `onboarding.review.${outcome}`,
        targetType: "membership",
        targetId: item.membershipId,
        detail: `${item.step}${input.note ? `: ${input.note}` : ""}`,
        programId: input.programId,
      });
      await notify(tx, deps, {
        type: "checklist.reviewed",
        userId: member.userId,
        programId: input.programId,
        data: { programName: program.name, step: stepLabels[item.step], outcome, note: input.note },
        link: `/programs/${input.programId}/onboarding`,
        dedupeKey: `checklist.reviewed:${item.membershipId}:${item.step}:${outcome}:${now.getTime()}`,
      });
      await deps.realtime.toUser(tx, member.userId, "account:changed", {});
    }
    for (const id of ids) {
      const r = await refreshReadiness(tx, deps, program, id);
      if (r.becameReady) nowReady++;
    }
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "checklist" });
    return { reviewed: seen.size, nowReady };
  });
}
