import { queryOptions } from "@tanstack/solid-query";
import { queryClient } from "../../lib/query-client";
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

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Thu, 5 Mar, 10:00 – 11:00 CET" in the given zone (the viewer's by default). */
export function formatRange(start: Date, end: Date, timeZone = viewerZone) {
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

/** "Thu, 5 Mar, 10:00 CET" in the viewer's zone. */
export function formatStart(start: Date) {
  return new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(start);
}

export const isViewerZone = (timeZone: string) => timeZone === viewerZone;

/** A date and a clock time typed in the viewer's zone, as an ISO instant ("" when either is missing or invalid). */
export function localToIso(date: string, time: string): string {
  if (!date || !time) return "";
  const d = new Date(`${date}T${time}`);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** The viewer's local date ("YYYY-MM-DD") and time ("HH:MM") of an instant, to prefill a form. */
export function isoToLocal(at: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/** "12" -> 12, "" -> NaN (the shared schema then says "Enter …"). */
export const toNumber = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
