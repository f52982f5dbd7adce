import { type JSX, Show } from "solid-js";

/** The page's single h1, with an optional line of context and actions. */
export function PageHeader(props: { title: JSX.Element; description?: JSX.Element; actions?: JSX.Element }) {
  return (
    <div class="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div class="min-w-0">
        <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{props.title}</h1>
        <Show when={props.description}>
          <p class="mt-1 text-sm text-slate-600">{props.description}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="flex flex-wrap gap-2">{props.actions}</div>
      </Show>
    </div>
  );
}
