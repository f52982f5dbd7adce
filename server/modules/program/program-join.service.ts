/** Joining a program through its invite link, its invite code or the directory, and the preview before joining. */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { programMemberships, programs } from "../../../db/schema/programs";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { notify } from "../notification/outbox.service";
import { recomputeMentorReadiness } from "../onboarding/onboarding.service";
import { type joinPreviewInput, type joinProgramInput, normaliseInviteCode } from "./program.schema";
import type { ProgramDeps as Deps, ProgramRow } from "./program.service";
import { programCoordinatorIds, toProgramStaff } from "./staff-events.service";

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
