import { createSignal, Show } from "solid-js";

const fallbackClass = "inline-flex shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-700";
const sizes = { sm: "size-8 text-xs", md: "size-10 text-sm", lg: "size-16 text-lg", xl: "size-24 text-2xl" } as const;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** A round photo, or the person's initials when there is none (or it fails to load). Decorative by default. */
export function Avatar(props: { name: string; src?: string | null; size?: keyof typeof sizes; alt?: string; class?: string }) {
  const [failed, setFailed] = createSignal(false);
  const size = () => sizes[props.size ?? "md"];
  return (
    <Show
      when={props.src && !failed()}
      fallback={
        <Show
          when={props.alt}
          fallback={
            // Decorative initials are drawn by CSS, not written as text: inside a labelled control (the account
            // menu) text would count as its visible label, which the control's name does not contain (WCAG 2.5.3).
            <span
              aria-hidden="true"
              data-initials={initials(props.name)}
              class={`${fallbackClass} ${size()} before:content-[attr(data-initials)] ${props.class ?? ""}`}
            />
          }
        >
          <span role="img" aria-label={props.alt} class={`${fallbackClass} ${size()} ${props.class ?? ""}`}>
            {initials(props.name)}
          </span>
        </Show>
      }
    >
      <img
        src={props.src ?? ""}
        alt={props.alt ?? ""}
        onError={() => setFailed(true)}
        class={`shrink-0 rounded-full bg-slate-100 object-cover ${size()} ${props.class ?? ""}`}
      />
    </Show>
  );
}
