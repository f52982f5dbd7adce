/**
 * Reviewed mode: the system proposes the best eligible mentor for each mentee still waiting, and a coordinator
 * approves (a match is made) or rejects (the pair is not proposed again), one by one or many at once.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { matches, matchRequests, matchSuggestions, neverPairRules } from "../../../db/schema/matching";
import { programMemberships } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { PairRules } from "../matching/constraints";
import { loadProgramPool, loadProgramSettings } from "../matching/program-pool.service";
import { MatchScorer, MentorPool } from "../matching/score";
import { suggestMentors } from "../matching/suggest";
import { toProgramStaff } from "../program/staff-events.service";
import type { decideSuggestionsInput } from "./match.schema";
import { type Deps, person, scoreOutput } from "./match-access.service";
import { createMatch } from "./match-core.service";

export const suggestionOutput = z.object({
  id: z.string(),
  mentee: person,
  mentor: person,
  score: scoreOutput,
  createdAt: z.date(),
  /** The mentee was matched some other way since: approving would be refused. */
  menteeMatched: z.boolean(),
});

export const generateOutput = z.object({ created: z.number(), withoutMentor: z.array(person) });
export const decideOutput = z.object({ approved: z.number(), rejected: z.number(), matchIds: z.array(z.string()) });

function assertReviewed(mode: string) {
  if (mode !== "reviewed") {
    throw new AppError("CONFLICT", "This program does not use reviewed matching. Switch the matching mode in Settings first.");
  }
}

export async function generateSuggestions(deps: Deps, actor: SessionUser, programId: string) {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const pool = await loadProgramPool(tx, programId, now);
    assertReviewed(pool.program.matchingMode);

    const live = await tx
      .select({ menteeId: matches.menteeId })
      .from(matches)
      .where(and(eq(matches.programId, programId), inArray(matches.status, ["active", "paused"])));
    const existing = await tx
      .select({ menteeId: matchSuggestions.menteeId, mentorId: matchSuggestions.mentorId, status: matchSuggestions.status })
      .from(matchSuggestions)
      .where(and(eq(matchSuggestions.programId, programId), inArray(matchSuggestions.status, ["proposed", "rejected"])));
    const declined = await tx
      .select({ mentorId: matchRequests.mentorId, menteeId: matchRequests.menteeId })
      .from(matchRequests)
      .where(and(eq(matchRequests.programId, programId), eq(matchRequests.status, "declined")));
    const never = await tx
      .select({ mentorId: neverPairRules.mentorId, menteeId: neverPairRules.menteeId })
      .from(neverPairRules)
      .where(eq(neverPairRules.programId, programId));
    // A rejected suggestion counts like a declined request: that pair is not proposed again.
    const rules = new PairRules({
      declined: [...declined, ...existing.filter((e) => e.status === "rejected")],
      neverPair: never.map((r) => [r.mentorId, r.menteeId] as const),
    });

    const matched = new Set(live.map((l) => l.menteeId));
    const proposedFor = new Set(existing.filter((e) => e.status === "proposed").map((e) => e.menteeId));
    // Spare places left after the proposals already waiting for a decision, so a mentor is not over-proposed.
    const remaining = new Map(pool.mentors.map((m) => [m.userId, Math.max(0, m.capacity - m.activeMatches)]));
    for (const e of existing) if (e.status === "proposed") remaining.set(e.mentorId, (remaining.get(e.mentorId) ?? 0) - 1);

    const mentorPool = new MentorPool(pool.mentors, pool.settings.weekStart);
    for (const [id, spare] of remaining) {
      const j = mentorPool.indexById.get(id);
      if (j !== undefined && spare <= 0) mentorPool.isOpen[j] = 0;
    }
    const scorer = new MatchScorer(mentorPool, pool.settings);

    const joined = await tx
      .select({ userId: programMemberships.userId, createdAt: programMemberships.createdAt })
      .from(programMemberships)
      .where(and(eq(programMemberships.programId, programId), eq(programMemberships.role, "mentee")));
    const joinedAt = new Map(joined.map((j) => [j.userId, j.createdAt.getTime()]));
    // Who has waited longest gets the first pick of the mentors with places left.
    const waiting = pool.mentees
      .filter((m) => !matched.has(m.userId) && !proposedFor.has(m.userId))
      .sort((a, b) => (joinedAt.get(a.userId) ?? 0) - (joinedAt.get(b.userId) ?? 0) || a.userId.localeCompare(b.userId));

    let created = 0;
    const withoutMentor: { id: string; name: string }[] = [];
    for (const mentee of waiting) {
      const [best] = suggestMentors(scorer, mentee, { limit: 1, minScore: pool.program.minScore, rules });
      if (!best) {
        withoutMentor.push({ id: mentee.userId, name: mentee.name });
        continue;
      }
      const inserted = await tx
        .insert(matchSuggestions)
        .values({
          programId,
          menteeId: mentee.userId,
          mentorId: best.mentorId,
          score: { total: best.total, breakdown: best.breakdown, reasons: best.reasons },
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: matchSuggestions.id });
      if (inserted.length === 0) continue;
      created++;
      const left = (remaining.get(best.mentorId) ?? 0) - 1;
      remaining.set(best.mentorId, left);
      const j = mentorPool.indexById.get(best.mentorId);
      if (j !== undefined && left <= 0) mentorPool.isOpen[j] = 0;
    }

    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "match.suggestions_generated",
      targetType: "program",
      targetId: programId,
      programId,
      detail: `${created} proposed; ${withoutMentor.length} without an eligible mentor`,
    });
    await toProgramStaff(deps.realtime, tx, programId, "program:changed", { programId, what: "suggestions" });
    return { created, withoutMentor };
  });
}

