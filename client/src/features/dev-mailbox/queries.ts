import { queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type DevMessage = RouterOutputs["devMailbox"]["list"]["messages"][number];

export const devMailboxQueries = {
  list: () =>
    queryOptions({
      queryKey: [...queryKeys.devMailbox, "list"] as const,
      queryFn: () => trpc.devMailbox.list.query({ limit: 50 }),
      // New mail shows up on its own while the page is open.
      refetchInterval: 3_000,
      staleTime: 0,
    }),
};
