import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, Match, Show, Switch } from "solid-js";
import { buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { profileQueries } from "./queries";

export function CompletenessBar(props: { percent: number; label?: string }) {
  return (
    <div
      role="progressbar"
      aria-label={props.label ?? "Profile completeness"}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={props.percent}
      class="h-2 w-full overflow-hidden rounded-full bg-slate-100"
    >
      <div
        class={`h-full rounded-full ${props.percent >= 100 ? "bg-emerald-500" : "bg-indigo-600"}`}
        style={{ width: `${props.percent}%` }}
      />
    </div>
  );
}

/** Home card: how complete my profile is and what is missing. */
export function CompletenessCard() {
  const mine = createQuery(() => profileQueries.mine());
  return (
    <Card title="Your profile">
      <Switch>
        <Match when={mine.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={mine.isError}>
          <p class="text-sm text-red-700">{errorMessage(mine.error)}</p>
        </Match>
        <Match when={mine.data}>
          {(p) => (
            <div class="flex flex-col gap-4">
              <div class="flex items-baseline justify-between">
                <p class="text-sm text-slate-600">Profile completeness</p>
                <p class="text-2xl font-semibold text-slate-900">{p().completeness.percent}%</p>
              </div>
              <CompletenessBar percent={p().completeness.percent} />
              <Show
                when={p().completeness.missing.length > 0}
                fallback={<p class="text-sm text-emerald-700">Your profile is complete. Nice work.</p>}
              >
                <div>
                  <p class="text-sm font-medium text-slate-800">Still missing:</p>
                  <ul class="mt-1 list-inside list-disc text-sm text-slate-600">
                    <For each={p().completeness.missing}>{(m) => <li>{m.charAt(0).toUpperCase() + m.slice(1)}</li>}</For>
                  </ul>
                </div>
              </Show>
              <A href="/profile" class={buttonClass("secondary", "sm", "self-start")}>
                Complete your profile
              </A>
            </div>
          )}
        </Match>
      </Switch>
    </Card>
  );
}
