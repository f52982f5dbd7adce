/**
 * One match: its page (people, score, history), status changes, rematch, the caller's own matches, and the
 * program's audit log. Who may change a match: the program's staff may pause, resume, complete, end and
 * rematch; the mentor and the mentee may complete or end their own match, giving a reason (people can close
 * a relationship that is not working without waiting for a coordinator), but not pause it or pick a new mentor.
 */
import { and, asc, count, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { matchEvents, matches, matchSources, matchStatuses } from "../../../db/schema/matching";
import { auditLog, users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { loadProgramSettings } from "../matching/program-pool.service";
import { reasonsFor } from "../matching/score-reasons";
import { describeActivity } from "./activity.service";
import { activityKind } from "./activity-wording";
import type { auditInput, changeStatusInput, rematchInput } from "./match.schema";
import { type Deps, loadMatch, person, scoreOutput, viewerOf } from "./match-access.service";
import { changeMatchStatus, createMatch } from "./match-core.service";
import { assertMatchable, previewPair } from "./match-manual.service";

export const matchPageOutput = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  status: z.enum(matchStatuses),
  source: z.enum(matchSources),
  mentor: person,
  mentee: person,
  score: scoreOutput.nullable(),
  /** Why a coordinator matched a mentor who was full; staff only. */
  capacityOverrideReason: z.string().nullable(),
  createdAt: z.date(),
  endedAt: z.date().nullable(),
  replacesMatchId: z.string().nullable(),
  replacedByMatchId: z.string().nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      fromStatus: z.enum(matchStatuses).nullable(),
      toStatus: z.enum(matchStatuses),
      actorName: z.string().nullable(),
      reason: z.string(),
      createdAt: z.date(),
    }),
  ),
  viewer: z.object({
    isStaff: z.boolean(),
    isMentor: z.boolean(),
    isMentee: z.boolean(),
    canPause: z.boolean(),
    canResume: z.boolean(),
    canComplete: z.boolean(),
    canEnd: z.boolean(),
    canRematch: z.boolean(),
  }),
});

export async function getMatch(deps: Deps, user: SessionUser, matchId: string): Promise<z.infer<typeof matchPageOutput>> {
  const db = deps.db;
  const m = await loadMatch(db, matchId);
  if (!m) throw new AppError("NOT_FOUND", "This match does not exist.");
  const viewer = await viewerOf(db, user, m);
  const program = await loadProgramSettings(db, m.programId);
  const events = await db
    .select({
      id: matchEvents.id,
      fromStatus: matchEvents.fromStatus,
      toStatus: matchEvents.toStatus,
      actorName: users.name,
      reason: matchEvents.reason,
      createdAt: matchEvents.createdAt,
    })
    .from(matchEvents)
    .leftJoin(users, eq(users.id, matchEvents.actorId))
    .where(eq(matchEvents.matchId, m.id));
  // Newest first; the creation entry is always the oldest even when a change came in the same instant.
  const history = events.sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(a.fromStatus === null) - Number(b.fromStatus === null),
  );
  const [next] = await db.select({ id: matches.id }).from(matches).where(eq(matches.replacesMatchId, m.id)).limit(1);
  const live = m.status === "active" || m.status === "paused";
  const participant = viewer.isMentor || viewer.isMentee;
  return {
    id: m.id,
    programId: m.programId,
    programName: program.name,
    status: m.status,
    source: m.source,
    mentor: { id: m.mentorId, name: m.mentorName },
    mentee: { id: m.menteeId, name: m.menteeName },
    // Stored worded for the mentee; the mentor reads the mentee's name and staff read both.
    score: m.score && {
      ...m.score,
      reasons: reasonsFor(m.score.reasons, viewer.isMentee ? "mentee" : viewer.isMentor ? "mentor" : "staff", {
        mentorName: m.mentorName,
        menteeName: m.menteeName,
      }),
    },
    capacityOverrideReason: viewer.isStaff ? m.capacityOverrideReason : null,
    createdAt: m.createdAt,
    endedAt: m.endedAt,
    replacesMatchId: m.replacesMatchId,
    replacedByMatchId: next?.id ?? null,
    history,
    viewer: {
      ...viewer,
      canPause: viewer.isStaff && m.status === "active",
      canResume: viewer.isStaff && m.status === "paused",
      canComplete: live && (viewer.isStaff || participant),
      canEnd: live && (viewer.isStaff || participant),
      canRematch: live && viewer.isStaff,
    },
  };
}

export async function changeStatus(deps: Deps, actor: SessionUser, input: z.output<typeof changeStatusInput>) {
  return deps.db.transaction(async (tx) => {
    const m = await loadMatch(tx, input.matchId);
    if (!m) throw new AppError("NOT_FOUND", "This match does not exist.");
    const viewer = await viewerOf(tx, actor, m);
    if (!viewer.isStaff) {
      if (input.to !== "completed" && input.to !== "ended") {
        throw new AppError("FORBIDDEN", "Only the program's coordinators can pause or resume a match.");
      }
      if (!input.reason) throw AppError.field("reason", "Say why you are closing this match.");
    }
    const program = await loadProgramSettings(tx, m.programId);
    const changed = await changeMatchStatus(tx, deps, {
      matchId: m.id,
      to: input.to,
      reason: input.reason,
      actorId: actor.id,
      programName: program.name,
    });
    return { matchId: changed.matchId, status: changed.to };
  });
}

