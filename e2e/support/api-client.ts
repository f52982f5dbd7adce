import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/router";
import { SimpleJar } from "./oidc";
import type { AppProcess } from "./server";

/** A tRPC client signed in as `email` (demo password by default), for setting a journey's stage. */
export async function apiAs(app: AppProcess, email: string, password = app.demoAccounts().password) {
  const jar = new SimpleJar();
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${app.url}/trpc`,
        transformer: superjson,
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          const cookie = jar.header();
          if (cookie) headers.set("cookie", cookie);
          const res = await fetch(input, { ...init, headers });
          jar.store(res.headers.getSetCookie());
          return res;
        },
      }),
    ],
  });
  await client.auth.signIn.mutate({ email, password });
  return client;
}
