import { For, Show } from "solid-js";
import { Badge } from "../../components/ui/badge";
import { Card } from "../../components/ui/card";
import { formatDate } from "../../lib/format";
import type { Board } from "./queries";

/** Who is still waiting for a mentor, and how full each mentor is. */
export function PoolCard(props: { board: Board }) {
  return (
    <div class="grid gap-6 lg:grid-cols-2">
      <Card title="Waiting for a mentor" description={`${props.board.unmatchedMentees.length} active mentees without a match.`}>
        <Show when={props.board.unmatchedMentees.length > 0} fallback={<p class="text-sm text-slate-500">Every mentee has a mentor.</p>}>
          <ul class="divide-y divide-slate-100 text-sm">
            <For each={props.board.unmatchedMentees}>
              {(m) => (
                <li class="flex justify-between gap-3 py-2">
                  <span class="font-medium text-slate-900">{m.name}</span>
                  <span class="text-slate-500">
                    joined {formatDate(m.joinedAt)}
                    {m.openRequests > 0 ? `, ${m.openRequests} open request${m.openRequests === 1 ? "" : "s"}` : ""}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Card>
      <Card title="Mentor load" description="Live matches against each mentor's capacity.">
        <Show when={props.board.mentors.length > 0} fallback={<p class="text-sm text-slate-500">No mentors yet.</p>}>
          <ul class="divide-y divide-slate-100 text-sm">
            <For each={props.board.mentors}>
              {(m) => (
                <li class="flex items-center justify-between gap-3 py-2">
                  <span class="font-medium text-slate-900">{m.name}</span>
                  <span class="flex items-center gap-2">
                    <Show when={!m.isReady}>
                      <Badge tone="amber">Not ready</Badge>
                    </Show>
                    <Badge tone={m.load >= m.capacity ? "red" : m.load > 0 ? "indigo" : "neutral"}>
                      {m.load} of {m.capacity}
                    </Badge>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Card>
    </div>
  );
}
