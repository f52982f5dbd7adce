/**
 * Recurring series: weekly, fortnightly or monthly sessions of a match, booked together.
 *
 * - Occurrences keep the first session's wall-clock time in the mentor's zone (the mentor's availability is
 *   written in it), so a 10:00 series in New York stays at 10:00 across the March and November changes, and moves
 *   by an hour in UTC. A time skipped by a spring-forward gap moves forward by the gap (Temporal's "compatible"
 *   rule, like the slot engine), and the occurrence says so.
 * - Monthly is the same day of the month. A month without that day (the 31st in April, the 29th-31st in
 *   February) takes its last day instead, and the occurrence says so; the next month goes back to the asked day.
 * - Each occurrence is judged by the booking check (slots.ts), and booking writes every free one in one
 *   transaction under the same calendar locks as a single booking. Occurrences that cannot be booked are
 *   returned as conflicts naming the rule; nothing is skipped silently. When none can be booked, nothing is
 *   written and the answer is a CONFLICT.
 */
import { Temporal } from "temporal-polyfill";
import type { DbOrTx } from "../../../db/client";
import type { SeriesFrequency, SessionStatus } from "../../../db/schema/scheduling";
import { sessionSeries } from "../../../db/schema/scheduling";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import { audit } from "../auth/auth.service";
import { assertMatchActive, insertPairSession, matchAndViewer, zonesFor } from "./pair-session.service";
import type { SeriesInput } from "./scheduling.schema";
import { type Deps, loadPairContext, lockCalendars, programSettings, timeZoneOf } from "./scheduling.service";
import { formatSlotForViewer } from "./slot-display";
import { monthNames } from "./slot-explanation";
import { checkSlot, type SlotConflict } from "./slots";

export interface SeriesOccurrence {
  start: Date;
  /** Why this occurrence is not at the asked day or clock time ("" when it is). */
  note: string;
}

/** The series' start times: the first is `first`; the rest keep its wall-clock time in `timeZone`. */
export function seriesStarts(first: Date, frequency: SeriesFrequency, occurrences: number, timeZone: string): SeriesOccurrence[] {
  const origin = Temporal.Instant.fromEpochMilliseconds(first.getTime()).toZonedDateTimeISO(timeZone);
  const out: SeriesOccurrence[] = [];
  for (let i = 0; i < occurrences; i++) {
    // Each occurrence is counted from the first (not from the previous one), so a series on the 31st returns
    // to the 31st after a shorter month.
    const step = frequency === "monthly" ? { months: i } : { weeks: frequency === "fortnightly" ? 2 * i : i };
    const at = origin.add(step);
    const notes: string[] = [];
    if (frequency === "monthly" && at.day !== origin.day)
      notes.push(
        `${monthNames[at.month - 1]} has no ${origin.day === 31 ? "31st" : `${origin.day}th`}, so the session is on its last day.`,
      );
    if (at.hour !== origin.hour || at.minute !== origin.minute)
      notes.push(
        `The clocks go forward that day, so ${two(origin.hour)}:${two(origin.minute)} does not exist and the session starts at ${two(at.hour)}:${two(at.minute)}.`,
      );
    out.push({ start: new Date(at.epochMilliseconds), note: notes.join(" ") });
  }
  return out;
}

const two = (n: number) => String(n).padStart(2, "0");

