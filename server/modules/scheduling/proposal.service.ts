/**
 * Other times a mentor proposes: instead of a requested session (the mentee's time does not suit), or for a new
 * session. Proposed times hold nothing; each is checked with the booking rules when proposed (a time that could
 * not be booked is refused, naming the time and the rule) and again when the mentee picks one.
 *
 * Accepting runs under the same calendar locks as a booking, in one transaction: the requested session moves to
 * the picked time and is confirmed (or a new confirmed session is booked), the proposal is accepted and the other
 * open proposals for that session are withdrawn. People are told as for any confirmation: session.confirmed with
 * the .ics REQUEST to both, and the program's reminders. A mentor may send several proposals for one session;
 * they stay open side by side until the mentee accepts one (the rest are then withdrawn) or declines them.
 */
import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { sessionParticipants, sessionProposals, sessions } from "../../../db/schema/scheduling";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { notify } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { assertMatchActive, insertPairSession, matchAndViewer, type PairMatch, signalPair, zonesFor } from "./pair-session.service";
import type { AcceptProposalInput, PendingInput, ProposalIdInput, ProposalOutput, ProposeInput, SessionOutput } from "./scheduling.schema";
import { type Deps, loadPairContext, lockCalendars, programSettings, sessionsOf, timeZoneOf } from "./scheduling.service";
import { sessionNotice } from "./session-notify.service";
import { rangeLiteral, refusingOverlap } from "./session-rows.service";
import { formatSlotForViewer } from "./slot-display";
import { assertSlotBookable, checkSlot } from "./slots";

type ProposalRow = typeof sessionProposals.$inferSelect;

function toOutput(p: ProposalRow, sessionMinutes: number, zones: { viewerZone: string; otherZone: string }): ProposalOutput {
  return {
    id: p.id,
    matchId: p.matchId,
    sessionId: p.sessionId,
    status: p.status,
    message: p.message,
    createdAt: p.createdAt,
    times: p.starts.map((start) => {
      const end = new Date(Date.parse(start) + sessionMinutes * 60_000).toISOString();
      return { start, end, ...formatSlotForViewer({ start, end }, zones.viewerZone, zones.otherZone) };
    }),
  };
}

/** The match's requested session, locked; it must still wait for the mentor. */
async function lockRequestedOfMatch(tx: DbOrTx, matchId: string, sessionId: string) {
  const [row] = await tx
    .select({ id: sessions.id, status: sessions.status, start: sessions.start })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.matchId, matchId)))
    .for("update");
  if (!row) throw AppError.field("sessionId", "This session is not one of this match's sessions.");
  if (row.status !== "requested") throw new AppError("CONFLICT", `This session is already ${row.status.replace("_", " ")}.`);
  return row;
}

