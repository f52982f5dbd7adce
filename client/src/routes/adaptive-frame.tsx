import { A } from "@solidjs/router";
import { createEffect, type JSX, lazy, Match, Switch } from "solid-js";
import { Logo } from "../components/layout/logo";
import { LoadingBlock } from "../components/ui/spinner";
import { useMe } from "../lib/session";
import { setDisplayTimeZone } from "../lib/time-zone";
import { MeContext } from "./me-context";

const AppShell = lazy(() => import("./app-shell"));

/**
 * For pages anyone may open (dev mailbox, 404): inside the app shell for a signed-in, onboarded person,
 * otherwise in a light public frame (someone who just signed up reads their verification mail here).
 */
export function AdaptiveFrame(props: { children: JSX.Element }) {
  const me = useMe();
  // Opened directly (a link in an email to the dev mailbox), no signed-in layout has set the zone: without this
  // the mailbox's times would read in the browser's zone, not the profile's like every other page.
  createEffect(() => {
    const tz = me.data?.timezone;
    if (tz) setDisplayTimeZone(tz);
  });
  return (
    <Switch
      fallback={
        <div class="flex min-h-dvh flex-col">
          <header class="border-b border-slate-200 bg-white">
            <div class="mx-auto flex h-14 max-w-6xl items-center justify-between px-4 sm:px-6">
              <Logo />
              <A href={me.data ? "/welcome" : "/sign-in"} class="text-sm font-medium text-indigo-700 hover:underline">
                {me.data ? "Set up your profile" : "Sign in"}
              </A>
            </div>
          </header>
          <main id="main" tabIndex={-1} class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
            {props.children}
          </main>
        </div>
      }
    >
      <Match when={me.isPending}>
        <LoadingBlock />
      </Match>
      <Match when={me.data?.onboarded ? me.data : undefined}>
        {(m) => (
          <MeContext.Provider value={m}>
            <AppShell me={m()}>{props.children}</AppShell>
          </MeContext.Provider>
        )}
      </Match>
    </Switch>
  );
}
