/** The member roster, the approval queue, adding people, changing a member's status and deciding join requests. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { type membershipStatuses, programMemberships } from "../../../db/schema/programs";
import { menteeGoals, menteeProfiles, mentorProfiles, users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { photoUrl } from "../auth/me.service";
import { notify } from "../notification/outbox.service";
import { recomputeMentorReadiness } from "../onboarding/onboarding.service";
import type { addMemberInput, decideMembershipsInput } from "./program.schema";
import { type ProgramDeps as Deps, lockProgram } from "./program.service";
import { toProgramStaff } from "./staff-events.service";

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
