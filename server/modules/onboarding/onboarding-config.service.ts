/**
 * The staff's checklist settings and the code-of-conduct versions.
 */
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import {
  checklistProgress,
  codeOfConductVersions,
  membershipDocuments,
  type ProgramChecklist,
  programMemberships,
  programs,
} from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { toProgramStaff } from "../program/staff-events.service";
import type { checklistConfigOutput, publishCodeOfConductInput, setChecklistInput } from "./onboarding.schema";
import { latestVersion, loadProgram, type OnboardingDeps, refreshReadiness, setProgress } from "./onboarding.service";

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
