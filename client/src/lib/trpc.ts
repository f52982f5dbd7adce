import type { AppRouter } from "@shared/router";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";

/**
 * httpBatchLink, not httpBatchStreamLink: sign-in, sign-out and the sliding session refresh set cookies,
 * and a streamed response cannot set headers once it has begun.
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/trpc", transformer: superjson })],
});

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
