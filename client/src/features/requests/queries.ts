import { keepPreviousData, queryOptions } from "@tanstack/solid-query";
import { type RouterInputs, type RouterOutputs, trpc } from "../../lib/trpc";

/**
 * Every request query sits under this root so one invalidation (after a change, or a live
 * request:changed / match:changed signal) refreshes all of them.
 */
export const requestKeys = { root: ["request"] as const };

export type Suggestions = RouterOutputs["request"]["suggestions"];
export type Suggestion = Suggestions["suggestions"][number];
export type BrowseResult = RouterOutputs["request"]["browse"];
export type BrowseItem = BrowseResult["items"][number];
export type BrowseFilters = Omit<RouterInputs["request"]["browse"], "programId">;
export type RequestView = RouterOutputs["request"]["get"];
export type MentorCardView = Suggestion["mentor"];

export const requestQueries = {
  suggestions: (programId: string) =>
    queryOptions({
      queryKey: [...requestKeys.root, "suggestions", programId] as const,
      queryFn: () => trpc.request.suggestions.query({ programId }),
    }),
  browse: (programId: string, filters: BrowseFilters) =>
    queryOptions({
      queryKey: [...requestKeys.root, "browse", programId, filters] as const,
      queryFn: () => trpc.request.browse.query({ programId, ...filters }),
      placeholderData: keepPreviousData,
    }),
  mine: (programId: string) =>
    queryOptions({ queryKey: [...requestKeys.root, "mine", programId] as const, queryFn: () => trpc.request.mine.query({ programId }) }),
  /** Whether the mentor has any bookable hours (weekly, or extra hours on a date): the step after accepting. */
  myBookableHours: () =>
    queryOptions({
      queryKey: [...requestKeys.root, "myBookableHours"] as const,
      queryFn: async () => {
        const a = await trpc.scheduling.myAvailability.query();
        return a.weekly.length > 0 || a.overrides.some((o) => o.kind !== "blocked" && o.windows.length > 0);
      },
    }),
  incoming: (programId: string) =>
    queryOptions({
      queryKey: [...requestKeys.root, "incoming", programId] as const,
      queryFn: () => trpc.request.incoming.query({ programId }),
    }),
};

export const statusLabels: Record<RequestView["status"], string> = {
  pending: "Waiting for an answer",
  needs_info: "Mentor asked a question",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

export const statusTones = {
  pending: "indigo",
  needs_info: "amber",
  accepted: "green",
  declined: "red",
  expired: "neutral",
  withdrawn: "neutral",
} as const;

export const criterionLabels: Record<string, string> = {
  skills: "Skills",
  availability: "Availability overlap",
  communication: "Ways to meet",
  capacity: "Free places",
};

export const eventLabels: Record<string, string> = {
  created: "Request sent",
  asked: "Question from the mentor",
  answered: "Answer from the mentee",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired without an answer",
  reminded: "Reminder sent to the mentor",
};
