import { MAX_SERIES_OCCURRENCES } from "@shared/modules/scheduling/scheduling.schema";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { errorMessage } from "../../lib/errors";
import { type BookedSession, bookingQueries, bookSeries, bookSession, type Frequency, type SeriesBooked, type Slot } from "./queries";
import { SeriesPreviewList } from "./series-preview-list";
import { otherTimeOf } from "./slot-calendar";

export type BookingResult = { kind: "single"; session: BookedSession; slot: Slot } | { kind: "series"; series: SeriesBooked };

const repeatOptions = [
  { value: "none", label: "Does not repeat" },
  { value: "weekly", label: "Every week" },
  { value: "fortnightly", label: "Every two weeks" },
  { value: "monthly", label: "Every month (same day)" },
];
const countOptions = Array.from({ length: MAX_SERIES_OCCURRENCES - 1 }, (_, i) => ({ value: String(i + 2), label: `${i + 2} sessions` }));

/**
 * "Confirm booking": the chosen time in both zones, an optional repeat (each date checked before booking) and the
 * "Book session" button.
 */
export function ConfirmBookingDialog(props: {
  matchId: string;
  partnerName: string;
  slot: Slot | null;
  onClose: () => void;
  onBooked: (result: BookingResult) => void;
  /** Where focus goes once booked (the result notice): the chosen time's button is gone by then. */
  resultFocus?: () => HTMLElement | null | undefined;
}) {
  let booked = false;
  const [repeat, setRepeat] = createSignal<"none" | Frequency>("none");
  const [count, setCount] = createSignal("4");
  const seriesInput = () => {
    const slot = props.slot;
    const frequency = repeat();
    return slot && frequency !== "none" ? { matchId: props.matchId, start: slot.start, frequency, occurrences: Number(count()) } : null;
  };
  const preview = createQuery(() => {
    const input = seriesInput();
    return {
      ...bookingQueries.seriesPreview(input ?? { matchId: props.matchId, start: "", frequency: "weekly", occurrences: 2 }),
      enabled: !!input,
    };
  });

  const book = createMutation(() => ({
    mutationFn: async (slot: Slot): Promise<BookingResult> => {
      const input = seriesInput();
      if (input) return { kind: "series", series: await bookSeries(input) };
      return { kind: "single", session: await bookSession(props.matchId, slot.start), slot };
    },
    onSuccess: (result: BookingResult) => {
      booked = true;
      setRepeat("none");
      props.onBooked(result);
    },
  }));

  const close = () => {
    book.reset();
    setRepeat("none");
    props.onClose();
  };

  return (
    <Dialog
      open={props.slot !== null}
      onOpenChange={(open) => !open && close()}
      title="Confirm booking"
      returnFocus={() => {
        const target = booked ? props.resultFocus?.() : null;
        booked = false;
        return target;
      }}
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
            <div class="grid gap-3 sm:grid-cols-2">
              <Select label="Repeat" value={repeat()} onChange={(v) => setRepeat(v as "none" | Frequency)} options={repeatOptions} />
              <Show when={repeat() !== "none"}>
                <Select label="How many" value={count()} onChange={setCount} options={countOptions} />
              </Show>
            </div>
            <Show when={repeat() !== "none"}>
              <SeriesPreviewList
                pending={preview.isPending}
                error={preview.isError ? errorMessage(preview.error) : null}
                occurrences={preview.data?.occurrences ?? []}
              />
            </Show>
            <Show when={book.isError}>
              <Alert tone="error">{errorMessage(book.error)}</Alert>
            </Show>
          </div>
        )}
      </Show>
    </Dialog>
  );
}
