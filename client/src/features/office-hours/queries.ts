import { queryOptions } from "@tanstack/solid-query";
import { queryClient } from "../../lib/query-client";
import { displayTimeZone, instantOfWall, wallDateTime } from "../../lib/time-zone";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type OfficeHours = RouterOutputs["officeHours"]["list"][number];

/** Every office hours query sits under this root, so one invalidation (a change, a live signal) refreshes them. */
export const officeHoursKeys = { root: ["officeHours"] as const };

export const officeHoursQueries = {
  list: (programId: string) =>
    queryOptions({
      queryKey: [...officeHoursKeys.root, "list", programId] as const,
      queryFn: () => trpc.officeHours.list.query({ programId }),
    }),
};

export const refreshOfficeHours = () => queryClient.invalidateQueries({ queryKey: officeHoursKeys.root });

/** "Thu, 5 Mar, 10:00 – 11:00 CET" in the given zone (the viewer's profile zone by default). */
export function formatRange(start: Date, end: Date, timeZone = displayTimeZone()) {
  const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone }).format(start);
  const clock = (d: Date, zoneName: boolean) =>
    new Intl.DateTimeFormat(undefined, {
      hour: "numeric",
      minute: "2-digit",
      timeZone,
      ...(zoneName ? { timeZoneName: "short" } : {}),
    }).format(d);
  return `${day}, ${clock(start, false)} – ${clock(end, true)}`;
}

/** "Thu, 5 Mar, 10:00 CET" in the viewer's profile zone. */
export function formatStart(start: Date) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: displayTimeZone(),
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(start);
}

export const isViewerZone = (timeZone: string) => timeZone === displayTimeZone();

/** A date and a clock time typed in the viewer's profile zone, as an ISO instant ("" when either is missing or invalid). */
export function localToIso(date: string, time: string): string {
  return instantOfWall(date, time)?.toISOString() ?? "";
}

/** The viewer's date ("YYYY-MM-DD") and time ("HH:MM") of an instant in their profile zone, to prefill a form. */
export function isoToLocal(at: Date): { date: string; time: string } {
  return wallDateTime(at);
}

/** "12" -> 12, "" -> NaN (the shared schema then says "Enter …"). */
export const toNumber = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
