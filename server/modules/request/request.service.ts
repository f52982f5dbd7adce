/**
 * Mentee-choice matching: suggestions, browsing, and the request lifecycle
 * (pending -> accepted / declined / needs_info -> pending / withdrawn / expired).
 *
 * Locking: every transition locks the request row FOR UPDATE and re-reads its status, so two people acting on
 * one request at once get one success and one CONFLICT. Accepting takes the mentor's and then the mentee's
 * membership rows before the request rows (the order createMatch uses): concurrent accepts for one mentee
 * or one mentor then queue on the membership row instead of deadlocking over each other's request rows.
 * Creating a request locks the mentee's membership row, so the open-request limit cannot be raced past.
 */

import { and, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import { type Db, type DbOrTx, pgErrorCode } from "../../../db/client";
import { matches, matchRequests, type RequestStatus, type ScoreSnapshot } from "../../../db/schema/matching";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { createMatch, liveMatchCount, lockMembership, mentorCapacity } from "../match/match-core.service";
import { overlapMinutes } from "../matching/availability";
import { findExclusion } from "../matching/constraints";
import { loadProgramPool, loadProgramSettings, type ProgramMatchingSettings } from "../matching/program-pool.service";
import { MatchScorer, MentorPool, scorePair } from "../matching/score";
import { canonicalSkill, canonicalSkills } from "../matching/skills";
import { suggestMentors } from "../matching/suggest";
import { type NotifyDeps, notify } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { hasProgramRole } from "../program/program-membership.service";
import { toProgramStaff } from "../program/staff-events.service";
import {
  type answerInfoInput,
  type askInfoInput,
  BROWSE_PAGE_SIZE,
  type browseMentorsInput,
  type declineRequestInput,
  type RequestView,
  type requestMentorInput,
} from "./request.schema";
import { addRequestEvent } from "./request-events";
import { mentorCards, requestViews } from "./request-views";

export type RequestDeps = NotifyDeps & { db: Db };

const HOUR = 3_600_000;
export const openStatuses = ["pending", "needs_info"] as const satisfies readonly RequestStatus[];

const requestLink = (programId: string) => `/programs/${programId}/requests`;

/** What happened to a request, for the CONFLICT when someone acts on it too late. */
export function statusConflict(status: RequestStatus): AppError {
  const text: Record<RequestStatus, string> = {
    pending: "This request is waiting for the mentor's answer.",
    needs_info: "This request is waiting for the mentee's answer to the mentor's question.",
    accepted: "This request was already accepted.",
    declined: "This request was declined.",
    expired: "This request has expired.",
    withdrawn: "This request was withdrawn.",
  };
  return new AppError("CONFLICT", text[status]);
}

async function assertMentee(db: DbOrTx, programId: string, userId: string) {
  if (!(await hasProgramRole(db, userId, programId, ["mentee"])))
    throw new AppError("FORBIDDEN", "Only mentees of this program can do this.");
}

async function liveMatchOf(db: DbOrTx, programId: string, menteeId: string) {
  const [row] = await db
    .select({ matchId: matches.id, mentorName: users.name })
    .from(matches)
    .innerJoin(users, eq(users.id, matches.mentorId))
    .where(and(eq(matches.programId, programId), eq(matches.menteeId, menteeId), inArray(matches.status, ["active", "paused"])));
  return row ?? null;
}

async function openRequestsOf(db: DbOrTx, programId: string, menteeId: string) {
  return db
    .select({ id: matchRequests.id, mentorId: matchRequests.mentorId })
    .from(matchRequests)
    .where(and(eq(matchRequests.programId, programId), eq(matchRequests.menteeId, menteeId), inArray(matchRequests.status, openStatuses)));
}

/** Top suggestions for the signed-in mentee, or the reason there are none to act on. */
export async function suggestions(deps: RequestDeps, actor: SessionUser, programId: string) {
  const now = deps.clock.now();
  await assertMentee(deps.db, programId, actor.id);
  const program = await loadProgramSettings(deps.db, programId);
  const open = await openRequestsOf(deps.db, programId, actor.id);
  const base = { openRequests: open.length, openRequestLimit: program.openRequestLimit };
  const match = await liveMatchOf(deps.db, programId, actor.id);
  if (match) return { state: "matched" as const, match, ...base, suggestions: [] };
  if (program.matchingMode !== "mentee_choice") return { state: "coordinator" as const, match: null, ...base, suggestions: [] };

  const list = await topSuggestions(deps.db, programId, actor.id, now, program.suggestionCount);
  const openWith = new Map(open.map((r) => [r.mentorId, r.id]));
  return {
    state: "open" as const,
    match: null,
    ...base,
    suggestions: list.map((s) => ({ ...s, openRequestId: openWith.get(s.mentor.userId) ?? null })),
  };
}

/** The best `limit` mentors for a mentee that break no hard constraint, with their cards; `except` is left out. */
export async function topSuggestions(db: DbOrTx, programId: string, menteeId: string, now: Date, limit: number, except?: string) {
  const pool = await loadProgramPool(db, programId, now, { menteeIds: [menteeId] });
  const mentee = pool.mentees[0];
  if (!mentee) return [];
  const scorer = new MatchScorer(new MentorPool(pool.mentors, pool.settings.weekStart), pool.settings);
  const found = suggestMentors(scorer, mentee, {
    limit: limit + (except ? 1 : 0),
    minScore: pool.program.minScore,
    rules: pool.rules,
  })
    .filter((s) => s.mentorId !== except)
    .slice(0, limit);
  const cards = await mentorCards(
    db,
    pool.mentors.filter((m) => found.some((s) => s.mentorId === m.userId)),
  );
  return found.map((s) => ({
    mentor: cards.get(s.mentorId)!,
    score: { total: s.total, breakdown: s.breakdown, reasons: s.reasons },
  }));
}

/** Ready mentors of the program with this mentee's score and weekly overlap, filtered and paged. */
export async function browse(deps: RequestDeps, actor: SessionUser, input: z.output<typeof browseMentorsInput>) {
  const now = deps.clock.now();
  await assertMentee(deps.db, input.programId, actor.id);
  const pool = await loadProgramPool(deps.db, input.programId, now, { menteeIds: [actor.id] });
  const mentee = pool.mentees[0];
  if (!mentee) throw new AppError("FORBIDDEN", "Only mentees of this program can do this.");
  const mentorPool = new MentorPool(pool.mentors, pool.settings.weekStart);
  const scorer = new MatchScorer(mentorPool, pool.settings);
  const prepared = scorer.prepare(mentee);
  scorer.use(prepared);
  const cards = await mentorCards(deps.db, pool.mentors);
  const open = await openRequestsOf(deps.db, input.programId, actor.id);
  const openWith = new Map(open.map((r) => [r.mentorId, r.id]));
  const match = await liveMatchOf(deps.db, input.programId, actor.id);

  const skillKey = input.skill ? canonicalSkill(input.skill)?.key : undefined;
  const language = input.language?.toLowerCase();
  const text = input.text?.toLowerCase();
  const rows = pool.mentors
    .map((m, j) => ({ m, j, card: cards.get(m.userId)! }))
    // A coordinator's never-pair rule is not shown to mentees: those mentors are simply not listed.
    .filter(({ m }) => m.isApproved && m.userId !== actor.id && !pool.rules.isNeverPair(m.userId, actor.id))
    .map((r) => ({ ...r, total: scorer.total(r.j), overlapHours: overlapMinutes(prepared.intervals, mentorPool.intervalsOf(r.j)) / 60 }))
    .filter(({ m, card, overlapHours }) => {
      if (skillKey && !canonicalSkills(m.skills).some((s) => s.key === skillKey || s.key.includes(skillKey))) return false;
      if (language && !card.languages.some((l) => l.toLowerCase() === language)) return false;
      if (input.minOverlapHours !== undefined && overlapHours < input.minOverlapHours) return false;
      if (text) {
        const haystack = [card.name, card.headline, ...card.topics].join(" ").toLowerCase();
        if (!haystack.includes(text)) return false;
      }
      return true;
    })
    .sort((a, b) => b.total - a.total || a.card.name.localeCompare(b.card.name) || a.m.userId.localeCompare(b.m.userId));

  const pageCount = Math.max(1, Math.ceil(rows.length / BROWSE_PAGE_SIZE));
  const page = Math.min(input.page, pageCount);
  const items = rows.slice((page - 1) * BROWSE_PAGE_SIZE, page * BROWSE_PAGE_SIZE).map(({ m, j, card, overlapHours }) => {
    const exclusion = findExclusion(m, mentee, pool.rules);
    const unavailable = match
      ? "You already have a mentor in this program."
      : pool.program.matchingMode !== "mentee_choice"
        ? "Your coordinator matches mentees in this program."
        : (exclusion?.message ?? null);
    return {
      mentor: card,
      score: scorer.explain(j),
      openRequestId: openWith.get(m.userId) ?? null,
      overlapHours: Math.round(overlapHours * 10) / 10,
      unavailable,
    };
  });
  return { items, page, pageCount, total: rows.length };
}

async function signal(
  tx: DbOrTx,
  deps: RequestDeps,
  r: { id: string; programId: string; menteeId: string; mentorId: string },
  status: string,
) {
  const data = { requestId: r.id, programId: r.programId, status };
  await deps.realtime.toUser(tx, r.menteeId, "request:changed", data);
  await deps.realtime.toUser(tx, r.mentorId, "request:changed", data);
  await toProgramStaff(deps.realtime, tx, r.programId, "request:changed", data);
}

async function personOf(tx: DbOrTx, userId: string) {
  const [p] = await tx.select({ name: users.name, timezone: users.timezone }).from(users).where(eq(users.id, userId));
  return p ?? { name: "", timezone: "UTC" };
}

function assertRequestsOpen(program: ProgramMatchingSettings) {
  if (program.matchingMode !== "mentee_choice") {
    throw new AppError("CONFLICT", "In this program your coordinator matches you with a mentor; requests are not used.");
  }
}

/** A mentee asks a mentor: every rule is checked under the mentee's membership lock. */
export async function createRequest(deps: RequestDeps, actor: SessionUser, input: z.output<typeof requestMentorInput>) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const program = await loadProgramSettings(tx, input.programId);
    assertRequestsOpen(program);
    if (input.mentorId === actor.id) throw AppError.field("mentorId", "You cannot ask yourself to be your mentor.");
    await assertMentee(tx, input.programId, actor.id);
    await lockMembership(tx, input.programId, actor.id, "mentee");
    if (await liveMatchOf(tx, input.programId, actor.id)) {
      throw new AppError("CONFLICT", "You already have a mentor in this program.");
    }
    const pool = await loadProgramPool(tx, input.programId, now, { mentorIds: [input.mentorId], menteeIds: [actor.id] });
    const mentor = pool.mentors[0];
    const mentee = pool.mentees[0];
    if (!mentee) throw new AppError("FORBIDDEN", "Only mentees of this program can do this.");
    if (!mentor?.isApproved) throw AppError.field("mentorId", "This person is not a mentor taking requests in this program.");
    const exclusion = findExclusion(mentor, mentee, pool.rules);
    if (exclusion) throw AppError.field("mentorId", exclusion.message);

    const open = await openRequestsOf(tx, input.programId, actor.id);
    if (open.some((r) => r.mentorId === input.mentorId)) {
      throw new AppError("CONFLICT", `You already have an open request with ${mentor.name}.`);
    }
    if (open.length >= program.openRequestLimit) {
      throw new AppError(
        "CONFLICT",
        `You already have ${open.length} open requests, the most this program allows. Withdraw one or wait for an answer before asking another mentor.`,
      );
    }

    const explained = scorePair(mentor, mentee, pool.settings);
    const score: ScoreSnapshot = { total: explained.total, breakdown: explained.breakdown, reasons: explained.reasons };
    const expiresAt = new Date(now.getTime() + program.requestDeadlineHours * HOUR);
    let id: string;
    try {
      const [row] = await tx
        .insert(matchRequests)
        .values({
          programId: input.programId,
          menteeId: actor.id,
          mentorId: input.mentorId,
          status: "pending",
          message: input.message,
          score,
          expiresAt,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: matchRequests.id });
      id = row!.id;
    } catch (err) {
      if (pgErrorCode(err) === "23505") throw new AppError("CONFLICT", `You already have an open request with ${mentor.name}.`);
      throw err;
    }
    await addRequestEvent(tx, { id, programId: input.programId }, "created", actor.id, input.message, now);
    const mentorPerson = await personOf(tx, input.mentorId);
    await notify(tx, deps, {
      type: "request.received",
      userId: input.mentorId,
      programId: input.programId,
      data: {
        programName: program.name,
        menteeName: mentee.name,
        message: input.message,
        deadline: formatInstant(expiresAt, mentorPerson.timezone),
      },
      link: requestLink(input.programId),
      dedupeKey: `request.received:${id}`,
    });
    const r = { id, programId: input.programId, menteeId: actor.id, mentorId: input.mentorId };
    await signal(tx, deps, r, "pending");
    return { id, status: "pending" as const, matchId: null };
  });
}

