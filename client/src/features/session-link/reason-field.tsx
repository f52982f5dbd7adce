import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import type { FormErrors } from "../../lib/form";

/**
 * The reason both link forms ask for, required by the shared schema. A refusal that is not about the reason (the
 * session changed meanwhile, the time was taken) is shown under it, since these forms have no other field to
 * attach it to. Its error shows once the field was left or a submit was tried, and follows what is typed.
 */
export function ReasonField(props: {
  label: string;
  description?: string;
  value: string;
  onInput: (value: string) => void;
  errors: FormErrors;
}) {
  return (
    <>
      <RequiredFieldsNote />
      <TextField
        label={props.label}
        description={props.description}
        rows={3}
        value={props.value}
        onInput={props.onInput}
        onBlur={() => props.errors.touch("reason")}
        error={props.errors.field("reason")}
        maxLength={500}
        required
      />
      <Show when={props.errors.summary() && !props.errors.field("reason")}>
        <Alert tone="error">{props.errors.summary()}</Alert>
      </Show>
    </>
  );
}
