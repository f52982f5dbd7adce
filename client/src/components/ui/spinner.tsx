import { Show } from "solid-js";

/** A spinning ring. `label` is read by screen readers; pass "" when the surrounding text already says it. */
export function Spinner(props: { size?: "sm" | "md" | "lg"; label?: string; class?: string }) {
  const size = () => ({ sm: "size-4", md: "size-6", lg: "size-8" })[props.size ?? "md"];
  const label = () => props.label ?? "Loading…";
  return (
    <span class={`inline-flex items-center ${props.class ?? ""}`} role={label() ? "status" : undefined}>
      <svg class={`${size()} animate-spin`} viewBox="0 0 24 24" fill="none" aria-hidden="true">
        <circle cx="12" cy="12" r="10" stroke="currentColor" stroke-opacity="0.25" stroke-width="4" />
        <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
      </svg>
      <Show when={label()}>
        <span class="sr-only">{label()}</span>
      </Show>
    </span>
  );
}

/** A centered spinner for a page or card that is loading. */
export function LoadingBlock(props: { label?: string }) {
  return (
    <div class="flex justify-center py-10 text-indigo-600">
      <Spinner size="lg" label={props.label ?? "Loading…"} />
    </div>
  );
}
