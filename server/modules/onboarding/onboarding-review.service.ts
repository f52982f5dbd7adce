/**
 * The staff's review queue: steps waiting for a coordinator, approved or rejected one by one or in a batch.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { checklistProgress, programMemberships } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { notify } from "../notification/outbox.service";
import { toProgramStaff } from "../program/staff-events.service";
import type { reviewInput, reviewOutcomes, reviewQueueOutput, reviewResultOutput } from "./onboarding.schema";
import {
  configuredSteps,
  documentsOf,
  loadProgram,
  type OnboardingDeps,
  refreshReadiness,
  setProgress,
  stepLabels,
} from "./onboarding.service";

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