async function lockRequest(tx: DbOrTx, requestId: string) {
  const [row] = await tx.select().from(matchRequests).where(eq(matchRequests.id, requestId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "This request does not exist.");
  return row;
}

function assertParty(row: { mentorId: string; menteeId: string }, actor: SessionUser, as: "mentor" | "mentee") {
  // NOT_FOUND, not FORBIDDEN: other people's request ids are not confirmed to exist.
  if ((as === "mentor" ? row.mentorId : row.menteeId) !== actor.id) throw new AppError("NOT_FOUND", "This request does not exist.");
}

function assertOpen(status: RequestStatus) {
  if (status !== "pending" && status !== "needs_info") throw statusConflict(status);
}

/**
 * The mentor accepts: a match is made (capacity and one-live-match rules under locks), the mentee is told, and
 * the mentee's other open requests are withdrawn with a word to those mentors, all in one transaction.
 */
export async function acceptRequest(deps: RequestDeps, actor: SessionUser, requestId: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [peek] = await tx
      .select({ programId: matchRequests.programId, mentorId: matchRequests.mentorId, menteeId: matchRequests.menteeId })
      .from(matchRequests)
      .where(eq(matchRequests.id, requestId));
    if (!peek) throw new AppError("NOT_FOUND", "This request does not exist.");
    assertParty(peek, actor, "mentor");
    const mentorMembership = await lockMembership(tx, peek.programId, peek.mentorId, "mentor");
    await lockMembership(tx, peek.programId, peek.menteeId, "mentee").catch(() => {
      throw new AppError("CONFLICT", "This mentee is no longer an active member of the program.");
    });
    const row = await lockRequest(tx, requestId);
    assertOpen(row.status);
    const capacity = await mentorCapacity(tx, mentorMembership.id, row.mentorId);
    const load = await liveMatchCount(tx, row.programId, row.mentorId);
    if (load >= capacity) {
      throw new AppError("CONFLICT", `You have no free places left in this program (${load} of ${capacity} taken).`);
    }
    const program = await loadProgramSettings(tx, row.programId);
    const { matchId } = await createMatch(tx, deps, {
      programId: row.programId,
      programName: program.name,
      mentorId: row.mentorId,
      menteeId: row.menteeId,
      source: "request",
      score: row.score,
      actorId: actor.id,
      notifyParties: [],
    });
    await tx
      .update(matchRequests)
      .set({ status: "accepted", respondedAt: now, matchId, updatedAt: now })
      .where(eq(matchRequests.id, row.id));
    await addRequestEvent(tx, row, "accepted", actor.id, "", now);
    const mentorPerson = await personOf(tx, row.mentorId);
    const menteePerson = await personOf(tx, row.menteeId);
    await notify(tx, deps, {
      type: "request.accepted",
      userId: row.menteeId,
      programId: row.programId,
      data: { programName: program.name, mentorName: mentorPerson.name },
      link: requestLink(row.programId),
      dedupeKey: `request.accepted:${row.id}`,
    });
    await signal(tx, deps, row, "accepted");

    const others = await tx
      .update(matchRequests)
      .set({ status: "withdrawn", updatedAt: now })
      .where(
        and(
          eq(matchRequests.programId, row.programId),
          eq(matchRequests.menteeId, row.menteeId),
          inArray(matchRequests.status, openStatuses),
          ne(matchRequests.id, row.id),
        ),
      )
      .returning({
        id: matchRequests.id,
        programId: matchRequests.programId,
        menteeId: matchRequests.menteeId,
        mentorId: matchRequests.mentorId,
      });
    for (const other of others) {
      await addRequestEvent(tx, other, "withdrawn", null, `Matched with ${mentorPerson.name}.`, now);
      await notify(tx, deps, {
        type: "request.withdrawn",
        userId: other.mentorId,
        programId: other.programId,
        data: { programName: program.name, menteeName: menteePerson.name, why: "They were matched with another mentor." },
        link: requestLink(other.programId),
        dedupeKey: `request.withdrawn:${other.id}`,
      });
      await signal(tx, deps, other, "withdrawn");
    }
    return { id: row.id, status: "accepted" as const, matchId };
  });
}

