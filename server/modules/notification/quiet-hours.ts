import { Temporal } from "temporal-polyfill";

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidHhmm(v: string): boolean {
  return HHMM.test(v);
}

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`bad time ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * When a non-urgent SMS due at `at` may be sent: unchanged outside the quiet window, otherwise the end of the
 * window in the recipient's own time zone (DST-aware: "08:00 local" is found on the local calendar, not by adding
 * hours). A window like 21:00-08:00 wraps past midnight.
 */
export function deferPastQuietHours(at: Date, timeZone: string, start: string, end: string): Date {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return at;
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
  const now = local.hour * 60 + local.minute;
  const wraps = s > e;
  const inQuiet = wraps ? now >= s || now < e : now >= s && now < e;
  if (!inQuiet) return at;
  // The window ends today if we are before its end (early morning part), else tomorrow.
  const endDate = now < e ? local.toPlainDate() : local.toPlainDate().add({ days: 1 });
  const endLocal = endDate.toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from({ hour: Math.floor(e / 60), minute: e % 60 }) });
  return new Date(endLocal.epochMilliseconds);
}

/** "Tue 1 Dec 2026, 15:00 CET" in the reader's zone. */
export function formatInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

export function humanizeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "in 1 day" : `in ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "in 1 hour" : `in ${minutes / 60} hours`;
  return `in ${minutes} minutes`;
}

/** The instants where the local calendar day containing `at` starts and ends (23 or 25 hours on DST days). */
export function localDayBounds(at: Date, timeZone: string): { dayStart: Date; dayEnd: Date } {
  const day = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  const start = day.toZonedDateTime({ timeZone });
  const end = day.add({ days: 1 }).toZonedDateTime({ timeZone });
  return { dayStart: new Date(start.epochMilliseconds), dayEnd: new Date(end.epochMilliseconds) };
}
