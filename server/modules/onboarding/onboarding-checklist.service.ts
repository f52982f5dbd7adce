/**
 * The mentor's own checklist: what the program asks for, the code-of-conduct acknowledgement and training.
 */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { checklistProgress } from "../../../db/schema/programs";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { DOCUMENT_MAX_BYTES, type myChecklistOutput } from "./onboarding.schema";
import {
  configuredSteps,
  documentsOf,
  findOwnMembership,
  latestVersion,
  loadProgram,
  notifySubmitted,
  type OnboardingDeps,
  progressOf,
  refreshReadiness,
  setProgress,
  stepLabels,
} from "./onboarding.service";

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