export async function declineRequest(deps: RequestDeps, actor: SessionUser, input: z.output<typeof declineRequestInput>) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await lockRequest(tx, input.requestId);
    assertParty(row, actor, "mentor");
    assertOpen(row.status);
    await tx
      .update(matchRequests)
      .set({ status: "declined", declineReason: input.reason, respondedAt: now, updatedAt: now })
      .where(eq(matchRequests.id, row.id));
    await addRequestEvent(tx, row, "declined", actor.id, input.reason, now);
    const program = await loadProgramSettings(tx, row.programId);
    await notify(tx, deps, {
      type: "request.declined",
      userId: row.menteeId,
      programId: row.programId,
      data: { programName: program.name, mentorName: (await personOf(tx, row.mentorId)).name, reason: input.reason || "No reason given." },
      link: `/programs/${row.programId}/mentors`,
      dedupeKey: `request.declined:${row.id}`,
    });
    await signal(tx, deps, row, "declined");
    return { id: row.id, status: "declined" as const, matchId: null };
  });
}

/** The mentor asks a question; the deadline stops until the mentee answers. */
export async function askInfo(deps: RequestDeps, actor: SessionUser, input: z.output<typeof askInfoInput>) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await lockRequest(tx, input.requestId);
    assertParty(row, actor, "mentor");
    if (row.status !== "pending") throw statusConflict(row.status);
    await tx.update(matchRequests).set({ status: "needs_info", expiresAt: null, updatedAt: now }).where(eq(matchRequests.id, row.id));
    await addRequestEvent(tx, row, "asked", actor.id, input.question, now);
    const program = await loadProgramSettings(tx, row.programId);
    await notify(tx, deps, {
      type: "request.info_requested",
      userId: row.menteeId,
      programId: row.programId,
      data: { programName: program.name, mentorName: (await personOf(tx, row.mentorId)).name, question: input.question },
      link: requestLink(row.programId),
    });
    await signal(tx, deps, row, "needs_info");
    return { id: row.id, status: "needs_info" as const, matchId: null };
  });
}

