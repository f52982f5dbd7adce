import { For, Show } from "solid-js";
import { criterionLabels, type Score } from "./queries";

/** A score out of 100 with the points of each criterion and the plain-language reasons. */
export function ScoreBreakdown(props: { score: Score }) {
  return (
    <div class="flex flex-col gap-3">
      <p class="text-sm text-slate-700">
        Score <span class="text-2xl font-semibold text-slate-900">{props.score.total}</span> <span class="text-slate-500">of 100</span>
      </p>
      <dl class="grid grid-cols-1 gap-2 sm:grid-cols-2">
        <For each={props.score.breakdown}>
          {(b) => (
            <div class="flex flex-col gap-1">
              <dt class="flex justify-between text-xs font-medium text-slate-600">
                <span>{criterionLabels[b.criterion] ?? b.criterion}</span>
                <span>
                  {b.points} of {b.weight}
                </span>
              </dt>
              <dd>
                <div class="h-2 rounded-full bg-slate-100" aria-hidden="true">
                  <div
                    class="h-2 rounded-full bg-indigo-500"
                    style={{ width: `${b.weight > 0 ? Math.round((b.points / b.weight) * 100) : 0}%` }}
                  />
                </div>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={props.score.reasons.length > 0}>
        <ul class="list-disc pl-5 text-sm text-slate-700">
          <For each={props.score.reasons}>{(r) => <li>{r}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
