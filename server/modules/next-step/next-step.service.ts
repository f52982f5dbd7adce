import { and, asc, desc, eq, gt, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { matches, matchRequests } from "../../../db/schema/matching";
import { programIntakes, programMemberships, programs } from "../../../db/schema/programs";
import { liveSessionStatuses, mentorAvailability, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import { configuredSteps, loadProgram, progressOf } from "../onboarding/onboarding.service";
import type { MyNextStepsInput, NextStep } from "./next-step.schema";

export type NextStepDeps = { db: DbOrTx; clock: Clock };

type Membership = {
  membershipId: string;
  programId: string;
  programName: string;
  matchingMode: "mentee_choice" | "reviewed" | "cohort";
  role: "mentor" | "mentee";
  status: "pending" | "active";
  readyAt: Date | null;
  hasIntake: boolean;
};

type Person = { id: string; name: string };

/**
 * The one next step per program and role for the caller: what Home and the program page both show. Order
 * matters: a live match always wins over onboarding, so "finish your intake" never reaches someone matched.
 */
export async function myNextSteps(deps: NextStepDeps, actor: SessionUser, input: MyNextStepsInput): Promise<NextStep[]> {
  const rows = await deps.db
    .select({
      membershipId: programMemberships.id,
      programId: programs.id,
      programName: programs.name,
      matchingMode: programs.matchingMode,
      role: programMemberships.role,
      status: programMemberships.status,
      readyAt: programMemberships.readyAt,
      intakeId: programIntakes.membershipId,
    })
    .from(programMemberships)
    .innerJoin(programs, eq(programs.id, programMemberships.programId))
    .leftJoin(programIntakes, eq(programIntakes.membershipId, programMemberships.id))
    .where(
      and(
        eq(programMemberships.userId, actor.id),
        inArray(programMemberships.status, ["pending", "active"]),
        inArray(programMemberships.role, ["mentor", "mentee"]),
        // Archived and draft programs have nothing to do in them.
        eq(programs.status, "active"),
        input.programId ? eq(programs.id, input.programId) : undefined,
      ),
    )
    .orderBy(asc(programs.name), asc(programMemberships.role));

  const steps: NextStep[] = [];
  for (const r of rows) {
    const m: Membership = {
      membershipId: r.membershipId,
      programId: r.programId,
      programName: r.programName,
      matchingMode: r.matchingMode,
      role: r.role as "mentor" | "mentee",
      status: r.status as "pending" | "active",
      readyAt: r.readyAt,
      hasIntake: r.intakeId !== null,
    };
    steps.push(m.role === "mentee" ? await menteeStep(deps, actor, m) : await mentorStep(deps, actor, m));
  }
  return steps;
}

const baseOf = (m: Membership) => ({ programId: m.programId, programName: m.programName, role: m.role });

async function menteeStep(deps: NextStepDeps, actor: SessionUser, m: Membership): Promise<NextStep> {
  const base = baseOf(m);
  if (m.status === "pending") return { kind: "membership_pending", ...base };
  const [live] = await deps.db
    .select({ id: matches.id, status: matches.status, mentorId: users.id, mentorName: users.name })
    .from(matches)
    .innerJoin(users, eq(users.id, matches.mentorId))
    .where(and(eq(matches.programId, m.programId), eq(matches.menteeId, actor.id), inArray(matches.status, ["active", "paused"])));
  if (live) {
    const partner = { id: live.mentorId, name: live.mentorName };
    if (live.status === "paused") {
      return { kind: "match_paused", ...base, matchId: live.id, partner, coordinators: await coordinatorsOf(deps.db, m.programId) };
    }
    const [next] = await upcomingSessions(deps, [live.id]);
    if (next) return { kind: "upcoming_session", ...base, matchId: live.id, partner, session: next.session };
    return { kind: "book_session", ...base, matchId: live.id, partner };
  }
  if (!m.hasIntake) return { kind: "finish_onboarding", ...base, intakeDone: false, checklistDone: true, checklistInReview: false };

  const open = await deps.db
    .select({
      id: matchRequests.id,
      status: matchRequests.status,
      expiresAt: matchRequests.expiresAt,
      mentorId: users.id,
      mentorName: users.name,
    })
    .from(matchRequests)
    .innerJoin(users, eq(users.id, matchRequests.mentorId))
    .where(
      and(
        eq(matchRequests.programId, m.programId),
        eq(matchRequests.menteeId, actor.id),
        inArray(matchRequests.status, ["pending", "needs_info"]),
      ),
    )
    // A question from a mentor waits on the mentee, so it comes first; then the answer due soonest.
    .orderBy(desc(eq(matchRequests.status, "needs_info")), asc(matchRequests.expiresAt), asc(matchRequests.createdAt));
  const first = open[0];
  if (first) {
    return {
      kind: "request_open",
      ...base,
      requestId: first.id,
      status: first.status as "pending" | "needs_info",
      mentor: { id: first.mentorId, name: first.mentorName },
      expiresAt: first.status === "pending" ? first.expiresAt : null,
      otherOpenRequests: open.length - 1,
    };
  }

  const [last] = await deps.db
    .select({ status: matches.status, endedAt: matches.endedAt, mentorId: users.id, mentorName: users.name })
    .from(matches)
    .innerJoin(users, eq(users.id, matches.mentorId))
    .where(and(eq(matches.programId, m.programId), eq(matches.menteeId, actor.id), inArray(matches.status, ["completed", "ended"])))
    .orderBy(desc(matches.updatedAt))
    .limit(1);
  if (last) {
    return {
      kind: "match_ended",
      ...base,
      partner: { id: last.mentorId, name: last.mentorName },
      status: last.status as "completed" | "ended",
      endedAt: last.endedAt,
      canRequest: m.matchingMode === "mentee_choice",
      coordinators: await coordinatorsOf(deps.db, m.programId),
    };
  }
  if (m.matchingMode === "mentee_choice") return { kind: "find_mentor", ...base };
  return { kind: "coordinator_matching", ...base, coordinators: await coordinatorsOf(deps.db, m.programId) };
}

async function mentorStep(deps: NextStepDeps, actor: SessionUser, m: Membership): Promise<NextStep> {
  const base = baseOf(m);
  if (m.status === "pending") return { kind: "membership_pending", ...base };

  const pending = await deps.db
    .select({ expiresAt: matchRequests.expiresAt })
    .from(matchRequests)
    .where(and(eq(matchRequests.programId, m.programId), eq(matchRequests.mentorId, actor.id), eq(matchRequests.status, "pending")))
    .orderBy(asc(matchRequests.expiresAt));
  if (pending.length > 0) {
    return { kind: "answer_requests", ...base, count: pending.length, firstExpiresAt: pending[0]?.expiresAt ?? null };
  }

  const live = await deps.db
    .select({ id: matches.id, menteeId: users.id, menteeName: users.name })
    .from(matches)
    .innerJoin(users, eq(users.id, matches.menteeId))
    .where(and(eq(matches.programId, m.programId), eq(matches.mentorId, actor.id), eq(matches.status, "active")))
    .orderBy(asc(matches.createdAt));
  if (live.length === 0) {
    // Checked only without a match: a mentor a coordinator matched anyway never reads "finish your checklist".
    if (!m.hasIntake || m.readyAt === null) {
      const checklistInReview = m.readyAt === null && (await checklistWaitsForReview(deps.db, m));
      return { kind: "finish_onboarding", ...base, intakeDone: m.hasIntake, checklistDone: m.readyAt !== null, checklistInReview };
    }
    return { kind: "await_mentees", ...base, isMenteeChoice: m.matchingMode === "mentee_choice" };
  }

  const upcoming = await upcomingSessions(
    deps,
    live.map((l) => l.id),
  );
  const partnerOf = (matchId: string): Person => {
    const l = live.find((x) => x.id === matchId);
    return { id: l?.menteeId ?? "", name: l?.menteeName ?? "" };
  };
  // A mentee with nothing booked needs the mentor first; a session already booked takes care of itself.
  const unbooked = live.find((l) => !upcoming.some((u) => u.matchId === l.id));
  if (unbooked) {
    return {
      kind: "propose_times",
      ...base,
      matchId: unbooked.id,
      partner: partnerOf(unbooked.id),
      hasAvailability: await hasBookableHours(deps.db, actor.id),
    };
  }
  const soonest = upcoming[0];
  if (!soonest) throw new Error("every live match has an upcoming session, yet none was found");
  return { kind: "upcoming_session", ...base, matchId: soonest.matchId, partner: partnerOf(soonest.matchId), session: soonest.session };
}

/** Live sessions of the matches that have not ended yet (one in progress still counts), soonest first. */
async function upcomingSessions(deps: NextStepDeps, matchIds: string[]) {
  if (matchIds.length === 0) return [];
  const rows = await deps.db
    .select({ id: sessions.id, matchId: sessions.matchId, start: sessions.start, end: sessions.end, status: sessions.status })
    .from(sessions)
    .where(
      and(
        inArray(sessions.matchId, matchIds),
        inArray(sessions.status, [...liveSessionStatuses]),
        gt(sessions.end, deps.clock.now()),
        eq(sessions.kind, "one_to_one"),
      ),
    )
    .orderBy(asc(sessions.start));
  return rows.map((r) => ({
    matchId: r.matchId as string,
    session: { id: r.id, start: r.start, end: r.end, status: r.status as "requested" | "confirmed" },
  }));
}

async function hasBookableHours(db: DbOrTx, mentorId: string): Promise<boolean> {
  const [row] = await db
    .select({ weekly: mentorAvailability.weekly, overrides: mentorAvailability.overrides })
    .from(mentorAvailability)
    .where(eq(mentorAvailability.userId, mentorId));
  // A blocked day adds no hours; only weekly windows or extra / replacing hours on a date make anything bookable.
  return !!row && (row.weekly.length > 0 || row.overrides.some((o) => o.kind !== "blocked" && o.windows.length > 0));
}

async function coordinatorsOf(db: DbOrTx, programId: string): Promise<Person[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(programMemberships)
    .innerJoin(users, eq(users.id, programMemberships.userId))
    .where(
      and(
        eq(programMemberships.programId, programId),
        eq(programMemberships.role, "coordinator"),
        eq(programMemberships.status, "active"),
        ne(users.status, "suspended"),
      ),
    )
    .orderBy(asc(users.name));
}

/**
 * Every required checklist step is done on the mentor's side and at least one waits for a coordinator: nothing
 * is left for the mentor to do, so "finish your checklist" would send them to a page with nothing to finish.
 */
async function checklistWaitsForReview(db: DbOrTx, m: Membership): Promise<boolean> {
  const required = configuredSteps((await loadProgram(db, m.programId)).checklist).filter((s) => s.required);
  if (required.length === 0) return false;
  const progress = await progressOf(db, m.membershipId);
  const statusOf = (step: string) => progress.find((p) => p.step === step)?.status ?? "todo";
  return (
    required.every((r) => ["submitted", "approved"].includes(statusOf(r.step))) && required.some((r) => statusOf(r.step) === "submitted")
  );
}
