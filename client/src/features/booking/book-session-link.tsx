import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { buttonClass } from "../../components/ui/button";
import { bookingQueries } from "./queries";

/** "Book a session" for the pair of an active match; staff and closed matches see nothing. */
export function BookSessionLink(props: { matchId: string }) {
  const matches = createQuery(() => bookingQueries.myMatches());
  const isMine = () => matches.data?.some((m) => m.matchId === props.matchId) ?? false;
  return (
    <Show when={isMine()}>
      <div class="mb-4 flex justify-end">
        <A href={`/book/${props.matchId}`} class={buttonClass("primary", "md")}>
          Book a session
        </A>
      </div>
    </Show>
  );
}
