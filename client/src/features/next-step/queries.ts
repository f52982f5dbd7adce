import { queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type NextStep = RouterOutputs["nextStep"]["mine"][number];

export const nextStepQueries = {
  /** Every program's step (Home), or one program's (its overview page): the server works out the state once. */
  mine: (programId?: string) =>
    queryOptions({
      queryKey: [...queryKeys.nextSteps, programId ?? "all"] as const,
      queryFn: () => trpc.nextStep.mine.query(programId ? { programId } : {}),
    }),
};
