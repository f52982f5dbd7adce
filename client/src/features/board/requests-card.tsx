import { For, Show } from "solid-js";
import { Badge } from "../../components/ui/badge";
import { Card } from "../../components/ui/card";
import { formatDateTime } from "../../lib/format";
import { plural } from "../../lib/plural";
import { type Board, formatAge } from "./queries";

const requestStatusLabels: Record<string, string> = {
  pending: "Pending",
  needs_info: "Needs info",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

/** Open requests oldest first; stuck ones stand out with a badge and a colour, and say why. */
export function RequestsCard(props: { board: Board }) {
  const stuckCount = () => props.board.requests.filter((r) => r.stuck).length;
  return (
    <Card
      title="Open requests"
      description={
        <span>
          Oldest first. A pending request is stuck after {plural(props.board.program.requestReminderHours, "hour")} without an answer.
        </span>
      }
      actions={
        <Show when={stuckCount() > 0}>
          <Badge tone="red">{stuckCount()} stuck</Badge>
        </Show>
      }
    >
      <ul class="mb-4 flex flex-wrap gap-2" aria-label="Requests by status">
        <For each={Object.entries(props.board.requestCounts)}>
          {([status, n]) => (
            <li>
              <Badge tone="neutral">
                {requestStatusLabels[status] ?? status}: {n}
              </Badge>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.board.requests.length > 0} fallback={<p class="text-sm text-slate-500">No open requests.</p>}>
        <div class="overflow-x-auto">
          <table class="w-full text-left text-sm">
            <thead class="text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" class="py-2 pr-3">
                  Mentee
                </th>
                <th scope="col" class="py-2 pr-3">
                  Mentor
                </th>
                <th scope="col" class="py-2 pr-3">
                  Status
                </th>
                <th scope="col" class="py-2 pr-3">
                  Age
                </th>
                <th scope="col" class="py-2">
                  Deadline
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-slate-100">
              <For each={props.board.requests}>
                {(r) => (
                  <tr class={r.stuck ? "bg-red-50" : ""} data-stuck={r.stuck ? "true" : undefined}>
                    <td class="py-2 pr-3 font-medium text-slate-900">{r.mentee.name}</td>
                    <td class="py-2 pr-3">{r.mentor.name}</td>
                    <td class="py-2 pr-3">
                      <span class="inline-flex flex-wrap items-center gap-1">
                        <Badge tone={r.status === "pending" ? "indigo" : "amber"}>{requestStatusLabels[r.status]}</Badge>
                        <Show when={r.stuck}>
                          <Badge tone="red">Stuck</Badge>
                        </Show>
                      </span>
                      <Show when={r.stuckReason}>
                        <p class="mt-1 text-xs text-red-700">{r.stuckReason}</p>
                      </Show>
                    </td>
                    <td class="py-2 pr-3 whitespace-nowrap">{formatAge(r.ageHours)}</td>
                    <td class="py-2 whitespace-nowrap">{r.expiresAt ? formatDateTime(r.expiresAt) : "Waiting on the mentee"}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </Card>
  );
}