const mentorUser = alias(users, "mentor_user");
const menteeUser = alias(users, "mentee_user");

/** Proposals waiting for a decision, best score first. */
export async function listSuggestions(deps: Deps, programId: string) {
  const rows = await deps.db
    .select({
      id: matchSuggestions.id,
      menteeId: matchSuggestions.menteeId,
      menteeName: menteeUser.name,
      mentorId: matchSuggestions.mentorId,
      mentorName: mentorUser.name,
      score: matchSuggestions.score,
      createdAt: matchSuggestions.createdAt,
    })
    .from(matchSuggestions)
    .innerJoin(menteeUser, eq(menteeUser.id, matchSuggestions.menteeId))
    .innerJoin(mentorUser, eq(mentorUser.id, matchSuggestions.mentorId))
    .where(and(eq(matchSuggestions.programId, programId), eq(matchSuggestions.status, "proposed")))
    .orderBy(asc(matchSuggestions.createdAt), asc(matchSuggestions.id));
  const live = await deps.db
    .select({ menteeId: matches.menteeId })
    .from(matches)
    .where(and(eq(matches.programId, programId), inArray(matches.status, ["active", "paused"])));
  const matched = new Set(live.map((l) => l.menteeId));
  return rows
    .map((r) => ({
      id: r.id,
      mentee: { id: r.menteeId, name: r.menteeName },
      mentor: { id: r.mentorId, name: r.mentorName },
      score: r.score,
      createdAt: r.createdAt,
      menteeMatched: matched.has(r.menteeId),
    }))
    .sort((a, b) => b.score.total - a.score.total || a.mentee.name.localeCompare(b.mentee.name));
}

/**
 * Approves or rejects the chosen suggestions in one transaction: any id outside the program, any suggestion
 * decided already, or any approval that can no longer be made (the mentee was matched meanwhile, the mentor
 * filled up) stops the whole batch and nothing is written.
 */
