/**
 * A slot as two people read it: the viewer's own local time, and the other party's beside it. Fixed English
 * names and a fixed layout rather than Intl.DateTimeFormat, whose spacing and punctuation change between ICU
 * versions. In a repeated autumn hour the same clock time shows twice, so those times carry their UTC offset.
 */
import { AppError } from "../../errors";
import { isValidTimeZone } from "../matching/availability";
import { MS_PER_DAY, MS_PER_MINUTE, ZoneClock } from "./zone-clock";

const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const two = (n: number) => String(n).padStart(2, "0");

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  return `UTC${offsetMs < 0 ? "-" : "+"}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

interface LocalTime {
  day: number;
  date: string;
  clock: string;
}

function localTime(clock: ZoneClock, ms: number): LocalTime {
  const wall = clock.toWall(ms);
  const d = new Date(wall);
  let text = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  if (clock.instantsShowing(wall) > 1) text += ` (${formatOffset(wall - ms)})`;
  return {
    day: Math.floor(wall / MS_PER_DAY),
    date: `${dayNames[d.getUTCDay()]} ${d.getUTCDate()} ${monthNames[d.getUTCMonth()]}`,
    clock: text,
  };
}

/** "Tue 3 Mar, 18:00-19:00"; a slot ending on a later day names it ("Tue 3 Mar, 23:30-Wed 4 Mar, 00:30"), except at midnight. */
function formatIn(timeZone: string, start: number, end: number): string {
  const clock = new ZoneClock(timeZone, start, end);
  const from = localTime(clock, start);
  const to = localTime(clock, end);
  const endsAtMidnight = to.day === from.day + 1 && to.clock === "00:00";
  return to.day === from.day || endsAtMidnight
    ? `${from.date}, ${from.clock}-${to.clock}`
    : `${from.date}, ${from.clock}-${to.date}, ${to.clock}`;
}

export interface SlotForViewer {
  viewerLocal: string;
  /** The other party's local time with their zone: "Wed 4 Mar, 00:30-01:30 (Asia/Kolkata)". */
  otherLocal: string;
}

export function formatSlotForViewer(slot: { start: string; end: string }, viewerZone: string, otherZone: string): SlotForViewer {
  if (!isValidTimeZone(viewerZone)) throw AppError.field("viewerZone", `Unknown time zone "${viewerZone}".`);
  if (!isValidTimeZone(otherZone)) throw AppError.field("otherZone", `Unknown time zone "${otherZone}".`);
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start)
    throw AppError.field("slot", "A slot needs a start and a later end.");
  return { viewerLocal: formatIn(viewerZone, start, end), otherLocal: `${formatIn(otherZone, start, end)} (${otherZone})` };
}
