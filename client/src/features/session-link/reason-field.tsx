import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { TextField } from "../../components/ui/text-field";
import type { createFormErrors } from "../../lib/form";

/**
 * The reason both link forms ask for. A refusal that is not about the reason (the session changed meanwhile, the
 * time was taken) is shown under it, since these forms have no other field to attach it to.
 */
export function ReasonField(props: {
  label: string;
  description?: string;
  value: string;
  onInput: (value: string) => void;
  errors: ReturnType<typeof createFormErrors>;
}) {
  return (
    <>
      <TextField
        label={props.label}
        description={props.description}
        rows={3}
        value={props.value}
        onInput={(v) => {
          props.onInput(v);
          props.errors.clearField("reason");
        }}
        error={props.errors.field("reason")}
        maxLength={500}
      />
      <Show when={props.errors.summary() && !props.errors.field("reason")}>
        <Alert tone="error">{props.errors.summary()}</Alert>
      </Show>
    </>
  );
}
