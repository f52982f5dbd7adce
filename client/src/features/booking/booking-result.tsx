import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import type { BookingResult } from "./confirm-booking-dialog";

/** What just happened, in words: booked and confirmed, or waiting for the mentor. */
export function BookingResultNotice(props: { result: BookingResult; mentorName: string; isMentor: boolean }) {
  const waiting = () => props.result.session.status === "requested";
  return (
    <Alert tone="success" title={waiting() ? "Session requested" : "Session booked"}>
      <p>
        {props.result.slot.viewerLocal}.{" "}
        <Show when={waiting()} fallback={<>It is confirmed: you both get an email with a calendar invite.</>}>
          Waiting for {props.isMentor ? "you" : props.mentorName} to confirm.
        </Show>
      </p>
    </Alert>
  );
}
