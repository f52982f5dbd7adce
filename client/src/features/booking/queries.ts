import type { ProposeInput, SeriesInput } from "@shared/modules/scheduling/scheduling.schema";
import { displayTimeZone } from "../../lib/time-zone";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type BookableMatch = RouterOutputs["scheduling"]["myMatches"][number];
export type SlotsPage = RouterOutputs["scheduling"]["slots"];
export type Slot = SlotsPage["slots"][number];
export type BookedSession = RouterOutputs["scheduling"]["book"];
export type SeriesPreview = RouterOutputs["scheduling"]["previewSeries"];
export type SeriesBooked = RouterOutputs["scheduling"]["bookSeries"];
export type Pending = RouterOutputs["scheduling"]["pending"];
export type Proposal = Pending["proposals"][number];
export type RequestedSession = Pending["requested"][number];
export type Frequency = SeriesInput["frequency"];

/** The viewer's profile zone: the calendar draws slots in it, so the server writes "your time" in it too. */
const viewerTimeZone = () => displayTimeZone();

export const bookingKeys = {
  root: ["scheduling", "booking"] as const,
  myMatches: ["scheduling", "booking", "myMatches"] as const,
  pending: (matchId: string) => ["scheduling", "booking", "pending", matchId] as const,
  seriesPreview: (input: Omit<SeriesInput, "viewerTimeZone">) => ["scheduling", "booking", "seriesPreview", input] as const,
};

export const bookingQueries = {
  myMatches: () => ({ queryKey: bookingKeys.myMatches, queryFn: () => trpc.scheduling.myMatches.query() }),
  pending: (matchId: string) => ({
    queryKey: bookingKeys.pending(matchId),
    queryFn: () => trpc.scheduling.pending.query({ matchId, viewerTimeZone: viewerTimeZone() }),
  }),
  seriesPreview: (input: Omit<SeriesInput, "viewerTimeZone">) => ({
    queryKey: bookingKeys.seriesPreview(input),
    queryFn: () => trpc.scheduling.previewSeries.query({ ...input, viewerTimeZone: viewerTimeZone() }),
  }),
};

/** The free slots in [from, to): what the booking calendar's function source asks for each visible range. */
export function fetchSlots(matchId: string, from: Date, to: Date): Promise<SlotsPage> {
  return trpc.scheduling.slots.query({ matchId, from: from.toISOString(), to: to.toISOString(), viewerTimeZone: viewerTimeZone() });
}

export const bookSession = (matchId: string, start: string) => trpc.scheduling.book.mutate({ matchId, start });
export const bookSeries = (input: Omit<SeriesInput, "viewerTimeZone">) =>
  trpc.scheduling.bookSeries.mutate({ ...input, viewerTimeZone: viewerTimeZone() });
export const proposeTimes = (input: ProposeInput) => trpc.scheduling.propose.mutate(input);
export const acceptProposal = (proposalId: string, start: string) => trpc.scheduling.acceptProposal.mutate({ proposalId, start });
export const declineProposal = (proposalId: string) => trpc.scheduling.declineProposal.mutate({ proposalId });
export const confirmRequest = (sessionId: string) => trpc.scheduling.confirm.mutate({ sessionId });
export const declineRequest = (sessionId: string, reason: string) => trpc.scheduling.decline.mutate({ sessionId, reason });
