import { For, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { plural } from "../../lib/plural";
import type { BookingResult } from "./confirm-booking-dialog";

/** What just happened, in words: booked and confirmed, or waiting for the mentor; for a series, every date. */
export function BookingResultNotice(props: { result: BookingResult; mentorName: string; isMentor: boolean }) {
  const status = () => (props.result.kind === "single" ? props.result.session.status : props.result.series.status);
  const waiting = () => status() === "requested";
  const nextStep = () =>
    waiting()
      ? `Waiting for ${props.isMentor ? "you" : props.mentorName} to confirm.`
      : "Confirmed: you both get an email with a calendar invite.";
  return (
    <Switch>
      <Match when={props.result.kind === "single" && props.result}>
        {(r) => (
          <Alert tone="success" title={waiting() ? "Session requested" : "Session booked"}>
            <p>
              {r().slot.viewerLocal}. {nextStep()}
            </p>
          </Alert>
        )}
      </Match>
      <Match when={props.result.kind === "series" && props.result.series}>
        {(series) => (
          <Alert
            tone={series().conflicts.length > 0 ? "warning" : "success"}
            title={`${plural(series().booked.length, "session")} ${waiting() ? "requested" : "booked"}`}
          >
            <p>{nextStep()}</p>
            <ul aria-label="Booked dates" class="mt-2 list-disc pl-5">
              <For each={series().booked}>{(b) => <li>{b.viewerLocal}</li>}</For>
            </ul>
            <Show when={series().conflicts.length > 0}>
              <p class="mt-2 font-medium">Not booked:</p>
              <ul aria-label="Dates not booked" class="list-disc pl-5">
                <For each={series().conflicts}>
                  {(c) => (
                    <li>
                      {c.viewerLocal}: {c.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Alert>
        )}
      </Match>
    </Switch>
  );
}
