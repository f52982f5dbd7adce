import type { AvailabilityWindow } from "@shared/modules/onboarding/onboarding.schema";
import { For, Show } from "solid-js";
import { Button } from "../../components/ui/button";
import { controlClass, FieldError } from "../../components/ui/field";
import type { FormErrors } from "../../lib/form";
import { weekdayLabels } from "./queries";

// Monday first, as people read a week; the stored weekday stays 0 = Sunday.
const order = [1, 2, 3, 4, 5, 6, 0];

/** Weekly windows grouped by day, each day with its own "Add" button. Errors use the flat list's index. */
export function AvailabilityEditor(props: {
  windows: AvailabilityWindow[];
  onChange: (w: AvailabilityWindow[]) => void;
  errors: FormErrors;
}) {
  const update = (i: number, patch: Partial<AvailabilityWindow>) =>
    props.onChange(props.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const remove = (i: number) => props.onChange(props.windows.filter((_, j) => j !== i));
  const add = (weekday: number) => props.onChange([...props.windows, { weekday, start: "18:00", end: "19:00" }]);
  const indexed = () => props.windows.map((w, i) => ({ w, i }));
  return (
    <fieldset class="flex flex-col gap-2">
      <legend class="text-sm font-medium text-slate-800">Weekly availability</legend>
      <p class="text-sm text-slate-500">Times are in your own time zone. An end before the start runs past midnight.</p>
      <ul class="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
        <For each={order}>
          {(day) => (
            <li class="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-start">
              <span class="w-28 shrink-0 pt-2 text-sm font-medium text-slate-700">{weekdayLabels[day]}</span>
              <div class="flex flex-1 flex-col gap-2">
                <For each={indexed().filter((x) => x.w.weekday === day)}>
                  {(x) => {
                    const label = `${weekdayLabels[day]} window ${x.i + 1}`;
                    return (
                      <div class="flex flex-col gap-1">
                        <div class="flex flex-wrap items-center gap-2">
                          <input
                            type="time"
                            aria-label={`${label} start`}
                            class={`${controlClass(!!props.errors.field(`availability.${x.i}.start`))} w-32!`}
                            value={x.w.start}
                            onInput={(e) => update(x.i, { start: e.currentTarget.value })}
                          />
                          <span aria-hidden="true">to</span>
                          <input
                            type="time"
                            aria-label={`${label} end`}
                            class={`${controlClass(!!props.errors.field(`availability.${x.i}.end`))} w-32!`}
                            value={x.w.end === "24:00" ? "00:00" : x.w.end}
                            onInput={(e) => update(x.i, { end: e.currentTarget.value })}
                          />
                          <Button size="sm" variant="ghost" aria-label={`Remove ${label}`} onClick={() => remove(x.i)}>
                            Remove
                          </Button>
                        </div>
                        <FieldError id={`availability-${x.i}`} error={props.errors.under(`availability.${x.i}`)} />
                      </div>
                    );
                  }}
                </For>
                <div>
                  <Button size="sm" variant="secondary" onClick={() => add(day)} aria-label={`Add a window on ${weekdayLabels[day]}`}>
                    Add
                  </Button>
                </div>
              </div>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.errors.field("availability")}>
        <FieldError id="availability" error={props.errors.field("availability")} />
      </Show>
    </fieldset>
  );
}
