import { createMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { errorMessage } from "../../lib/errors";
import { type BookedSession, bookSession, type Slot } from "./queries";
import { otherTimeOf } from "./slot-calendar";

export type BookingResult = { kind: "single"; session: BookedSession; slot: Slot };

/** "Confirm booking": the chosen time in both zones and the "Book session" button. */
export function ConfirmBookingDialog(props: {
  matchId: string;
  partnerName: string;
  slot: Slot | null;
  onClose: () => void;
  onBooked: (result: BookingResult) => void;
}) {
  const book = createMutation(() => ({
    mutationFn: (slot: Slot) => bookSession(props.matchId, slot.start).then((session) => ({ session, slot })),
    onSuccess: ({ session, slot }: { session: BookedSession; slot: Slot }) => props.onBooked({ kind: "single", session, slot }),
  }));

  const close = () => {
    book.reset();
    props.onClose();
  };

  return (
    <Dialog
      open={props.slot !== null}
      onOpenChange={(open) => !open && close()}
      title="Confirm booking"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button loading={book.isPending} onClick={() => props.slot && book.mutate(props.slot)}>
            Book session
          </Button>
        </>
      }
    >
      <Show when={props.slot}>
        {(slot) => (
          <div class="flex flex-col gap-4">
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt class="font-medium text-slate-600">Your time</dt>
              <dd class="text-slate-900">{slot().viewerLocal}</dd>
              <Show when={otherTimeOf(slot())}>
                {(other) => (
                  <>
                    <dt class="font-medium text-slate-600">{props.partnerName}'s time</dt>
                    <dd class="text-slate-900">{other()}</dd>
                  </>
                )}
              </Show>
            </dl>
            <Show when={book.isError}>
              <Alert tone="error">{errorMessage(book.error)}</Alert>
            </Show>
          </div>
        )}
      </Show>
    </Dialog>
  );
}