export async function decideSuggestions(deps: Deps, actor: SessionUser, input: z.output<typeof decideSuggestionsInput>) {
  const ids = [...new Set(input.ids)];
  return deps.db.transaction(async (tx) => {
    const program = await loadProgramSettings(tx, input.programId);
    const rows = await tx
      .select({
        id: matchSuggestions.id,
        programId: matchSuggestions.programId,
        status: matchSuggestions.status,
        menteeId: matchSuggestions.menteeId,
        menteeName: menteeUser.name,
        mentorId: matchSuggestions.mentorId,
        mentorName: mentorUser.name,
        score: matchSuggestions.score,
      })
      .from(matchSuggestions)
      .innerJoin(menteeUser, eq(menteeUser.id, matchSuggestions.menteeId))
      .innerJoin(mentorUser, eq(mentorUser.id, matchSuggestions.mentorId))
      .where(inArray(matchSuggestions.id, ids))
      .for("update", { of: matchSuggestions });
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      if (!row || row.programId !== input.programId) throw AppError.field("ids", `Suggestion ${id} is not in this program.`);
      if (row.status !== "proposed") {
        throw new AppError("CONFLICT", `The suggestion of ${row.mentorName} for ${row.menteeName} was already ${row.status}.`);
      }
    }
    const now = deps.clock.now();
    await tx
      .update(matchSuggestions)
      .set({ status: input.decision === "approve" ? "approved" : "rejected", decidedBy: actor.id, decidedAt: now, note: input.note })
      .where(inArray(matchSuggestions.id, ids));

    const matchIds: string[] = [];
    if (input.decision === "approve") {
      // Name the mentee when the approval went stale (matched some other way, or twice in this batch).
      const live = await tx
        .select({ menteeId: matches.menteeId })
        .from(matches)
        .where(
          and(
            eq(matches.programId, input.programId),
            inArray(
              matches.menteeId,
              rows.map((r) => r.menteeId),
            ),
            inArray(matches.status, ["active", "paused"]),
          ),
        );
      const seen = new Set<string>();
      for (const s of rows) {
        if (live.some((l) => l.menteeId === s.menteeId)) {
          throw new AppError("CONFLICT", `${s.menteeName} already has a mentor in this program. Nothing was approved.`);
        }
        if (seen.has(s.menteeId)) throw new AppError("CONFLICT", `${s.menteeName} is in this batch twice. Nothing was approved.`);
        seen.add(s.menteeId);
      }
      // Mentor rows are locked in a fixed order across the batch (see match-core.service.ts).
      const ordered = [...rows].sort((a, b) => a.mentorId.localeCompare(b.mentorId) || a.menteeId.localeCompare(b.menteeId));
      for (const s of ordered) {
        try {
          const { matchId } = await createMatch(tx, deps, {
            programId: input.programId,
            programName: program.name,
            mentorId: s.mentorId,
            menteeId: s.menteeId,
            source: "reviewed",
            score: s.score,
            actorId: actor.id,
            reason: input.note || "Approved suggestion",
            notifyParties: ["mentor", "mentee"],
          });
          matchIds.push(matchId);
        } catch (err) {
          if (err instanceof AppError && (err.code === "CONFLICT" || err.code === "VALIDATION")) {
            throw new AppError("CONFLICT", `${s.menteeName} with ${s.mentorName}: ${err.message} Nothing was approved.`);
          }
          throw err;
        }
      }
    } else {
      for (const s of rows) {
        await audit(tx, deps.clock, {
          actorId: actor.id,
          action: "match.suggestion_rejected",
          targetType: "match_suggestion",
          targetId: s.id,
          programId: input.programId,
          detail: [`${s.mentorName} for ${s.menteeName}`, input.note].filter(Boolean).join("; "),
        });
      }
    }
    await toProgramStaff(deps.realtime, tx, input.programId, "program:changed", { programId: input.programId, what: "suggestions" });
    return {
      approved: input.decision === "approve" ? rows.length : 0,
      rejected: input.decision === "reject" ? rows.length : 0,
      matchIds,
    };
  });
}
