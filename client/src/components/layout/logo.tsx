import { A } from "@solidjs/router";
import { appName } from "../../lib/title";

/** `compact` hides the name on very narrow screens (it stays the link's accessible name). */
export function Logo(props: { href?: string; compact?: boolean }) {
  return (
    <A
      href={props.href ?? "/"}
      class="inline-flex items-center gap-2 rounded-md text-base font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <svg class="size-7" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <path d="M8 22V10l8 7 8-7v12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <span class={props.compact ? "max-[419px]:sr-only" : ""}>{appName}</span>
    </A>
  );
}