export async function proposeTimes(deps: Deps, actor: SessionUser, input: ProposeInput): Promise<ProposalOutput> {
  return deps.db.transaction(async (tx) => {
    const { match, viewer } = await matchAndViewer(tx, actor, input.matchId);
    if (!viewer.isMentor) throw new AppError("FORBIDDEN", "Only the mentor of a match proposes other times.");
    assertMatchActive(match);
    if (input.sessionId) await lockRequestedOfMatch(tx, match.id, input.sessionId);
    const program = await programSettings(tx, match.programId);
    const sessionMs = program.sessionMinutes * 60_000;
    const starts = input.starts.map((s) => new Date(s)).sort((a, b) => a.getTime() - b.getTime());
    const context = await loadPairContext(
      tx,
      match,
      program,
      deps.clock.now(),
      starts[0]!,
      new Date(starts[starts.length - 1]!.getTime() + sessionMs),
      input.sessionId,
      deps.externalBusy,
    );
    for (const start of starts) {
      const end = new Date(start.getTime() + sessionMs);
      const conflict = checkSlot({ ...context, slot: { start, end } });
      if (conflict) {
        const when = formatSlotForViewer(
          { start: start.toISOString(), end: end.toISOString() },
          context.mentor.timeZone,
          context.mentor.timeZone,
        );
        throw new AppError("CONFLICT", `${when.viewerLocal} cannot be proposed: ${conflict.message}`);
      }
    }
    const now = deps.clock.now();
    const [proposal] = await tx
      .insert(sessionProposals)
      .values({
        matchId: match.id,
        sessionId: input.sessionId ?? null,
        proposedBy: actor.id,
        starts: starts.map((s) => s.toISOString()),
        message: input.message,
        createdAt: now,
      })
      .returning();
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.propose",
      targetType: "session_proposal",
      targetId: proposal!.id,
      programId: match.programId,
      detail: starts.map((s) => s.toISOString()).join(" "),
    });
    await notify(tx, deps, {
      type: "session.proposed",
      userId: match.menteeId,
      programId: match.programId,
      link: `/book/${match.id}`,
      data: {
        programName: await programName(tx, match.programId),
        partnerName: match.mentorName,
        times: starts.map((s) => formatInstant(s, context.mentee.timeZone)).join("\n"),
        message: input.message,
      },
      dedupeKey: `session.proposed:${proposal!.id}`,
    });
    await signalPair(deps, tx, match, { sessionId: input.sessionId ?? "", status: "proposed" });
    return toOutput(proposal!, program.sessionMinutes, { viewerZone: context.mentor.timeZone, otherZone: context.mentee.timeZone });
  });
}

async function programName(db: DbOrTx, programId: string) {
  const [p] = await db.select({ name: programs.name }).from(programs).where(eq(programs.id, programId));
  return p?.name ?? "";
}

/** The proposal and its match, for its mentee; the mentor is refused, strangers are told it does not exist. */
async function proposalForMentee(tx: DbOrTx, actor: SessionUser, proposalId: string) {
  const [peek] = await tx.select({ matchId: sessionProposals.matchId }).from(sessionProposals).where(eq(sessionProposals.id, proposalId));
  if (!peek) throw new AppError("NOT_FOUND", "This proposal does not exist.");
  const { match, viewer } = await matchAndViewer(tx, actor, peek.matchId);
  if (!viewer.isMentee) throw new AppError("FORBIDDEN", "Only the mentee answers proposed times.");
  return match;
}

async function lockOpenProposal(tx: DbOrTx, proposalId: string) {
  const [row] = await tx.select().from(sessionProposals).where(eq(sessionProposals.id, proposalId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "This proposal does not exist.");
  if (row.status !== "open") throw new AppError("CONFLICT", `These times were already ${row.status}.`);
  return row;
}

export async function acceptProposal(deps: Deps, actor: SessionUser, input: AcceptProposalInput): Promise<SessionOutput> {
  return deps.db.transaction(async (tx) => {
    const match = await proposalForMentee(tx, actor, input.proposalId);
    // Calendars first (the order booking uses), then the proposal and the session rows.
    await lockCalendars(tx, [match.mentorId, match.menteeId]);
    const proposal = await lockOpenProposal(tx, input.proposalId);
    assertMatchActive(match);
    const start = new Date(input.start);
    if (!proposal.starts.some((s) => Date.parse(s) === start.getTime())) throw AppError.field("start", "Pick one of the proposed times.");
    if (proposal.sessionId) await lockRequestedOfMatch(tx, match.id, proposal.sessionId);

    const now = deps.clock.now();
    const program = await programSettings(tx, match.programId);
    const end = new Date(start.getTime() + program.sessionMinutes * 60_000);
    const context = await loadPairContext(tx, match, program, now, start, end, proposal.sessionId ?? undefined, deps.externalBusy);
    assertSlotBookable({ ...context, slot: { start, end } });

    const sessionId = proposal.sessionId
      ? await moveAndConfirm(tx, deps, actor, match, proposal.sessionId, { start, end })
      : await insertPairSession(tx, deps, actor.id, match, { start, end }, "confirmed", null);
    await tx
      .update(sessionProposals)
      .set({ status: "accepted", acceptedSessionId: sessionId, decidedAt: now })
      .where(eq(sessionProposals.id, proposal.id));
    if (proposal.sessionId) {
      await tx
        .update(sessionProposals)
        .set({ status: "withdrawn", decidedAt: now })
        .where(
          and(
            eq(sessionProposals.sessionId, proposal.sessionId),
            eq(sessionProposals.status, "open"),
            ne(sessionProposals.id, proposal.id),
          ),
        );
    }
    const [out] = await sessionsOf(tx, actor.id, eq(sessions.id, sessionId));
    return out!;
  });
}

/** The requested session takes the picked time and is confirmed; told to both as a confirmation. */
async function moveAndConfirm(
  tx: DbOrTx,
  deps: Deps,
  actor: SessionUser,
  match: PairMatch,
  sessionId: string,
  slot: { start: Date; end: Date },
) {
  const now = deps.clock.now();
  await tx
    .update(sessions)
    .set({ start: slot.start, end: slot.end, status: "confirmed", sequence: sql`${sessions.sequence} + 1`, updatedAt: now })
    .where(eq(sessions.id, sessionId));
  for (const p of [
    { userId: match.mentorId, name: match.mentorName },
    { userId: match.menteeId, name: match.menteeName },
  ]) {
    await refusingOverlap(actor.id, p, () =>
      tx
        .update(sessionParticipants)
        .set({ during: rangeLiteral(slot.start, slot.end) })
        .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.userId, p.userId))),
    );
  }
  await audit(tx, deps.clock, {
    actorId: actor.id,
    action: "session.accept_proposal",
    targetType: "session",
    targetId: sessionId,
    programId: match.programId,
    detail: slot.start.toISOString(),
  });
  await (await sessionNotice(tx, deps, sessionId)).confirmed();
  await signalPair(deps, tx, match, { sessionId, status: "confirmed" });
  return sessionId;
}

