/**
 * Manual matching by a coordinator (score preview, then the match) and the program's never-pair rules.
 * Hard constraints stay hard here: never-pair, a pair declined before, a mentor not ready, a mentee already
 * matched. The one exception is capacity, which a coordinator may override with a reason that is recorded.
 */
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { type DbOrTx, pgConstraint, pgErrorCode } from "../../../db/client";
import { matches, matchRequests, matchSuggestions, neverPairRules } from "../../../db/schema/matching";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { loadProgramPool, loadProgramSettings } from "../matching/program-pool.service";
import { scorePair } from "../matching/score";
import { toProgramStaff } from "../program/staff-events.service";
import type { addNeverPairInput, createManualInput, pairInput } from "./match.schema";
import { assertMembers, type Deps, person, scoreOutput } from "./match-access.service";
import { createMatch } from "./match-core.service";

const problemCodes = ["same-person", "mentor-not-ready", "mentee-matched", "never-pair", "declined-before", "mentor-at-capacity"] as const;
type ProblemCode = (typeof problemCodes)[number];

export const previewOutput = z.object({
  mentor: person.extend({ load: z.number(), capacity: z.number(), isReady: z.boolean() }),
  mentee: person.extend({ currentMatchId: z.string().nullable() }),
  score: scoreOutput,
  /** Everything that stands in the way; `blocking` ones cannot be overridden. */
  problems: z.array(z.object({ code: z.enum(problemCodes), message: z.string(), blocking: z.boolean() })),
  /** The mentor is full: matching needs a capacity override reason. */
  needsOverride: z.boolean(),
  canMatch: z.boolean(),
});
export type PairPreview = z.infer<typeof previewOutput>;

/** Score and problems of one pair; ids that are not an active mentor/mentee of the program name their field. */
export async function previewPair(db: DbOrTx, now: Date, input: z.output<typeof pairInput>): Promise<PairPreview> {
  const pool = await loadProgramPool(db, input.programId, now, { mentorIds: [input.mentorId], menteeIds: [input.menteeId] });
  const mentor = pool.mentors[0];
  const mentee = pool.mentees[0];
  if (!mentor) throw AppError.field("mentorId", "This person is not an active mentor of this program.");
  if (!mentee) throw AppError.field("menteeId", "This person is not an active mentee of this program.");
  const [live] = await db
    .select({ id: matches.id, mentorId: matches.mentorId })
    .from(matches)
    .where(
      and(eq(matches.programId, input.programId), eq(matches.menteeId, input.menteeId), inArray(matches.status, ["active", "paused"])),
    );

  const problems: PairPreview["problems"] = [];
  const add = (code: ProblemCode, message: string, blocking = true) => problems.push({ code, message, blocking });
  if (mentor.userId === mentee.userId) add("same-person", "Nobody can mentor themselves.");
  if (!mentor.isApproved) add("mentor-not-ready", "The mentor has not finished the program's checklist yet.");
  if (live) add("mentee-matched", `${mentee.name} already has a mentor in this program. Use rematch on that match instead.`);
  if (pool.rules.isNeverPair(mentor.userId, mentee.userId)) add("never-pair", "A coordinator ruled that these two are never paired.");
  if (pool.rules.isDeclined(mentor.userId, mentee.userId)) add("declined-before", "A request between these two was declined before.");
  const atCapacity = mentor.activeMatches >= mentor.capacity;
  if (atCapacity) {
    add(
      "mentor-at-capacity",
      `${mentor.name} is at capacity (${mentor.activeMatches} of ${mentor.capacity}). Give a reason to override.`,
      false,
    );
  }
  const score = scorePair(mentor, mentee, pool.settings);
  return {
    mentor: { id: mentor.userId, name: mentor.name, load: mentor.activeMatches, capacity: mentor.capacity, isReady: mentor.isApproved },
    mentee: { id: mentee.userId, name: mentee.name, currentMatchId: live?.id ?? null },
    score: { total: score.total, breakdown: score.breakdown, reasons: score.reasons },
    problems,
    needsOverride: atCapacity,
    canMatch: problems.every((p) => !p.blocking),
  };
}

/** The first blocking problem of a preview as the error a coordinator sees. */
export function assertMatchable(preview: PairPreview) {
  const blocking = preview.problems.find((p) => p.blocking);
  if (blocking) throw new AppError("CONFLICT", blocking.message);
}

export async function createManualMatch(deps: Deps, actor: SessionUser, input: z.output<typeof createManualInput>) {
  return deps.db.transaction(async (tx) => {
    const preview = await previewPair(tx, deps.clock.now(), input);
    assertMatchable(preview);
    const program = await loadProgramSettings(tx, input.programId);
    return createMatch(tx, deps, {
      programId: input.programId,
      programName: program.name,
      mentorId: input.mentorId,
      menteeId: input.menteeId,
      source: "manual",
      score: preview.score,
      actorId: actor.id,
      reason: input.reason || undefined,
      capacityOverrideReason: input.capacityOverrideReason || null,
      notifyParties: ["mentor", "mentee"],
    });
  });
}

const mentorUser = alias(users, "mentor_user");
const menteeUser = alias(users, "mentee_user");
const creator = alias(users, "creator");

export const ruleOutput = z.object({
  id: z.string(),
  mentor: person,
  mentee: person,
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});