/** The mentee answers; the request is pending again with a fresh deadline and reminder. */
export async function answerInfo(deps: RequestDeps, actor: SessionUser, input: z.output<typeof answerInfoInput>) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await lockRequest(tx, input.requestId);
    assertParty(row, actor, "mentee");
    if (row.status !== "needs_info") throw statusConflict(row.status);
    const program = await loadProgramSettings(tx, row.programId);
    await tx
      .update(matchRequests)
      .set({
        status: "pending",
        expiresAt: new Date(now.getTime() + program.requestDeadlineHours * HOUR),
        remindedAt: null,
        updatedAt: now,
      })
      .where(eq(matchRequests.id, row.id));
    await addRequestEvent(tx, row, "answered", actor.id, input.answer, now);
    await notify(tx, deps, {
      type: "request.info_answered",
      userId: row.mentorId,
      programId: row.programId,
      data: { programName: program.name, menteeName: (await personOf(tx, row.menteeId)).name, answer: input.answer },
      link: requestLink(row.programId),
    });
    await signal(tx, deps, row, "pending");
    return { id: row.id, status: "pending" as const, matchId: null };
  });
}

export async function withdrawRequest(deps: RequestDeps, actor: SessionUser, requestId: string) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await lockRequest(tx, requestId);
    assertParty(row, actor, "mentee");
    assertOpen(row.status);
    await tx.update(matchRequests).set({ status: "withdrawn", updatedAt: now }).where(eq(matchRequests.id, row.id));
    await addRequestEvent(tx, row, "withdrawn", actor.id, "", now);
    const program = await loadProgramSettings(tx, row.programId);
    await notify(tx, deps, {
      type: "request.withdrawn",
      userId: row.mentorId,
      programId: row.programId,
      data: { programName: program.name, menteeName: (await personOf(tx, row.menteeId)).name, why: "They withdrew the request." },
      link: requestLink(row.programId),
      dedupeKey: `request.withdrawn:${row.id}`,
    });
    await signal(tx, deps, row, "withdrawn");
    return { id: row.id, status: "withdrawn" as const, matchId: null };
  });
}

