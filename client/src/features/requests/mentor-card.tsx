import { For, type JSX, Show } from "solid-js";
import { Avatar } from "../../components/ui/avatar";
import { Badge } from "../../components/ui/badge";
import { timeAgo } from "../../lib/format";
import { plural } from "../../lib/plural";
import type { MentorCardView } from "./queries";

/** "Active 2 days ago", or that the mentor has not been seen yet. */
export function lastActiveText(at: Date | null): string {
  return at ? `Active ${timeAgo(at)}` : "Not active yet";
}

/** Who the mentor is: photo, name, headline, topics, languages, time zone, free places and last activity. */
export function MentorCard(props: { mentor: MentorCardView; children?: JSX.Element }) {
  return (
    <article aria-label={props.mentor.name} class="flex flex-col gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div class="flex items-start gap-3">
        <Avatar name={props.mentor.name} src={props.mentor.photoUrl} />
        <div class="min-w-0 flex-1">
          <h3 class="font-semibold text-slate-900">{props.mentor.name}</h3>
          <Show when={props.mentor.headline}>
            <p class="text-sm text-slate-600">{props.mentor.headline}</p>
          </Show>
          <p class="mt-1 text-xs text-slate-500">
            {lastActiveText(props.mentor.lastActiveAt)} · {props.mentor.timezone} ·{" "}
            {props.mentor.sparePlaces > 0
              ? `${props.mentor.sparePlaces} of ${plural(props.mentor.capacity, "place")} free`
              : "No free places"}
          </p>
        </div>
      </div>
      <Show when={props.mentor.topics.length > 0}>
        <ul aria-label="Topics" class="flex flex-wrap gap-1">
          <For each={props.mentor.topics}>
            {(topic) => (
              <li>
                <Badge tone="indigo">{topic}</Badge>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.mentor.languages.length > 0}>
        <p class="text-xs text-slate-600">Speaks {props.mentor.languages.join(", ")}</p>
      </Show>
      {props.children}
    </article>
  );
}
