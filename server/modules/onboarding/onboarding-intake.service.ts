/**
 * The intake form: what a member wants (or offers) in one program, prefilled from the profile until saved.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import { programIntakes, programMemberships } from "../../../db/schema/programs";
import { menteeProfiles, mentorProfiles } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { liveMatchCount } from "../match/match-core.service";
import type { CommunicationMode } from "../matching/matching.types";
import { toProgramStaff } from "../program/staff-events.service";
import { CAPACITY_MAX, communicationModes, type intakeOutput, type myIntakeInput, type saveIntakeInput } from "./onboarding.schema";
import { findOwnMembership, type OnboardingDeps } from "./onboarding.service";

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