/** Each occurrence with the rule that blocks it (null when it can be booked), read with `db` (a locked tx when booking). */
async function planSeries(db: DbOrTx, deps: Deps, actor: SessionUser, input: SeriesInput) {
  const { match, viewer } = await matchAndViewer(db, actor, input.matchId);
  if (!viewer.isMentor && !viewer.isMentee) throw new AppError("FORBIDDEN", "Only the mentor and the mentee of a match book its sessions.");
  assertMatchActive(match);
  const program = await programSettings(db, match.programId);
  const sessionMs = program.sessionMinutes * 60_000;
  const first = new Date(input.start);
  // The occurrences depend on the mentor's zone; then everything around the whole span is read once.
  const starts = seriesStarts(first, input.frequency, input.occurrences, await timeZoneOf(db, match.mentorId));
  const last = starts[starts.length - 1]!.start;
  const context = await loadPairContext(
    db,
    match,
    program,
    deps.clock.now(),
    first,
    new Date(last.getTime() + sessionMs),
    undefined,
    deps.externalBusy,
  );
  const zones = zonesFor(viewer, { mentor: context.mentor.timeZone, mentee: context.mentee.timeZone }, input.viewerTimeZone);
  // Occurrences are a week or more apart and a session lasts at most 8 hours, so they never share a day, a week
  // or a buffer: judging each against the existing sessions alone is the same as judging them in order.
  const occurrences = starts.map(({ start, note }) => {
    const end = new Date(start.getTime() + sessionMs);
    const conflict: SlotConflict | null = checkSlot({ ...context, slot: { start, end } });
    const shown = formatSlotForViewer({ start: start.toISOString(), end: end.toISOString() }, zones.viewerZone, zones.otherZone);
    return { start, end, note, conflict, shown };
  });
  return { match, viewer, program, occurrences };
}

const shownTime = (o: { start: Date; end: Date; shown: { viewerLocal: string; otherLocal: string } }) => ({
  start: o.start.toISOString(),
  end: o.end.toISOString(),
  viewerLocal: o.shown.viewerLocal,
  otherLocal: o.shown.otherLocal,
});

export async function previewSeries(deps: Deps, actor: SessionUser, input: SeriesInput) {
  const plan = await planSeries(deps.db, deps, actor, input);
  return {
    occurrences: plan.occurrences.map((o) => ({
      ...shownTime(o),
      note: o.note,
      conflict: o.conflict && { rule: o.conflict.code, message: o.conflict.message },
    })),
  };
}

export async function bookSeries(deps: Deps, actor: SessionUser, input: SeriesInput) {
  return deps.db.transaction(async (tx) => {
    const peek = await matchAndViewer(tx, actor, input.matchId);
    await lockCalendars(tx, [peek.match.mentorId, peek.match.menteeId]);
    const { match, viewer, program, occurrences } = await planSeries(tx, deps, actor, input);
    const status: Extract<SessionStatus, "requested" | "confirmed"> =
      viewer.isMentor || program.bookingConfirmation === "instant" ? "confirmed" : "requested";

    const [series] = await tx
      .insert(sessionSeries)
      .values({
        matchId: match.id,
        frequency: input.frequency,
        occurrences: input.occurrences,
        createdBy: actor.id,
        createdAt: deps.clock.now(),
      })
      .returning({ id: sessionSeries.id });
    const seriesId = series!.id;
    const booked: (ReturnType<typeof shownTime> & { sessionId: string })[] = [];
    const conflicts: (ReturnType<typeof shownTime> & { rule: string; message: string })[] = [];
    for (const o of occurrences) {
      if (o.conflict) {
        conflicts.push({ ...shownTime(o), rule: o.conflict.code, message: o.conflict.message });
        continue;
      }
      try {
        // A savepoint per occurrence: a session the locks do not cover (a seat in office hours taken meanwhile)
        // makes the EXCLUDE constraint refuse this one occurrence, which is then reported like any conflict.
        const sessionId = await tx.transaction((sp) => insertPairSession(sp, deps, actor.id, match, o, status, seriesId));
        booked.push({ ...shownTime(o), sessionId });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "CONFLICT") throw err;
        conflicts.push({ ...shownTime(o), rule: "busy-session", message: err.message });
      }
    }
    if (booked.length === 0) {
      throw new AppError("CONFLICT", `None of the ${occurrences.length} sessions can be booked. The first: ${conflicts[0]?.message ?? ""}`);
    }
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "session.book_series",
      targetType: "session_series",
      targetId: seriesId,
      programId: match.programId,
      detail: `${input.frequency} ${booked.length} booked, ${conflicts.length} conflicts`,
    });
    return { seriesId, status, booked, conflicts };
  });
}