/** The mentee's sent requests in the program, newest first, with the open count against the limit. */
export async function myRequests(deps: RequestDeps, actor: SessionUser, programId: string) {
  await assertMentee(deps.db, programId, actor.id);
  const program = await loadProgramSettings(deps.db, programId);
  const items = await requestViews(deps.db, and(eq(matchRequests.programId, programId), eq(matchRequests.menteeId, actor.id)), actor.id);
  return {
    items,
    openRequests: items.filter((r) => r.status === "pending" || r.status === "needs_info").length,
    openRequestLimit: program.openRequestLimit,
  };
}

/** Requests to the signed-in mentor in the program: open ones first, then the rest, newest first. */
export async function incomingRequests(deps: RequestDeps, actor: SessionUser, programId: string): Promise<RequestView[]> {
  if (!(await hasProgramRole(deps.db, actor.id, programId, ["mentor"])))
    throw new AppError("FORBIDDEN", "Only mentors of this program can do this.");
  const items = await requestViews(deps.db, and(eq(matchRequests.programId, programId), eq(matchRequests.mentorId, actor.id)), actor.id);
  const isOpen = (r: RequestView) => (r.status === "pending" || r.status === "needs_info" ? 0 : 1);
  return items.sort((a, b) => isOpen(a) - isOpen(b));
}

/** One request, for its mentee, its mentor, the program's coordinators and platform admins. */
export async function getRequest(deps: RequestDeps, actor: SessionUser, requestId: string): Promise<RequestView> {
  const [view] = await requestViews(deps.db, eq(matchRequests.id, requestId), actor.id);
  if (!view) throw new AppError("NOT_FOUND", "This request does not exist.");
  if (view.mentee.userId === actor.id || view.mentor.userId === actor.id || actor.isPlatformAdmin) return view;
  if (!(await hasProgramRole(deps.db, actor.id, view.programId, ["coordinator"])))
    throw new AppError("NOT_FOUND", "This request does not exist.");
  return view;
}
