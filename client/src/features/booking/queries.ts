import { type RouterOutputs, trpc } from "../../lib/trpc";

export type BookableMatch = RouterOutputs["scheduling"]["myMatches"][number];
export type SlotsPage = RouterOutputs["scheduling"]["slots"];
export type Slot = SlotsPage["slots"][number];
export type BookedSession = RouterOutputs["scheduling"]["book"];

/** The browser's zone: slots are shown in it, so the server formats "your time" in it too. */
export const viewerTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export const bookingKeys = {
  root: ["scheduling", "booking"] as const,
  myMatches: ["scheduling", "booking", "myMatches"] as const,
};

export const bookingQueries = {
  myMatches: () => ({ queryKey: bookingKeys.myMatches, queryFn: () => trpc.scheduling.myMatches.query() }),
};

/** The free slots in [from, to): what the booking calendar's function source asks for each visible range. */
export function fetchSlots(matchId: string, from: Date, to: Date): Promise<SlotsPage> {
  return trpc.scheduling.slots.query({ matchId, from: from.toISOString(), to: to.toISOString(), viewerTimeZone });
}

export const bookSession = (matchId: string, start: string) => trpc.scheduling.book.mutate({ matchId, start });
