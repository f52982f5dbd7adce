import { MAX_PROPOSED_TIMES } from "@shared/modules/scheduling/scheduling.schema";
import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { TextField } from "../../components/ui/text-field";
import { errorMessage, fieldErrorsOf } from "../../lib/errors";
import { bookingKeys, proposeTimes, type Slot } from "./queries";

/**
 * The mentor picks up to three times in the slot calendar (each pick shows here, and turns green there), adds a
 * message and sends them; the mentee is told and picks one.
 */
export function ProposeTray(props: {
  matchId: string;
  menteeName: string;
  /** The requested session the times replace, with its time; null for a new session. */
  replaces: { id: string; label: string } | null;
  picked: Slot[];
  onRemove: (slot: Slot) => void;
  onDone: (sent: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = createSignal("");
  const send = createMutation(() => ({
    mutationFn: () =>
      proposeTimes({
        matchId: props.matchId,
        ...(props.replaces ? { sessionId: props.replaces.id } : {}),
        starts: props.picked.map((s) => s.start),
        message: message(),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: bookingKeys.pending(props.matchId) });
      props.onDone(true);
    },
  }));

  return (
    <Card title={props.replaces ? `Propose other times instead of ${props.replaces.label}` : `Propose times to ${props.menteeName}`}>
      <div class="flex flex-col gap-3 text-sm">
        <p class="text-slate-700" aria-live="polite">
          Choose up to {MAX_PROPOSED_TIMES} free times in the calendar below ({props.picked.length} chosen).
        </p>
        <Show when={props.picked.length > 0}>
          <ul aria-label="Times to propose" class="flex flex-col gap-2">
            <For each={props.picked}>
              {(slot) => (
                <li class="flex items-center justify-between gap-2">
                  <span class="font-medium text-slate-900">{slot.viewerLocal}</span>
                  <Button size="sm" variant="ghost" aria-label={`Remove ${slot.viewerLocal}`} onClick={() => props.onRemove(slot)}>
                    Remove
                  </Button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <TextField
          label="Message"
          required={false}
          rows={2}
          value={message()}
          onInput={setMessage}
          error={fieldErrorsOf(send.error).message?.[0]}
        />
        <Show when={send.isError}>
          <Alert tone="error">{errorMessage(send.error)}</Alert>
        </Show>
        <div class="flex flex-wrap gap-2">
          <Button disabled={props.picked.length === 0} loading={send.isPending} onClick={() => send.mutate()}>
            Send proposal
          </Button>
          <Button variant="secondary" onClick={() => props.onDone(false)}>
            Cancel
          </Button>
        </div>
      </div>
    </Card>
  );
}
