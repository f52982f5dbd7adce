import { createSignal, Show } from "solid-js";
import { BookingResultNotice } from "./booking-result";
import { type BookingResult, ConfirmBookingDialog } from "./confirm-booking-dialog";
import type { BookableMatch, Slot } from "./queries";
import { SlotCalendar } from "./slot-calendar";

/**
 * Booking for one of the caller's matches: the pair's free slots in a week grid; choosing one opens "Confirm
 * booking". The result stays on the page (confirmed, or waiting for the mentor).
 */
export function BookingView(props: { match: BookableMatch; myName: string }) {
  const [picked, setPicked] = createSignal<Slot | null>(null);
  const [result, setResult] = createSignal<BookingResult | null>(null);
  let refetchSlots: (() => void) | undefined;
  const mentorName = () => (props.match.myRole === "mentor" ? props.myName : props.match.partner.name);

  return (
    <div class="flex flex-col gap-4">
      <Show when={result()}>
        {(r) => <BookingResultNotice result={r()} mentorName={mentorName()} isMentor={props.match.myRole === "mentor"} />}
      </Show>
      <SlotCalendar
        matchId={props.match.matchId}
        partnerName={props.match.partner.name}
        onPick={(slot) => setPicked(slot)}
        controls={(api) => {
          refetchSlots = api.refetch;
        }}
      />
      <ConfirmBookingDialog
        matchId={props.match.matchId}
        partnerName={props.match.partner.name}
        slot={picked()}
        onClose={() => setPicked(null)}
        onBooked={(r) => {
          setPicked(null);
          setResult(r);
          refetchSlots?.();
        }}
      />
    </div>
  );
}