export async function listNeverPairs(db: DbOrTx, programId: string) {
  const rows = await db
    .select({
      id: neverPairRules.id,
      mentorId: neverPairRules.mentorId,
      mentorName: mentorUser.name,
      menteeId: neverPairRules.menteeId,
      menteeName: menteeUser.name,
      reason: neverPairRules.reason,
      createdBy: creator.name,
      createdAt: neverPairRules.createdAt,
    })
    .from(neverPairRules)
    .innerJoin(mentorUser, eq(mentorUser.id, neverPairRules.mentorId))
    .innerJoin(menteeUser, eq(menteeUser.id, neverPairRules.menteeId))
    .leftJoin(creator, eq(creator.id, neverPairRules.createdBy))
    .where(eq(neverPairRules.programId, programId))
    .orderBy(desc(neverPairRules.createdAt), desc(neverPairRules.id));
  return rows.map((r) => ({
    id: r.id,
    mentor: { id: r.mentorId, name: r.mentorName },
    mentee: { id: r.menteeId, name: r.menteeName },
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }));
}

export const addRuleOutput = z.object({ id: z.string(), warnings: z.array(z.string()) });

/**
 * Adds a never-pair rule. Proposed suggestions for the pair are withdrawn (rejected with a note). A live match
 * or an open request between the two is left alone, because ending someone's match is a decision of its own:
 * the coordinator is told so and can end or rematch it from the board.
 */
export async function addNeverPair(deps: Deps, actor: SessionUser, input: z.output<typeof addNeverPairInput>) {
  if (input.mentorId === input.menteeId) throw AppError.field("menteeId", "Choose two different people.");
  return deps.db.transaction(async (tx) => {
    await assertMembers(tx, input.programId, [
      { field: "mentorId", userId: input.mentorId, role: "mentor" },
      { field: "menteeId", userId: input.menteeId, role: "mentee" },
    ]);
    const now = deps.clock.now();
    let id: string;
    try {
      const [row] = await tx
        .insert(neverPairRules)
        .values({
          programId: input.programId,
          mentorId: input.mentorId,
          menteeId: input.menteeId,
          reason: input.reason,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning({ id: neverPairRules.id });
      id = row!.id;
    } catch (err) {
      if (pgErrorCode(err) === "23505" && pgConstraint(err) === "never_pair_rules_unique") {
        throw new AppError("CONFLICT", "There is already a never-pair rule for these two.");
      }
      throw err;
    }
    await tx
      .update(matchSuggestions)
      .set({ status: "rejected", decidedBy: actor.id, decidedAt: now, note: "Never-pair rule" })
      .where(
        and(
          eq(matchSuggestions.programId, input.programId),
          eq(matchSuggestions.mentorId, input.mentorId),
          eq(matchSuggestions.menteeId, input.menteeId),
          eq(matchSuggestions.status, "proposed"),
        ),
      );
    const warnings: string[] = [];
    const [live] = await tx
      .select({ id: matches.id })
      .from(matches)
      .where(
        and(
          eq(matches.programId, input.programId),
          eq(matches.mentorId, input.mentorId),
          eq(matches.menteeId, input.menteeId),
          inArray(matches.status, ["active", "paused"]),
        ),
      );
    if (live) warnings.push("These two are matched right now. The rule does not end their match: end it or rematch the mentee if needed.");
    const [openRequest] = await tx
      .select({ id: matchRequests.id })
      .from(matchRequests)
      .where(
        and(
          eq(matchRequests.programId, input.programId),
          eq(matchRequests.mentorId, input.mentorId),
          eq(matchRequests.menteeId, input.menteeId),
          or(eq(matchRequests.status, "pending"), eq(matchRequests.status, "needs_info")),
        ),
      );
    if (openRequest) warnings.push("The mentee has an open request to this mentor; the mentor can still answer it.");
    const names = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [input.mentorId, input.menteeId]));
    const nameOf = (uid: string) => names.find((n) => n.id === uid)?.name ?? uid;
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "match.never_pair_added",
      targetType: "never_pair_rule",
      targetId: id,
      programId: input.programId,
      detail: `${nameOf(input.mentorId)} and ${nameOf(input.menteeId)}: ${input.reason}`,
    });
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "rules" });
    return { id, warnings };
  });
}

export async function removeNeverPair(deps: Deps, actor: SessionUser, programId: string, ruleId: string) {
  await deps.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(neverPairRules)
      .where(and(eq(neverPairRules.id, ruleId), eq(neverPairRules.programId, programId)))
      .returning({ mentorId: neverPairRules.mentorId, menteeId: neverPairRules.menteeId, reason: neverPairRules.reason });
    if (!removed) throw new AppError("NOT_FOUND", "This rule does not exist.");
    const names = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [removed.mentorId, removed.menteeId]));
    const nameOf = (uid: string) => names.find((n) => n.id === uid)?.name ?? uid;
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "match.never_pair_removed",
      targetType: "never_pair_rule",
      targetId: ruleId,
      programId,
      detail: `${nameOf(removed.mentorId)} and ${nameOf(removed.menteeId)}`,
    });
    await toProgramStaff(deps.realtime, tx, programId, "program:changed", { programId, what: "rules" });
  });
}
