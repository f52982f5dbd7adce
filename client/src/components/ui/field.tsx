import { type JSX, Show } from "solid-js";

/** Shared pieces of every form control: the ids that wire label, description and error together. */
export function describedBy(id: string, description: unknown, error: unknown): string | undefined {
  const ids = [description ? `${id}-description` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/**
 * The label of one control with its required / optional marker: the one place that draws it. The "*" sits
 * beside the label (not inside it) and is hidden from assistive technology, which hears "required" from the
 * control's own `required` / `aria-required` instead, so the label text stays the field's plain name.
 */
export function FieldLabel(props: { for: string; required?: boolean | undefined; hidden?: boolean; children: JSX.Element }) {
  return (
    <div class={props.hidden ? "sr-only" : "flex items-baseline gap-1"}>
      <label for={props.for} class={props.hidden ? "" : "text-sm font-medium text-slate-800"}>
        {props.children}
        <Show when={props.required === false}>
          <span class="font-normal text-slate-500"> (optional)</span>
        </Show>
      </label>
      <Show when={props.required}>
        <RequiredMark />
      </Show>
    </div>
  );
}

/** The visible required marker for a label or legend; announced by the control (or a group's sr-only text). */
export function RequiredMark() {
  return (
    <span aria-hidden="true" data-required-marker class="text-sm font-semibold text-red-700">
      *
    </span>
  );
}

/** A group of controls (a fieldset) is required: its legend says so in words for screen readers too. */
export function RequiredLegendText() {
  return (
    <>
      <RequiredMark />
      <span class="sr-only"> (required)</span>
    </>
  );
}

/** Said once at the top of a form that has required fields, so the "*" needs no guessing (read aloud as "star"). */
export function RequiredFieldsNote(props: { class?: string }) {
  return (
    <p class={`text-sm text-slate-600 ${props.class ?? ""}`}>
      Fields marked <span class="font-semibold text-red-700">*</span> are required.
    </p>
  );
}

/**
 * Whether leaving a field should start showing its errors. Not when focus moves to a button: that is nearly always
 * a press on it, and an error appearing first would push the button away under the pointer, losing the press.
 * The button's own action (Next, Save) validates anyway.
 */
export function countsAsLeaving(e: FocusEvent): boolean {
  const next = e.relatedTarget;
  return !(next instanceof Element && next.closest("button"));
}

export function FieldDescription(props: { id: string; children: JSX.Element }) {
  return (
    <p id={`${props.id}-description`} class="text-sm text-slate-500">
      {props.children}
    </p>
  );
}

export function FieldError(props: { id: string; error?: string | undefined }) {
  return (
    <Show when={props.error}>
      <p id={`${props.id}-error`} class="flex items-start gap-1 text-sm font-medium text-red-700">
        <svg class="mt-0.5 size-4 shrink-0" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path
            fill-rule="evenodd"
            d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            clip-rule="evenodd"
          />
        </svg>
        <span>{props.error}</span>
      </p>
    </Show>
  );
}

export const controlClass = (invalid: boolean) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600 disabled:bg-slate-100 disabled:text-slate-500 sm:text-sm ${
    invalid ? "border-red-500" : "border-slate-300"
  }`;
