import { MutationCache, QueryCache, QueryClient } from "@tanstack/solid-query";
import { appCodeOf } from "./errors";
import { queryKeys } from "./query-keys";

/** Codes that will not change by asking again. */
const finalCodes = new Set(["VALIDATION", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "CONFLICT", "RATE_LIMITED"]);

/** A session that ended elsewhere (sign-out everywhere, suspension): refresh who we are so the guards redirect. */
function onError(err: unknown) {
  if (appCodeOf(err) === "UNAUTHENTICATED") void queryClient.invalidateQueries({ queryKey: queryKeys.me });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failureCount, err) => !finalCodes.has(appCodeOf(err) ?? "") && failureCount < 2,
    },
    mutations: { retry: false },
  },
});
