import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, Match, Show, Switch } from "solid-js";
import { buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { adminQueries } from "./queries";

function Stat(props: { label: string; value: number; tone?: "red" | "amber" }) {
  const color = () =>
    props.value > 0 && props.tone === "red"
      ? "text-red-700"
      : props.value > 0 && props.tone === "amber"
        ? "text-amber-700"
        : "text-slate-900";
  return (
    <div class="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-100">
      <dt class="text-xs font-medium text-slate-500">{props.label}</dt>
      <dd class={`text-xl font-semibold ${color()}`}>{props.value.toLocaleString()}</dd>
    </div>
  );
}

/** Home card for platform admins; delivery counters refresh live on `delivery:changed`. */
export function AdminOverviewCard() {
  const overview = createQuery(() => adminQueries.overview());
  return (
    <Card title="Administration" description="Accounts and message deliveries across the platform.">
      <Switch>
        <Match when={overview.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={overview.isError}>
          <p class="text-sm text-red-700">{errorMessage(overview.error)}</p>
        </Match>
        <Match when={overview.data}>
          {(o) => (
            <div class="flex flex-col gap-4">
              <dl class="grid grid-cols-2 gap-2">
                <Stat label="Users" value={o().users} />
                <Stat label="Suspended" value={o().suspended} tone="amber" />
              </dl>
              <div>
                <h3 class="text-sm font-medium text-slate-800">Deliveries</h3>
                <dl class="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
                  <For
                    each={[
                      { label: "Pending", value: o().deliveries.pending },
                      { label: "Sent", value: o().deliveries.sent },
                      { label: "Failed", value: o().deliveries.failed, tone: "amber" as const },
                      { label: "Dead", value: o().deliveries.dead, tone: "red" as const },
                    ]}
                  >
                    {(s) => <Stat label={s.label} value={s.value} tone={s.tone} />}
                  </For>
                </dl>
              </div>
              <Show when={o().deliveries.failed + o().deliveries.dead > 0}>
                <p class="text-sm text-slate-600" aria-live="polite">
                  {o().deliveries.dead > 0
                    ? `${plural(o().deliveries.dead, "message")} could not be delivered and will not be retried automatically.`
                    : `${plural(o().deliveries.failed, "message")} failed and will be retried.`}
                </p>
              </Show>
              <div class="flex flex-wrap gap-2">
                <A href="/admin/users" class={buttonClass("secondary", "sm")}>
                  Manage users
                </A>
                <A href="/admin/deliveries?status=dead" class={buttonClass("secondary", "sm")}>
                  Dead deliveries
                  <Show when={o().deliveries.dead > 0}>
                    <span class="rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-700">{o().deliveries.dead}</span>
                  </Show>
                </A>
                <A href="/admin/deliveries" class={buttonClass("ghost", "sm")}>
                  Delivery log
                </A>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </Card>
  );
}
