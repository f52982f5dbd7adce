import { queryOptions } from "@tanstack/solid-query";
import { queryClient } from "../../lib/query-client";
import { type RouterOutputs, trpc } from "../../lib/trpc";

/** Every cohort query lives under this root, so one invalidation refreshes the run list and the open run. */
export const cohortRoot = ["cohort"] as const;

export type CohortRunSummary = RouterOutputs["cohort"]["runs"][number];
export type CohortRun = RouterOutputs["cohort"]["get"];
export type CohortPreview = NonNullable<CohortRun["preview"]>;
export type CohortPair = CohortPreview["pairs"][number];

export const cohortQueries = {
  runs: (programId: string) =>
    queryOptions({ queryKey: [...cohortRoot, "runs", programId] as const, queryFn: () => trpc.cohort.runs.query({ programId }) }),
  get: (runId: string) =>
    queryOptions({ queryKey: [...cohortRoot, "get", runId] as const, queryFn: () => trpc.cohort.get.query({ runId }), retry: false }),
};

export function refreshCohort() {
  return queryClient.invalidateQueries({ queryKey: cohortRoot });
}

export const runStatusLabels = {
  queued: "Waiting for the worker",
  running: "Running",
  done: "Preview ready",
  failed: "Failed",
  published: "Published",
  discarded: "Discarded",
} as const;

export const modeLabels = { "max-score": "Best total score", stable: "Stable" } as const;
