import { sessionLinkCancelInput } from "@shared/modules/session-link/session-link.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { createFormErrors, focusFirstInvalid, issuesOf } from "../../lib/form";
import { cancelByLink, type SessionLinkView } from "./queries";
import { ReasonField } from "./reason-field";

/** "Cancel this session" with a reason; a cancellation inside the notice is allowed and said to be late. */
export function CancelByLink(props: { token: string; view: SessionLinkView; onCancelled: (late: boolean) => void }) {
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors();
  const shown = (path: string) => path === "reason";
  errors.live(() => issuesOf(sessionLinkCancelInput, { token: props.token, reason: reason() }), { shown });
  let form: HTMLFormElement | undefined;
  const cancel = createMutation(() => ({
    mutationFn: cancelByLink,
    onSuccess: (result) => props.onCancelled(result.lateCancellation),
    onError: (err) => errors.fromServer(err, (path) => path === "reason"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const input = errors.parse(sessionLinkCancelInput, { token: props.token, reason: reason() }, { shown });
    if (input) cancel.mutate(input);
    else focusFirstInvalid(form);
  }

  return (
    <section aria-labelledby="cancel-session" class="flex flex-col gap-4">
      <h2 id="cancel-session" class="text-lg font-semibold text-slate-900">
        Cancel this session
      </h2>
      <form ref={form} class="flex flex-col gap-3" onSubmit={submit} noValidate>
        <Show when={props.view.isInsideNotice}>
          <Alert tone="warning">
            The session starts within the program's {props.view.noticeHours}-hour notice. You can still cancel, but it will be recorded as a
            late cancellation.
          </Alert>
        </Show>
        <ReasonField
          label="Why are you cancelling?"
          description={`${props.view.otherName} will see your reason.`}
          value={reason()}
          onInput={setReason}
          errors={errors}
        />
        <Button type="submit" variant="danger" class="self-start" loading={cancel.isPending}>
          Cancel session
        </Button>
      </form>
    </section>
  );
}
