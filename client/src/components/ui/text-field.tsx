import { createUniqueId, type JSX, Match, Show, Switch } from "solid-js";
import { controlClass, countsAsLeaving, describedBy, FieldDescription, FieldError, FieldLabel } from "./field";

export type TextFieldProps = {
  label: string;
  value: string;
  onInput: (value: string) => void;
  name?: string;
  type?: "text" | "email" | "password" | "tel" | "url" | "number" | "date" | "time" | "search";
  error?: string | undefined;
  description?: JSX.Element;
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  inputMode?: "text" | "email" | "tel" | "numeric" | "decimal" | "search" | "url";
  disabled?: boolean;
  /** A textarea with this many rows instead of an input. */
  rows?: number;
  min?: number;
  max?: number;
  maxLength?: number;
  class?: string;
  /** Hides the label visually (still read by screen readers); use only where a visible heading labels the field. */
  labelHidden?: boolean;
  id?: string;
  /** Marks the control invalid because of an error shown elsewhere (a group's), whose element id is given here. */
  groupErrorId?: string | undefined;
  /** Leaving the field: forms that validate as people type start showing its errors from here. */
  onBlur?: () => void;
};

/** A labelled input with an optional description and error, wired with aria-describedby / aria-invalid. */
export function TextField(props: TextFieldProps) {
  const generated = createUniqueId();
  const id = () => props.id ?? `field-${generated}`;
  const common = () => ({
    id: id(),
    name: props.name,
    required: props.required,
    "aria-required": props.required ? ("true" as const) : undefined,
    onBlur: (e: FocusEvent) => {
      if (countsAsLeaving(e)) props.onBlur?.();
    },
    disabled: props.disabled,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    "aria-invalid": props.error || props.groupErrorId ? ("true" as const) : undefined,
    "aria-describedby": [describedBy(id(), props.description, props.error), props.groupErrorId].filter(Boolean).join(" ") || undefined,
    class: controlClass(!!props.error || !!props.groupErrorId),
  });
  return (
    <div class={`flex flex-col gap-1.5 ${props.class ?? ""}`}>
      <FieldLabel for={id()} required={props.required} hidden={props.labelHidden}>
        {props.label}
      </FieldLabel>
      <Switch>
        <Match when={props.rows}>
          <textarea {...common()} rows={props.rows} value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} />
        </Match>
        <Match when={!props.rows}>
          <input
            {...common()}
            type={props.type ?? "text"}
            autocomplete={props.autocomplete}
            inputMode={props.inputMode}
            min={props.min}
            max={props.max}
            value={props.value}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        </Match>
      </Switch>
      <Show when={props.description}>
        <FieldDescription id={id()}>{props.description}</FieldDescription>
      </Show>
      <FieldError id={id()} error={props.error} />
    </div>
  );
}
