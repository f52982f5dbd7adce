import { createUniqueId, For, type JSX, Show } from "solid-js";
import { controlClass, countsAsLeaving, describedBy, FieldDescription, FieldError, FieldLabel } from "./field";

export type SelectOption = { value: string; label: string };

/** A native select: the most keyboard- and phone-friendly list picker there is. */
export function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  name?: string;
  error?: string | undefined;
  description?: JSX.Element;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  class?: string;
  /** Leaving the field: forms that validate as people type start showing its errors from here. */
  onBlur?: () => void;
  id?: string;
}) {
  const id = props.id ?? `select-${createUniqueId()}`;
  return (
    <div class={`flex flex-col gap-1.5 ${props.class ?? ""}`}>
      <FieldLabel for={id} required={props.required}>
        {props.label}
      </FieldLabel>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        disabled={props.disabled}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.description, props.error)}
        class={`${controlClass(!!props.error)} pr-8`}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        onBlur={(e) => {
          if (countsAsLeaving(e)) props.onBlur?.();
        }}
      >
        <Show when={props.placeholder !== undefined}>
          <option value="" disabled>
            {props.placeholder}
          </option>
        </Show>
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.description}>
        <FieldDescription id={id}>{props.description}</FieldDescription>
      </Show>
      <FieldError id={id} error={props.error} />
    </div>
  );
}
