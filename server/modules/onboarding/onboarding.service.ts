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
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import {
  type ChecklistStep,
  checklistProgress,
  codeOfConductVersions,
  membershipDocuments,
  type ProgramChecklist,
  programMemberships,
  programs,
} from "../../../db/schema/programs";
import { files, users } from "../../../db/schema/users";
import type { Clock } from "../../clock";
import type { AppDeps } from "../../deps";
import { AppError } from "../../errors";
import type { FileStore } from "../../integrations/files/file-store";
import { type NotifyDeps, notify, notifyDepsOf } from "../notification/outbox.service";
import { programCoordinatorIds, toProgramStaff } from "../program/staff-events.service";
import type { checklistSteps } from "./onboarding.schema";

// The onboarding services, one file per part: onboarding-intake (the intake form), onboarding-checklist (the
// mentor's own checklist), onboarding-documents (upload, removal, download), onboarding-config (the staff's
// checklist settings and code-of-conduct versions) and onboarding-review (the staff's review queue). This file
// holds what they share: the deps, the readiness rule and the small queries.

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

// ---------------------------------------------------------------- helpers shared by the onboarding services

type ActiveOrPending = "active" | "pending";

export async function findOwnMembership(db: DbOrTx, userId: string, programId: string, role: "mentor" | "mentee") {
  const [m] = await db
    .select({ id: programMemberships.id, status: programMemberships.status, readyAt: programMemberships.readyAt })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.userId, userId), eq(programMemberships.role, role)));
  if (!m || (m.status !== "active" && m.status !== "pending"))
    throw new AppError("NOT_FOUND", role === "mentor" ? "You are not a mentor in this program." : "You are not a member of this program.");
  return m as { id: string; status: ActiveOrPending; readyAt: Date | null };
}

export async function loadProgram(db: DbOrTx, programId: string) {
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

export async function latestVersion(db: DbOrTx, programId: string) {
  const [v] = await db
    .select({ version: codeOfConductVersions.version, body: codeOfConductVersions.body, createdAt: codeOfConductVersions.createdAt })
    .from(codeOfConductVersions)
    .where(eq(codeOfConductVersions.programId, programId))
    .orderBy(desc(codeOfConductVersions.version))
    .limit(1);
  return v ?? null;
}

export async function progressOf(db: DbOrTx, membershipId: string) {
  return db.select().from(checklistProgress).where(eq(checklistProgress.membershipId, membershipId));
}

/** Inserts or updates one progress row. */
export async function setProgress(
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

export async function documentsOf(db: DbOrTx, membershipIds: string[]) {
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

export async function mentorName(db: DbOrTx, membershipId: string) {
  const [r] = await db
    .select({ name: users.name, userId: users.id })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(eq(programMemberships.id, membershipId));
  return r ?? { name: "A mentor", userId: "" };
}

/** Tells the program's coordinators a mentor finished a step that waits for them. */
export async function notifySubmitted(
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
export async function refreshReadiness(tx: DbOrTx, deps: NotifyDeps, program: { id: string; name: string }, membershipId: string) {
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
