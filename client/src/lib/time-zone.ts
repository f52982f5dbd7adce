import { createSignal } from "solid-js";

/**
 * The zone every time on screen is shown in: the signed-in person's profile zone (the same one their emails,
 * session-link pages and Availability use), set by the signed-in layout. Before sign-in, the browser's zone.
 * Nothing in the client formats a time in the browser's zone behind the person's back.
 */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const [zone, setZone] = createSignal(browserTimeZone());

/** The zone times are shown in (reactive: pages re-render when the profile's zone changes). */
export const displayTimeZone = zone;

export function setDisplayTimeZone(timeZone: string) {
  if (timeZone && timeZone !== zone()) setZone(timeZone);
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a zone, as numbers. */
function wallOf(ms: number, timeZone: string) {
  const get = (type: string) =>
    Number(
      partsIn(timeZone)
        .formatToParts(ms)
        .find((p) => p.type === type)?.value ?? 0,
    );
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** How far the zone's wall clock is ahead of UTC at that instant (ms). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallOf(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The date ("YYYY-MM-DD") and time ("HH:MM") an instant reads as in a zone (the display zone by default). */
export function wallDateTime(at: Date, timeZone = displayTimeZone()): { date: string; time: string } {
  const w = wallOf(at.getTime(), timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/**
 * The instant a date and clock time typed in a zone stand for (the display zone by default), or null when either
 * is missing or invalid. In a repeated autumn hour the earlier instant is taken; a skipped spring time moves on.
 */
export function instantOfWall(date: string, time: string, timeZone = displayTimeZone()): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(asUtc)) return null;
  // The offsets half a day either side cover any change in between: keep the candidates that read back as typed.
  const candidates = [offsetAt(asUtc - 43_200_000, timeZone), offsetAt(asUtc + 43_200_000, timeZone)].map((o) => asUtc - o);
  const exact = candidates.filter((c) => offsetAt(c, timeZone) === asUtc - c).sort((a, b) => a - b);
  return new Date(exact[0] ?? (candidates[0] as number));
}
