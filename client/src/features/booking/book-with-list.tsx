import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { Card } from "../../components/ui/card";
import { bookingQueries } from "./queries";

/**
 * "Book a session with …": one link per active match of the viewer; nothing when there is none. `omit` holds the
 * matches another card on the page already offers booking for, so one page never shows the same link twice.
 */
export function BookWithList(props: { omit?: ReadonlySet<string> }) {
  const matches = createQuery(() => bookingQueries.myMatches());
  const shown = () => (matches.data ?? []).filter((m) => !props.omit?.has(m.matchId));
  return (
    <Show when={shown().length > 0}>
      <Card title="Book a session">
        <ul class="flex flex-col gap-2 text-sm">
          <For each={shown()}>
            {(m) => (
              <li>
                <A href={`/book/${m.matchId}`} class="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                  Book a session with {m.partner.name}
                </A>{" "}
                <span class="text-slate-600">
                  ({m.myRole === "mentor" ? "your mentee" : "your mentor"} in {m.programName})
                </span>
              </li>
            )}
          </For>
        </ul>
      </Card>
    </Show>
  );
}
