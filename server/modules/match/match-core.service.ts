/**
 * Making a match, the one write every path shares (request accepted, coordinator approval or manual match,
 * cohort publish). Race safety: the mentor's membership row and then the mentee's are locked FOR UPDATE, so
 * concurrent accepts for one mentor (capacity) or one mentee (one live match) run one after the other and each
 * sees the previous one's match; the partial unique index on live matches per mentee backs this up.
 * Lock order is always mentor rows before mentee rows (bulk callers sort each list) so two writers never wait
 * on each other in a cycle.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, pgConstraint, pgErrorCode } from "../../../db/client";
import { type MatchStatus, matchEvents, matches, type matchSources, type ScoreSnapshot } from "../../../db/schema/matching";
import { programIntakes, programMemberships } from "../../../db/schema/programs";
import { mentorProfiles, users } from "../../../db/schema/users";
import { AppError } from "../../errors";
import type { Realtime } from "../../realtime/realtime";
import { audit } from "../auth/auth.service";
import { type NotifyDeps, notify } from "../notification/outbox.service";
import { toProgramStaff } from "../program/staff-events.service";
import { allowedTransitions } from "./match.schema";

/** How a match came about, in words for the activity log. */
const sourceLabels: Record<(typeof matchSources)[number], string> = {
  request: "Accepted request",
  reviewed: "Approved suggestion",
  manual: "Manual match",
  cohort: "Cohort matching",
};

export type MatchDeps = NotifyDeps & { realtime: Realtime };

export type CreateMatchInput = {
  programId: string;
  programName: string;
  mentorId: string;
  menteeId: string;
  source: (typeof matchSources)[number];
  score: ScoreSnapshot | null;
  /** Who made it (the accepting mentor, the coordinator); null for system runs. */
  actorId: string | null;
  reason?: string;
  /** Required to match a mentor already at capacity; without it that is a CONFLICT. */
  capacityOverrideReason?: string | null;
  replacesMatchId?: string | null;
  /** Send "match.created" to these parties (the request path tells the mentee with "request.accepted" instead). */
  notifyParties?: ("mentor" | "mentee")[];
};

/** Locks the active membership row of `userId` in the program with `role`; CONFLICT when there is none. */
export async function lockMembership(tx: DbOrTx, programId: string, userId: string, role: "mentor" | "mentee") {
  const [row] = await tx
    .select({ id: programMemberships.id, readyAt: programMemberships.readyAt, status: programMemberships.status })
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.userId, userId), eq(programMemberships.role, role)))
    .for("update");
  if (row?.status !== "active") {
    throw AppError.field(`${role}Id`, `This person is not an active ${role} of the program.`);
  }
  return row;
}

/** The mentor's capacity in the program: the intake's answer, else the profile's default. */
export async function mentorCapacity(tx: DbOrTx, membershipId: string, mentorId: string): Promise<number> {
  const [intake] = await tx
    .select({ capacity: programIntakes.capacity })
    .from(programIntakes)
    .where(eq(programIntakes.membershipId, membershipId));
  if (intake && intake.capacity > 0) return intake.capacity;
  const [profile] = await tx
    .select({ capacity: mentorProfiles.defaultCapacity })
    .from(mentorProfiles)
    .where(eq(mentorProfiles.userId, mentorId));
  return profile?.capacity ?? 2;
}

export async function liveMatchCount(tx: DbOrTx, programId: string, mentorId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(matches)
    .where(and(eq(matches.programId, programId), eq(matches.mentorId, mentorId), inArray(matches.status, ["active", "paused"])));
  return Number(row?.n ?? 0);
}

/**
 * Creates an active match inside the caller's transaction, with its first history entry, an audit entry,
 * live signals to both people and the program's staff, and the chosen notifications.
 */