/**
 * Ends the mentee's current match and makes a new one with another mentor, in one transaction: if the new
 * match cannot be made (never-pair, mentor full without an override reason...), the old one stays as it was.
 */
export async function rematch(deps: Deps, actor: SessionUser, input: z.output<typeof rematchInput>) {
  return deps.db.transaction(async (tx) => {
    const m = await loadMatch(tx, input.matchId);
    if (!m) throw new AppError("NOT_FOUND", "This match does not exist.");
    const viewer = await viewerOf(tx, actor, m);
    if (!viewer.isStaff) throw new AppError("FORBIDDEN", "Only the program's coordinators can rematch.");
    if (m.status !== "active" && m.status !== "paused")
      throw new AppError("CONFLICT", `This match is ${m.status}; only a live match can be rematched.`);
    if (input.mentorId === m.mentorId) throw AppError.field("mentorId", `${m.mentorName} is the current mentor. Choose another mentor.`);
    const program = await loadProgramSettings(tx, m.programId);
    await changeMatchStatus(tx, deps, {
      matchId: m.id,
      to: "ended",
      reason: `Rematched: ${input.reason}`,
      actorId: actor.id,
      programName: program.name,
    });
    const preview = await previewPair(tx, deps.clock.now(), { programId: m.programId, mentorId: input.mentorId, menteeId: m.menteeId });
    assertMatchable(preview);
    return createMatch(tx, deps, {
      programId: m.programId,
      programName: program.name,
      mentorId: input.mentorId,
      menteeId: m.menteeId,
      source: "manual",
      score: preview.score,
      actorId: actor.id,
      reason: `Rematch: ${input.reason}`,
      capacityOverrideReason: input.capacityOverrideReason || null,
      replacesMatchId: m.id,
      notifyParties: ["mentor", "mentee"],
    });
  });
}

export const myMatchOutput = z.object({
  id: z.string(),
  status: z.enum(matchStatuses),
  myRole: z.enum(["mentor", "mentee"]),
  partner: person,
  createdAt: z.date(),
  endedAt: z.date().nullable(),
});

const mentorUser = alias(users, "mentor_user");
const menteeUser = alias(users, "mentee_user");

/** The caller's matches in a program, live ones first, then newest first. */
export async function myMatches(deps: Deps, user: SessionUser, programId: string) {
  const rows = await deps.db
    .select({
      id: matches.id,
      status: matches.status,
      mentorId: matches.mentorId,
      mentorName: mentorUser.name,
      menteeId: matches.menteeId,
      menteeName: menteeUser.name,
      createdAt: matches.createdAt,
      endedAt: matches.endedAt,
    })
    .from(matches)
    .innerJoin(mentorUser, eq(mentorUser.id, matches.mentorId))
    .innerJoin(menteeUser, eq(menteeUser.id, matches.menteeId))
    .where(and(eq(matches.programId, programId), or(eq(matches.mentorId, user.id), eq(matches.menteeId, user.id))))
    .orderBy(desc(matches.createdAt), asc(matches.id));
  const liveFirst = (s: string) => (s === "active" || s === "paused" ? 0 : 1);
  return rows
    .map((r) => {
      const asMentor = r.mentorId === user.id;
      return {
        id: r.id,
        status: r.status,
        myRole: asMentor ? ("mentor" as const) : ("mentee" as const),
        partner: asMentor ? { id: r.menteeId, name: r.menteeName } : { id: r.mentorId, name: r.mentorName },
        createdAt: r.createdAt,
        endedAt: r.endedAt,
      };
    })
    .sort((a, b) => liveFirst(a.status) - liveFirst(b.status));
}

export const auditOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      /** The entry as a sentence for the viewer, with times in their zone ("Amara moved the session with Grace to Tue 8 Dec, 12:30"). */
      sentence: z.string(),
      /** The free text that came with it (a reason, a message); empty when there was none. */
      note: z.string(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      detail: z.string(),
      createdAt: z.date(),
    }),
  ),
  /** Every kind of change in this program's log, in words, for the filter; `kind` is what `auditInput.kind` takes. */
  kinds: z.array(z.object({ kind: z.string(), label: z.string() })),
  total: z.number(),
  page: z.number(),
  pages: z.number(),
});

/** The program's audit log, newest first, worded for the viewer. Only entries tagged with this program are read. */
export async function programAudit(
  deps: Deps,
  viewer: SessionUser,
  input: z.output<typeof auditInput>,
): Promise<z.infer<typeof auditOutput>> {
  const db = deps.db;
  const where = and(
    eq(auditLog.programId, input.programId),
    input.action ? eq(auditLog.action, input.action) : undefined,
    input.kind ? eq(sql`split_part(${auditLog.action}, '.', 1)`, input.kind) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: users.name,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const actions = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.programId, input.programId))
    .orderBy(asc(auditLog.action));
  const n = Number(total?.n ?? 0);
  return {
    items: await describeActivity(db, viewer.id, rows),
    kinds: [...new Set(actions.map((a) => a.action.split(".")[0] ?? ""))].map((kind) => ({
      kind,
      label: activityKind(kind),
    })),
    total: n,
    page: input.page,
    pages: Math.max(1, Math.ceil(n / input.pageSize)),
  };
}
