import { displayTimeZone } from "./time-zone";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

// Instants are shown in the profile's zone (lib/time-zone.ts), never silently in the browser's.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "dateTime" | "date", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      undefined,
      kind === "dateTime" ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone },
    );
    formatters.set(key, f);
  }
  return f;
}
/** Calendar dates ("YYYY-MM-DD") carry no zone: they are formatted as UTC midnight so the day never shifts. */
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.345],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "yesterday", in the browser's language. */
export function timeAgo(date: Date, now: Date = new Date()): string {
  let value = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return formatDate(date);
}

export function formatDateTime(date: Date): string {
  return formatter("dateTime", displayTimeZone()).format(date);
}

export function formatDate(date: Date): string {
  return formatter("date", displayTimeZone()).format(date);
}

/** A calendar date stored as "YYYY-MM-DD" (no time zone), shown without shifting the day. */
export function formatCalendarDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return calendarDay.format(new Date(Date.UTC(y, m - 1, d)));
}
