/**
 * The request clock, run by the background worker: a reminder to the mentor when `requestReminderHours` of the
 * deadline have passed, and expiry at the deadline (the mentee gets fresh suggestions, the coordinators an
 * alert). Rows are claimed with UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING, and the
 * claim, the thread event, the notifications and the live signals commit together: two workers never send the
 * same reminder twice, and a crash before commit leaves the row to be claimed again.
 */

import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { matchRequests } from "../../../db/schema/matching";
import { programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import type { BackgroundJob } from "../../worker/background-jobs";
import { joinNames } from "../matching/score";
import { type NotifyDeps, notify, notifyDepsOf } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { programCoordinatorIds, toProgramStaff } from "../program/staff-events.service";
import { topSuggestions } from "./request.service";
import { addRequestEvent } from "./request-events";

export type SweepDeps = NotifyDeps & { db: Db };

const BATCH = 50;
/** At most this many batches per pass, so one pass cannot hold the worker for long; the next pass continues. */
const MAX_BATCHES = 20;

async function namesOf(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], ids: string[]) {
  const rows = await tx.select({ id: users.id, name: users.name, timezone: users.timezone }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Reminds mentors of requests past the program's reminder point; returns how many were reminded. */
export async function remindDueRequests(deps: SweepDeps): Promise<number> {
  const now = deps.clock.now();
  let handled = 0;
  for (let b = 0; b < MAX_BATCHES; b++) {
    const n = await deps.db.transaction(async (tx) => {
      const due = tx
        .select({ id: matchRequests.id })
        .from(matchRequests)
        .innerJoin(programs, eq(programs.id, matchRequests.programId))
        .where(
          and(
            eq(matchRequests.status, "pending"),
            isNull(matchRequests.remindedAt),
            gt(matchRequests.expiresAt, now),
            // Reminder point = deadline minus the hours left after the reminder (72 h deadline, 48 h reminder: 24 h before).
            sql`${matchRequests.expiresAt} - make_interval(hours => ${programs.requestDeadlineHours} - ${programs.requestReminderHours}) <= ${now.toISOString()}::timestamptz`,
          ),
        )
        .limit(BATCH)
        .for("update", { of: matchRequests, skipLocked: true });
      const claimed = await tx
        .update(matchRequests)
        .set({ remindedAt: now })
        .where(and(inArray(matchRequests.id, due), isNull(matchRequests.remindedAt), eq(matchRequests.status, "pending")))
        .returning({
          id: matchRequests.id,
          programId: matchRequests.programId,
          menteeId: matchRequests.menteeId,
          mentorId: matchRequests.mentorId,
          expiresAt: matchRequests.expiresAt,
        });
      if (claimed.length === 0) return 0;
      const people = await namesOf(tx, [...new Set(claimed.flatMap((r) => [r.mentorId, r.menteeId]))]);
      const programNames = new Map(
        (
          await tx
            .select({ id: programs.id, name: programs.name })
            .from(programs)
            .where(inArray(programs.id, [...new Set(claimed.map((r) => r.programId))]))
        ).map((p) => [p.id, p.name]),
      );
      for (const r of claimed) {
        const mentor = people.get(r.mentorId);
        await addRequestEvent(tx, r, "reminded", null, "", now);
        await notify(tx, deps, {
          type: "request.reminder",
          userId: r.mentorId,
          programId: r.programId,
          data: {
            programName: programNames.get(r.programId) ?? "",
            menteeName: people.get(r.menteeId)?.name ?? "",
            deadline: r.expiresAt ? formatInstant(r.expiresAt, mentor?.timezone ?? "UTC") : "",
          },
          link: `/programs/${r.programId}/requests`,
          dedupeKey: `request.reminder:${r.id}:${r.expiresAt?.toISOString() ?? ""}`,
        });
      }
      return claimed.length;
    });
    handled += n;
    if (n < BATCH) break;
  }
  return handled;
}

/** Expires pending requests past their deadline; returns how many expired. */
export async function expireDueRequests(deps: SweepDeps): Promise<number> {
  const now = deps.clock.now();
  let handled = 0;
  for (let b = 0; b < MAX_BATCHES; b++) {
    const n = await deps.db.transaction(async (tx) => {
      const due = tx
        .select({ id: matchRequests.id })
        .from(matchRequests)
        .where(and(eq(matchRequests.status, "pending"), lte(matchRequests.expiresAt, now)))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      const claimed = await tx
        .update(matchRequests)
        .set({ status: "expired", updatedAt: now })
        .where(and(inArray(matchRequests.id, due), eq(matchRequests.status, "pending")))
        .returning({
          id: matchRequests.id,
          programId: matchRequests.programId,
          menteeId: matchRequests.menteeId,
          mentorId: matchRequests.mentorId,
        });
      if (claimed.length === 0) return 0;
      const people = await namesOf(tx, [...new Set(claimed.flatMap((r) => [r.mentorId, r.menteeId]))]);
      for (const r of claimed) {
        const [program] = await tx
          .select({ name: programs.name, suggestionCount: programs.suggestionCount })
          .from(programs)
          .where(eq(programs.id, r.programId));
        const programName = program?.name ?? "";
        const mentorName = people.get(r.mentorId)?.name ?? "";
        const menteeName = people.get(r.menteeId)?.name ?? "";
        await addRequestEvent(tx, r, "expired", null, "", now);
        const fresh = await topSuggestions(tx, r.programId, r.menteeId, now, program?.suggestionCount ?? 3, r.mentorId);
        await notify(tx, deps, {
          type: "request.expired",
          userId: r.menteeId,
          programId: r.programId,
          data: {
            programName,
            mentorName,
            suggestions: fresh.length > 0 ? joinNames(fresh.map((s) => s.mentor.name)) : "none right now; browse the program's mentors",
          },
          link: `/programs/${r.programId}/mentors`,
          dedupeKey: `request.expired:${r.id}`,
        });
        for (const coordinatorId of await programCoordinatorIds(tx, r.programId)) {
          await notify(tx, deps, {
            type: "request.expired_alert",
            userId: coordinatorId,
            programId: r.programId,
            data: { programName, mentorName, menteeName },
            link: `/programs/${r.programId}/board`,
            dedupeKey: `request.expired_alert:${r.id}:${coordinatorId}`,
          });
        }
        const signal = { requestId: r.id, programId: r.programId, status: "expired" };
        await deps.realtime.toUser(tx, r.menteeId, "request:changed", signal);
        await deps.realtime.toUser(tx, r.mentorId, "request:changed", signal);
        await toProgramStaff(deps.realtime, tx, r.programId, "request:changed", signal);
      }
      return claimed.length;
    });
    handled += n;
    if (n < BATCH) break;
  }
  return handled;
}

/** One pass of the request clock: reminders first, then expiries. */
export async function sweepRequests(deps: SweepDeps): Promise<number> {
  return (await remindDueRequests(deps)) + (await expireDueRequests(deps));
}

export const requestSweeperJob: BackgroundJob = {
  name: "request-sweeper",
  intervalMs: 30_000,
  tick: (deps) => sweepRequests({ db: deps.db, ...notifyDepsOf(deps) }),
};
