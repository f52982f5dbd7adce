import { Navigate, useLocation } from "@solidjs/router";
import { type Accessor, type JSX, Match, Switch } from "solid-js";
import { RetryAlert } from "../components/ui/alert";
import { LoadingBlock } from "../components/ui/spinner";
import { errorMessage } from "../lib/errors";
import { type Me, useMe } from "../lib/session";

/**
 * Renders its children only for a signed-in person; otherwise sends them to sign in (and back afterwards).
 * With `onboarded`, someone who has not finished the first-sign-in wizard is sent to /welcome first.
 */
export function SessionGate(props: { onboarded?: boolean; children: (me: Accessor<Me>) => JSX.Element }) {
  const me = useMe();
  const location = useLocation();
  const signInHref = () => {
    const here = location.pathname + location.search;
    return here === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`;
  };
  return (
    <Switch>
      <Match when={me.isPending}>
        <div class="flex min-h-dvh items-center justify-center">
          <LoadingBlock />
        </div>
      </Match>
      <Match when={me.isError && me.data === undefined}>
        <div class="mx-auto max-w-md px-4 py-16">
          <RetryAlert title="We could not load your account" message={errorMessage(me.error)} onRetry={() => me.refetch()} />
        </div>
      </Match>
      <Match when={me.data === null}>
        <Navigate href={signInHref()} />
      </Match>
      <Match when={props.onboarded && me.data && !me.data.onboarded}>
        <Navigate href="/welcome" />
      </Match>
      <Match when={me.data}>{(m) => props.children(m)}</Match>
    </Switch>
  );
}
