import { createQuery, queryOptions } from "@tanstack/solid-query";
import { queryClient } from "./query-client";
import { queryKeys } from "./query-keys";
import { type RouterOutputs, trpc } from "./trpc";

/**
 * Who is signed in. Shared by the route guards, the app shell, the socket and every feature that needs the
 * current person, so it lives in lib rather than in one feature.
 */
export const sessionQueries = {
  me: () =>
    queryOptions({
      queryKey: queryKeys.me,
      queryFn: () => trpc.auth.me.query(),
      staleTime: 60_000,
    }),
  providers: () =>
    queryOptions({
      queryKey: ["auth", "providers"] as const,
      queryFn: () => trpc.auth.providers.query(),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

export function useMe() {
  return createQuery(() => sessionQueries.me());
}

export function useProviders() {
  return createQuery(() => sessionQueries.providers());
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

export type Me = NonNullable<RouterOutputs["auth"]["me"]>;

/**
 * Forgets everything cached for the previous person and loads who is signed in now. Used after sign-in,
 * sign-up and sign-out so no data of one account is ever shown to another.
 */
export async function refreshSession(): Promise<Me | null> {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "auth" || q.queryKey[1] !== "providers" });
  return queryClient.fetchQuery(sessionQueries.me());
}

/** Only same-site paths are accepted as a place to return to after signing in. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return next;
}