export async function declineProposal(deps: Deps, actor: SessionUser, input: ProposalIdInput) {
  return deps.db.transaction(async (tx) => {
    const match = await proposalForMentee(tx, actor, input.proposalId);
    const proposal = await lockOpenProposal(tx, input.proposalId);
    await tx.update(sessionProposals).set({ status: "declined", decidedAt: deps.clock.now() }).where(eq(sessionProposals.id, proposal.id));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.decline_proposal",
      targetType: "session_proposal",
      targetId: proposal.id,
      programId: match.programId,
    });
    await signalPair(deps, tx, match, { sessionId: proposal.sessionId ?? "", status: "proposal_declined" });
    return { id: proposal.id, status: "declined" as const };
  });
}

/**
 * What waits for an answer in a match, for its two people: requested sessions still ahead (the mentor confirms,
 * declines or proposes) and open proposals (the mentee picks a time).
 */
export async function pendingForMatch(deps: Deps, actor: SessionUser, input: PendingInput) {
  const { match, viewer } = await matchAndViewer(deps.db, actor, input.matchId);
  if (!viewer.isMentor && !viewer.isMentee)
    throw new AppError("FORBIDDEN", "Only the mentor and the mentee of a match answer its requests.");
  const zones = zonesFor(
    viewer,
    { mentor: await timeZoneOf(deps.db, match.mentorId), mentee: await timeZoneOf(deps.db, match.menteeId) },
    input.viewerTimeZone,
  );
  const program = await programSettings(deps.db, match.programId);
  const now = deps.clock.now();
  const requested = await sessionsOf(
    deps.db,
    actor.id,
    and(eq(sessions.matchId, match.id), eq(sessions.status, "requested"), gt(sessions.start, now)),
  );
  const proposals = await deps.db
    .select()
    .from(sessionProposals)
    .where(and(eq(sessionProposals.matchId, match.id), eq(sessionProposals.status, "open")))
    .orderBy(desc(sessionProposals.createdAt));
  return {
    requested: requested.map((s) => ({
      ...s,
      ...formatSlotForViewer({ start: s.start.toISOString(), end: s.end.toISOString() }, zones.viewerZone, zones.otherZone),
    })),
    proposals: proposals.map((p) => toOutput(p, program.sessionMinutes, zones)),
  };
}
