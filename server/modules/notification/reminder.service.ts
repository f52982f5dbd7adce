import { and, eq, gt, inArray, like, notLike, sql } from "drizzle-orm";
import { type DbOrTx, escapeLike } from "../../../db/client";
import { type Channel, deliveries, notifications } from "../../../db/schema/notifications";
import { programs } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import { type NotifyDeps, notify } from "./outbox.service";
import { formatInstant, humanizeMinutes } from "./quiet-hours";

export type ReminderOffset = { minutesBefore: number; channels: Channel[] };

/** The plan's default: 48 h email, 24 h email + SMS, 1 h SMS, 15 min in-app. */
export const defaultReminderOffsets: ReminderOffset[] = [
  { minutesBefore: 48 * 60, channels: ["email"] },
  { minutesBefore: 24 * 60, channels: ["email", "sms"] },
  { minutesBefore: 60, channels: ["sms"] },
  { minutesBefore: 15, channels: ["in_app"] },
];

export type ReminderEvent = {
  /** Stable id of the thing reminded about, e.g. "session:42". */
  eventKey: string;
  title: string;
  startsAt: Date;
  link: string;
  programId?: string | null;
  recipients: string[];
};

const keyPrefix = (eventKey: string) => `reminder:${eventKey}:`;

/**
 * Schedules the program's reminder offsets for an event: one future-dated notification per person and offset,
 * sent on that offset's channels (still filtered by each person's preferences). Offsets already in the past
 * are skipped. Idempotent: scheduling the same event at the same time again adds nothing.
 */
export async function scheduleReminders(tx: DbOrTx, deps: NotifyDeps, event: ReminderEvent) {
  let offsets = defaultReminderOffsets;
  if (event.programId) {
    const [p] = await tx.select({ offsets: programs.reminderOffsets }).from(programs).where(eq(programs.id, event.programId));
    if (p) offsets = p.offsets;
  }
  const now = deps.clock.now().getTime();
  let scheduled = 0;
  for (const userId of event.recipients) {
    const [u] = await tx.select({ tz: users.timezone }).from(users).where(eq(users.id, userId));
    if (!u) continue;
    for (const offset of offsets) {
      const at = new Date(event.startsAt.getTime() - offset.minutesBefore * 60_000);
      if (at.getTime() <= now) continue;
      const result = await notify(tx, deps, {
        type: "reminder.event",
        userId,
        data: {
          eventTitle: event.title,
          eventStart: formatInstant(event.startsAt, u.tz),
          timeUntil: humanizeMinutes(offset.minutesBefore),
        },
        programId: event.programId ?? null,
        link: event.link,
        at,
        notAfter: event.startsAt,
        only: offset.channels,
        dedupeKey: `${keyPrefix(event.eventKey)}${event.startsAt.toISOString()}:${offset.minutesBefore}`,
      });
      if (result) scheduled++;
    }
  }
  return { scheduled };
}

/** Cancels every reminder of the event not yet sent or shown. Idempotent. */
export async function cancelReminders(tx: DbOrTx, deps: Pick<NotifyDeps, "clock">, eventKey: string) {
  const now = deps.clock.now();
  const future = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        like(notifications.dedupeKey, `${escapeLike(keyPrefix(eventKey))}%`),
        gt(notifications.visibleAt, now),
        notLike(notifications.dedupeKey, "%:cancelled:%"),
      ),
    );
  if (future.length === 0) return { cancelled: 0 };
  const ids = future.map((f) => f.id);
  const cancelled = await tx
    .update(deliveries)
    .set({ status: "cancelled", lastError: "The event was moved or cancelled." })
    .where(and(inArray(deliveries.notificationId, ids), inArray(deliveries.status, ["pending", "failed"])))
    .returning({ id: deliveries.id });
  // Future in-app items never show; their dedupe keys are freed so a move back to the old time can schedule
  // again. The rows stay, so the delivery log still shows what was cancelled.
  await tx
    .update(notifications)
    .set({ inApp: false, dedupeKey: sql`${notifications.dedupeKey} || ':cancelled:' || ${notifications.id}` })
    .where(inArray(notifications.id, ids));
  return { cancelled: cancelled.length };
}

/** Moving an event: cancel what was scheduled for the old time, schedule for the new one. */
export async function moveReminders(tx: DbOrTx, deps: NotifyDeps, event: ReminderEvent) {
  await cancelReminders(tx, deps, event.eventKey);
  return scheduleReminders(tx, deps, event);
}
