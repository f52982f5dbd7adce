import type { AuditInput, PairInput } from "@shared/modules/match/match.schema";
import { queryOptions } from "@tanstack/solid-query";
import { queryClient } from "../../lib/query-client";
import { type RouterOutputs, trpc } from "../../lib/trpc";

/** Every board and match query lives under this root, so one invalidation refreshes them all. */
export const matchRoot = ["match"] as const;

export type Board = RouterOutputs["match"]["board"];
export type BoardRequest = Board["requests"][number];
export type LiveMatch = Board["liveMatches"][number];
export type Suggestion = RouterOutputs["match"]["suggestions"][number];
export type PairPreview = RouterOutputs["match"]["previewPair"];
export type MatchPage = RouterOutputs["match"]["get"];
export type Score = PairPreview["score"];
export type MatchStatus = LiveMatch["status"];

export const boardQueries = {
  board: (programId: string) =>
    queryOptions({ queryKey: [...matchRoot, "board", programId] as const, queryFn: () => trpc.match.board.query({ programId }) }),
  suggestions: (programId: string) =>
    queryOptions({
      queryKey: [...matchRoot, "suggestions", programId] as const,
      queryFn: () => trpc.match.suggestions.query({ programId }),
    }),
  neverPairs: (programId: string) =>
    queryOptions({
      queryKey: [...matchRoot, "neverPairs", programId] as const,
      queryFn: () => trpc.match.neverPairs.query({ programId }),
    }),
  audit: (input: AuditInput) =>
    queryOptions({ queryKey: [...matchRoot, "audit", input] as const, queryFn: () => trpc.match.audit.query(input) }),
  preview: (input: PairInput) =>
    queryOptions({ queryKey: [...matchRoot, "preview", input] as const, queryFn: () => trpc.match.previewPair.query(input), retry: false }),
  get: (matchId: string) =>
    queryOptions({ queryKey: [...matchRoot, "get", matchId] as const, queryFn: () => trpc.match.get.query({ matchId }), retry: false }),
  mine: (programId: string) =>
    queryOptions({ queryKey: [...matchRoot, "mine", programId] as const, queryFn: () => trpc.match.mine.query({ programId }) }),
};

/** After any change on the board: the server is the source of truth, so refetch everything under the root. */
export function refreshBoard() {
  return queryClient.invalidateQueries({ queryKey: matchRoot });
}

export const statusLabels: Record<MatchStatus, string> = { active: "Active", paused: "Paused", completed: "Completed", ended: "Ended" };
export const statusTones = { active: "green", paused: "amber", completed: "indigo", ended: "neutral" } as const;
export const sourceLabels: Record<string, string> = {
  request: "Mentee request",
  reviewed: "Approved suggestion",
  manual: "Matched by a coordinator",
  cohort: "Cohort matching",
};
export const criterionLabels: Record<string, string> = {
  skills: "Skills",
  availability: "Availability",
  communication: "Communication",
  capacity: "Mentor capacity",
};

/** "3 h", "2 d 4 h": the age of a request at a glance. */
export function formatAge(hours: number): string {
  if (hours < 1) return "under 1 h";
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}
