import { createUniqueId, type JSX, Show } from "solid-js";

/** A white panel. With `title` it becomes a labelled section with an h2 (or h3 via `headingLevel`). */
export function Card(props: {
  title?: string;
  description?: JSX.Element;
  actions?: JSX.Element;
  footer?: JSX.Element;
  children?: JSX.Element;
  class?: string;
  headingLevel?: 2 | 3;
  padded?: boolean;
}) {
  const headingId = `card-${createUniqueId()}`;
  return (
    <section
      aria-labelledby={props.title ? headingId : undefined}
      class={`flex flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200 ${props.class ?? ""}`}
    >
      <Show when={props.title || props.actions}>
        <div class="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-5 py-4">
          <div class="min-w-0">
            <Show when={props.title}>
              <Show
                when={props.headingLevel === 3}
                fallback={
                  <h2 id={headingId} class="text-base font-semibold text-slate-900">
                    {props.title}
                  </h2>
                }
              >
                <h3 id={headingId} class="text-base font-semibold text-slate-900">
                  {props.title}
                </h3>
              </Show>
            </Show>
            <Show when={props.description}>
              <p class="mt-0.5 text-sm text-slate-500">{props.description}</p>
            </Show>
          </div>
          <Show when={props.actions}>
            <div class="flex shrink-0 items-center gap-2">{props.actions}</div>
          </Show>
        </div>
      </Show>
      <div class={props.padded === false ? "flex-1" : "flex-1 px-5 py-4"}>{props.children}</div>
      <Show when={props.footer}>
        <div class="border-t border-slate-100 px-5 py-3 text-sm">{props.footer}</div>
      </Show>
    </section>
  );
}
