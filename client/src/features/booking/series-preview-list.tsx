import { For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { LoadingBlock } from "../../components/ui/spinner";
import { plural } from "../../lib/plural";
import type { SeriesPreview } from "./queries";

/** Every date of a series before booking: free, or the rule that blocks it (those dates are not booked). */
export function SeriesPreviewList(props: { pending: boolean; error: string | null; occurrences: SeriesPreview["occurrences"] }) {
  const blocked = () => props.occurrences.filter((o) => o.conflict).length;
  return (
    <div class="flex flex-col gap-2">
      <Show when={props.pending && !props.error}>
        <LoadingBlock label="Checking each date…" />
      </Show>
      <Show when={props.error}>{(message) => <Alert tone="error">{message()}</Alert>}</Show>
      <Show when={props.occurrences.length > 0}>
        <p class="text-sm text-slate-700">
          <Show when={blocked() > 0} fallback="Every date is free.">
            {blocked()} of {plural(props.occurrences.length, "date")} cannot be booked and will be left out; the others are booked together.
          </Show>
        </p>
        <ul aria-label="Dates in this series" class="flex max-h-56 flex-col gap-1 overflow-y-auto text-sm">
          <For each={props.occurrences}>
            {(o) => (
              <li class={o.conflict ? "text-red-800" : "text-slate-900"}>
                <span class="font-medium">{o.viewerLocal}</span>
                {o.conflict ? `: not bookable. ${o.conflict.message}` : ": free"}
                <Show when={o.note}>
                  <span class="block text-slate-600">{o.note}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
