import type { SessionLinkCancelInput, SessionLinkRescheduleInput } from "@shared/modules/session-link/session-link.schema";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type SessionLinkView = RouterOutputs["sessionLink"]["view"];
export type SessionLinkSlot = RouterOutputs["sessionLink"]["slots"]["slots"][number];

/** How far ahead the page offers new times. */
export const SLOT_DAYS = 14;

export const sessionLinkKeys = {
  root: ["sessionLink"] as const,
  view: (token: string) => ["sessionLink", "view", token] as const,
  slots: (token: string, from: string, to: string) => ["sessionLink", "slots", token, from, to] as const,
};

export const sessionLinkQueries = {
  view: (token: string) => ({
    queryKey: sessionLinkKeys.view(token),
    queryFn: () => trpc.sessionLink.view.query({ token }),
    // An invalid or expired link stays so: asking again changes nothing.
    retry: false,
  }),
  slots: (token: string, from: string, to: string) => ({
    queryKey: sessionLinkKeys.slots(token, from, to),
    queryFn: () => trpc.sessionLink.slots.query({ token, from, to }),
    retry: false,
  }),
};

export const rescheduleByLink = (input: SessionLinkRescheduleInput) => trpc.sessionLink.reschedule.mutate(input);
export const cancelByLink = (input: SessionLinkCancelInput) => trpc.sessionLink.cancel.mutate(input);

/** "Thu 5 Mar, 09:00-10:00" -> day "Thu 5 Mar" and time "09:00-10:00" (a slot past midnight keeps its second day). */
export function splitLocal(local: string): { day: string; time: string } {
  const at = local.indexOf(", ");
  return at < 0 ? { day: local, time: "" } : { day: local.slice(0, at), time: local.slice(at + 2) };
}

/** Slots grouped by the viewer's local day, in order. */
export function groupByDay(slots: SessionLinkSlot[]): { day: string; slots: SessionLinkSlot[] }[] {
  const groups: { day: string; slots: SessionLinkSlot[] }[] = [];
  for (const slot of slots) {
    const { day } = splitLocal(slot.viewerLocal);
    const last = groups.at(-1);
    if (last?.day === day) last.slots.push(slot);
    else groups.push({ day, slots: [slot] });
  }
  return groups;
}
