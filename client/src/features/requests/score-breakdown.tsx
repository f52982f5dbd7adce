import { For, Show } from "solid-js";
import { criterionLabels } from "./queries";

type Score = { total: number; breakdown: { criterion: string; weight: number; points: number }[]; reasons: string[] };

/** The score, one bar per criterion (points out of its weight) and the plain-language reasons. */
export function ScoreBreakdown(props: { score: Score }) {
  return (
    <div class="flex flex-col gap-3">
      <p class="text-sm text-slate-700">
        Match score <span class="text-lg font-semibold text-slate-900">{props.score.total}</span> of 100
      </p>
      <dl class="grid gap-2">
        <For each={props.score.breakdown}>
          {(b) => (
            <div class="grid grid-cols-[8.5rem_1fr_auto] items-center gap-2 text-xs text-slate-600">
              <dt>{criterionLabels[b.criterion] ?? b.criterion}</dt>
              <dd class="contents">
                <span aria-hidden="true" class="h-2 overflow-hidden rounded-full bg-slate-100">
                  <span
                    class="block h-full rounded-full bg-indigo-500"
                    style={{ width: `${b.weight > 0 ? (b.points / b.weight) * 100 : 0}%` }}
                  />
                </span>
                <span class="tabular-nums">
                  {b.points}/{b.weight}
                  <span class="sr-only"> points</span>
                </span>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={props.score.reasons.length > 0}>
        <ul class="list-disc space-y-0.5 pl-5 text-sm text-slate-700">
          <For each={props.score.reasons}>{(r) => <li>{r}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
