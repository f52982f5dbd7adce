import { createUniqueId, type JSX, Show } from "solid-js";
import { describedBy, FieldDescription, FieldError } from "./field";

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  value?: string;
  description?: JSX.Element;
  error?: string | undefined;
  disabled?: boolean;
  class?: string;
}) {
  const id = `check-${createUniqueId()}`;
  return (
    <div class={`flex flex-col gap-1 ${props.class ?? ""}`}>
      <div class="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          name={props.name}
          value={props.value}
          checked={props.checked}
          disabled={props.disabled}
          aria-invalid={props.error ? "true" : undefined}
          aria-describedby={describedBy(id, props.description, props.error)}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
          class="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
        <label for={id} class="text-sm font-medium text-slate-800">
          {props.label}
        </label>
      </div>
      <div class="pl-7">
        <Show when={props.description}>
          <FieldDescription id={id}>{props.description}</FieldDescription>
        </Show>
        <FieldError id={id} error={props.error} />
      </div>
    </div>
  );
}
