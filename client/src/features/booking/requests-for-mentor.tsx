import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { errorMessage, fieldErrorsOf } from "../../lib/errors";
import { bookingKeys, confirmRequest, declineRequest, type RequestedSession } from "./queries";
import { otherTimeOf } from "./slot-calendar";

/**
 * The mentor's answers to the mentee's requested sessions: confirm, decline with a reason, or propose other
 * times (picked in the slot calendar below).
 */
export function RequestsForMentor(props: {
  matchId: string;
  menteeName: string;
  requested: RequestedSession[];
  onPropose: (session: RequestedSession) => void;
}) {
  const queryClient = useQueryClient();
  const [declining, setDeclining] = createSignal<RequestedSession | null>(null);
  const [reason, setReason] = createSignal("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: bookingKeys.pending(props.matchId) });

  const confirm = createMutation(() => ({ mutationFn: (id: string) => confirmRequest(id), onSuccess: refresh }));
  const decline = createMutation(() => ({
    mutationFn: (input: { id: string; reason: string }) => declineRequest(input.id, input.reason),
    onSuccess: () => {
      setDeclining(null);
      setReason("");
      return refresh();
    },
  }));

  return (
    <Show when={props.requested.length > 0}>
      <Card title={`${props.menteeName} asked for`}>
        <ul class="flex flex-col gap-3">
          <For each={props.requested}>
            {(s) => (
              <li class="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                <div class="text-sm">
                  <p class="font-medium text-slate-900">{s.viewerLocal}</p>
                  <Show when={otherTimeOf(s)}>{(other) => <p class="text-slate-600">Their time: {other()}</p>}</Show>
                </div>
                <div class="flex flex-wrap gap-2">
                  <Button size="sm" loading={confirm.isPending && confirm.variables === s.id} onClick={() => confirm.mutate(s.id)}>
                    Confirm
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => props.onPropose(s)}>
                    Propose other times
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDeclining(s)}>
                    Decline
                  </Button>
                </div>
              </li>
            )}
          </For>
        </ul>
        <Show when={confirm.isError}>
          <Alert tone="error" class="mt-3">
            {errorMessage(confirm.error)}
          </Alert>
        </Show>
      </Card>
      <Dialog
        open={declining() !== null}
        onOpenChange={(open) => !open && setDeclining(null)}
        title="Decline the request"
        description={declining()?.viewerLocal}
        footer={
          <>
            <Button variant="secondary" onClick={() => setDeclining(null)}>
              Keep it
            </Button>
            <Button variant="danger" loading={decline.isPending} onClick={() => decline.mutate({ id: declining()!.id, reason: reason() })}>
              Decline
            </Button>
          </>
        }
      >
        <TextField
          label="Reason"
          rows={3}
          value={reason()}
          onInput={setReason}
          description={`${props.menteeName} reads this.`}
          error={fieldErrorsOf(decline.error).reason?.[0]}
        />
        <Show when={decline.isError && !fieldErrorsOf(decline.error).reason}>
          <Alert tone="error" class="mt-3">
            {errorMessage(decline.error)}
          </Alert>
        </Show>
      </Dialog>
    </Show>
  );
}