export async function createMatch(tx: DbOrTx, deps: MatchDeps, input: CreateMatchInput): Promise<{ matchId: string }> {
  if (input.mentorId === input.menteeId) throw AppError.field("mentorId", "A person cannot mentor themselves.");
  const mentorMembership = await lockMembership(tx, input.programId, input.mentorId, "mentor");
  await lockMembership(tx, input.programId, input.menteeId, "mentee");

  const [live] = await tx
    .select({ id: matches.id })
    .from(matches)
    .where(
      and(eq(matches.programId, input.programId), eq(matches.menteeId, input.menteeId), inArray(matches.status, ["active", "paused"])),
    );
  if (live) throw new AppError("CONFLICT", "This mentee already has a mentor in this program.");

  const capacity = await mentorCapacity(tx, mentorMembership.id, input.mentorId);
  const load = await liveMatchCount(tx, input.programId, input.mentorId);
  const override = input.capacityOverrideReason?.trim() || null;
  if (load >= capacity && !override) {
    throw new AppError("CONFLICT", `This mentor is at capacity (${load} of ${capacity}); matching them needs an override reason.`);
  }

  const now = deps.clock.now();
  let matchId: string;
  try {
    const [row] = await tx
      .insert(matches)
      .values({
        programId: input.programId,
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        status: "active",
        source: input.source,
        score: input.score,
        capacityOverrideReason: load >= capacity ? override : null,
        replacesMatchId: input.replacesMatchId ?? null,
        createdBy: input.actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: matches.id });
    matchId = row!.id;
  } catch (err) {
    if (pgErrorCode(err) === "23505" && pgConstraint(err) === "matches_one_live_per_mentee") {
      throw new AppError("CONFLICT", "This mentee already has a mentor in this program.");
    }
    throw err;
  }
  await tx.insert(matchEvents).values({
    matchId,
    fromStatus: null,
    toStatus: "active",
    actorId: input.actorId,
    reason: input.reason ?? (load >= capacity && override ? `Capacity override: ${override}` : ""),
    createdAt: now,
  });
  await audit(tx, deps.clock, {
    actorId: input.actorId,
    action: "match.created",
    targetType: "match",
    targetId: matchId,
    programId: input.programId,
    detail: [sourceLabels[input.source], input.reason, override ? `Capacity override: ${override}` : ""].filter(Boolean).join(". "),
  });

  const people = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [input.mentorId, input.menteeId]));
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  for (const party of input.notifyParties ?? []) {
    const userId = party === "mentor" ? input.mentorId : input.menteeId;
    const partnerId = party === "mentor" ? input.menteeId : input.mentorId;
    await notify(tx, deps, {
      type: "match.created",
      userId,
      programId: input.programId,
      data: { programName: input.programName, partnerName: nameOf(partnerId), partnerRole: party === "mentor" ? "mentee" : "mentor" },
      link: `/programs/${input.programId}/matches/${matchId}`,
      dedupeKey: `match.created:${matchId}:${userId}`,
    });
  }
  const signal = { matchId, programId: input.programId, status: "active" };
  await deps.realtime.toUser(tx, input.mentorId, "match:changed", signal);
  await deps.realtime.toUser(tx, input.menteeId, "match:changed", signal);
  await toProgramStaff(deps.realtime, tx, input.programId, "match:changed", signal);
  return { matchId };
}

const statusWords: Record<MatchStatus, string> = { active: "active again", paused: "paused", completed: "completed", ended: "ended" };

export type ChangeMatchStatusInput = {
  matchId: string;
  to: MatchStatus;
  reason: string;
  actorId: string | null;
  /** The program's name for the notification (the caller has usually loaded it already). */
  programName: string;
};

/**
 * Moves a match to another status inside the caller's transaction: the history entry (who, when, why), an
 * audit entry, "match.status_changed" to both people (not to the one who made the change) and live signals.
 * The match row is locked first so two coordinators changing it at once run one after the other.
 */
export async function changeMatchStatus(tx: DbOrTx, deps: MatchDeps, input: ChangeMatchStatusInput) {
  const [match] = await tx
    .select({
      id: matches.id,
      programId: matches.programId,
      status: matches.status,
      mentorId: matches.mentorId,
      menteeId: matches.menteeId,
    })
    .from(matches)
    .where(eq(matches.id, input.matchId))
    .for("update");
  if (!match) throw new AppError("NOT_FOUND", "This match does not exist.");
  if (match.status === input.to) throw new AppError("CONFLICT", `This match is already ${statusWords[input.to]}.`);
  if (!allowedTransitions[match.status].includes(input.to)) {
    throw new AppError(
      "CONFLICT",
      `This match is ${match.status}; it cannot be ${input.to === "active" ? "resumed" : statusWords[input.to]}.`,
    );
  }
  const now = deps.clock.now();
  const closing = input.to === "completed" || input.to === "ended";
  await tx
    .update(matches)
    .set({ status: input.to, updatedAt: now, endedAt: closing ? now : null })
    .where(eq(matches.id, match.id));
  await tx.insert(matchEvents).values({
    matchId: match.id,
    fromStatus: match.status,
    toStatus: input.to,
    actorId: input.actorId,
    reason: input.reason,
    createdAt: now,
  });
  const action = input.to === "active" ? "match.resumed" : `match.${input.to}`;
  await audit(tx, deps.clock, {
    actorId: input.actorId,
    action,
    targetType: "match",
    targetId: match.id,
    programId: match.programId,
    detail: input.reason,
  });
  const people = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [match.mentorId, match.menteeId]));
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  for (const [userId, partnerId] of [
    [match.mentorId, match.menteeId],
    [match.menteeId, match.mentorId],
  ] as const) {
    if (userId === input.actorId) continue;
    await notify(tx, deps, {
      type: "match.status_changed",
      userId,
      programId: match.programId,
      data: { programName: input.programName, partnerName: nameOf(partnerId), status: statusWords[input.to], reason: input.reason },
      link: `/programs/${match.programId}/matches/${match.id}`,
      dedupeKey: `match.status_changed:${match.id}:${input.to}:${now.getTime()}:${userId}`,
    });
  }
  const signal = { matchId: match.id, programId: match.programId, status: input.to };
  await deps.realtime.toUser(tx, match.mentorId, "match:changed", signal);
  await deps.realtime.toUser(tx, match.menteeId, "match:changed", signal);
  await toProgramStaff(deps.realtime, tx, match.programId, "match:changed", signal);
  return {
    matchId: match.id,
    programId: match.programId,
    from: match.status,
    to: input.to,
    mentorId: match.mentorId,
    menteeId: match.menteeId,
  };
}
