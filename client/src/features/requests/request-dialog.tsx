import { MESSAGE_MAX, requestMentorInput } from "@shared/modules/request/request.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { queryClient } from "../../lib/query-client";
import { trpc } from "../../lib/trpc";
import { requestKeys } from "./queries";

/** Asks one mentor, with an optional message; shows how many of the allowed open requests are in use. */
export function RequestDialog(props: {
  programId: string;
  mentor: { userId: string; name: string } | null;
  openRequests: number;
  openRequestLimit: number;
  onClose: () => void;
}) {
  const [message, setMessage] = createSignal("");
  // The "Request mentor" button that opened the dialog turns into "Request sent to ..." once it is sent, so focus
  // goes to that message (find-mentor.tsx marks it with data-request-sent) instead of being lost.
  let sentTo: string | null = null;
  const errors = createFormErrors();
  const send = createMutation(() => ({
    mutationFn: (input: { programId: string; mentorId: string; message: string }) => trpc.request.create.mutate(input),
    onSuccess: async (_data, input) => {
      sentTo = input.mentorId;
      await queryClient.invalidateQueries({ queryKey: requestKeys.root });
      setMessage("");
      props.onClose();
    },
    onError: (err) => errors.fromServer(err, (path) => path === "message"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const mentor = props.mentor;
    if (!mentor) return;
    errors.clear();
    const input = errors.parse(
      requestMentorInput,
      { programId: props.programId, mentorId: mentor.userId, message: message() },
      {
        shown: (path) => path === "message",
      },
    );
    if (input) send.mutate(input);
  }

  return (
    <Dialog
      open={props.mentor !== null}
      onOpenChange={(open) => {
        if (!open) {
          errors.clear();
          props.onClose();
        }
      }}
      returnFocus={() => (sentTo ? document.querySelector<HTMLElement>(`[data-request-sent="${sentTo}"]`) : null)}
      title={`Ask ${props.mentor?.name ?? ""} to mentor you`}
      description={`${props.openRequests} of ${props.openRequestLimit} open requests in use. The mentor has a few days to answer.`}
    >
      <form id="request-form" onSubmit={submit} class="flex flex-col gap-4" novalidate>
        <Show when={errors.summary() && !errors.field("message")}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <TextField
          label="Message to the mentor"
          required={false}
          rows={5}
          value={message()}
          onInput={(v) => {
            setMessage(v);
            errors.clearField("message");
          }}
          error={errors.field("message")}
          description={`${message().length} / ${MESSAGE_MAX.toLocaleString()} characters. Say what you hope to learn.`}
        />
        <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => props.onClose()}>
            Cancel
          </Button>
          <Button type="submit" loading={send.isPending}>
            Send request
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
