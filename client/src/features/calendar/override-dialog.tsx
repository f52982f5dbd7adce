import { createSignal, For, Index, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { Button } from "../../components/ui/button";
import { controlClass } from "../../components/ui/field";
import { formatCalendarDate } from "../../lib/format";
import type { Availability } from "./queries";

export type Override = Availability["overrides"][number];
export type OverrideKind = Override["kind"];
type Window = { start: string; end: string };

export const overrideKindLabels: Record<OverrideKind, string> = {
  blocked: "Not available this day",
  replace: "Different hours",
  extra: "Extra hours",
};
const kindHints: Record<OverrideKind, string> = {
  blocked: "Nobody can book you on this day.",
  replace: "Only these hours are bookable on this day, instead of your weekly windows.",
  extra: "These hours are bookable on top of your weekly windows.",
};

/** "24:00" is how a window ending at midnight is stored; a time input shows it as 00:00. */
const asInput = (clock: string) => (clock === "24:00" ? "00:00" : clock);
const fromInput = (clock: string, isEnd: boolean) => (isEnd && clock === "00:00" ? "24:00" : clock);

/**
 * The form inside the date override dialog: what the day is (blocked, different hours, extra hours) and its
 * windows. Opened from a day of the month view or from the overrides table; removing is offered when one exists.
 */
export function OverrideForm(props: {
  date: string;
  existing: Override | undefined;
  onSave: (override: Override) => void;
  onRemove: () => void;
  onCancel: () => void;
}) {
  const initialWindows = props.existing && props.existing.kind !== "blocked" ? props.existing.windows.map((w) => ({ ...w })) : [];
  const [kind, setKind] = createSignal<OverrideKind>(props.existing?.kind ?? "blocked");
  const [windows, setWindows] = createStore<Window[]>(initialWindows.length > 0 ? initialWindows : [{ start: "09:00", end: "17:00" }]);
  const [problem, setProblem] = createSignal<string | null>(null);
  const name = `override-kind-${props.date}`;

  function save(e: SubmitEvent) {
    e.preventDefault();
    const k = kind();
    if (k === "blocked") return props.onSave({ date: props.date, kind: "blocked" });
    const at = windows.findIndex((w) => !w.start || !w.end || w.start === w.end);
    if (windows.length === 0) return setProblem("Add at least one window, or choose not available.");
    if (at >= 0) return setProblem(`Window ${at + 1} needs a start and a different end.`);
    props.onSave({ date: props.date, kind: k, windows: windows.map((w) => ({ start: w.start, end: fromInput(w.end, true) })) });
  }

  return (
    <form class="flex flex-col gap-4" onSubmit={save} noValidate>
      <fieldset class="flex flex-col gap-2">
        <legend class="mb-1 text-sm font-medium text-slate-800">{formatCalendarDate(props.date)}</legend>
        <For each={["blocked", "replace", "extra"] as const}>
          {(k) => (
            <label class="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={name}
                value={k}
                checked={kind() === k}
                onChange={() => {
                  setKind(k);
                  setProblem(null);
                }}
                class="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span class="font-medium">{overrideKindLabels[k]}</span>
                <span class="block text-slate-500">{kindHints[k]}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={kind() !== "blocked"}>
        <fieldset class="flex flex-col gap-2">
          <legend class="mb-1 text-sm font-medium text-slate-800">Hours on this day (your time zone)</legend>
          <Index each={windows}>
            {(w, i) => (
              <div class="flex flex-wrap items-center gap-2">
                <input
                  type="time"
                  aria-label={`Start of window ${i + 1}`}
                  class={`${controlClass(false)} w-32`}
                  value={w().start}
                  onChange={(e) => setWindows(i, "start", e.currentTarget.value)}
                />
                <span aria-hidden="true">to</span>
                <input
                  type="time"
                  aria-label={`End of window ${i + 1}`}
                  class={`${controlClass(false)} w-32`}
                  value={asInput(w().end)}
                  onChange={(e) => setWindows(i, "end", e.currentTarget.value)}
                />
                <Button type="button" variant="ghost" size="sm" onClick={() => setWindows((list) => list.filter((_, at) => at !== i))}>
                  Remove<span class="sr-only"> window {i + 1}</span>
                </Button>
              </div>
            )}
          </Index>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            class="self-start"
            onClick={() => setWindows(windows.length, { start: "09:00", end: "17:00" })}
          >
            Add hours
          </Button>
        </fieldset>
      </Show>
      <Show when={problem()}>
        <p role="alert" class="text-sm font-medium text-red-700">
          {problem()}
        </p>
      </Show>
      <div class="flex flex-wrap justify-between gap-2 border-t border-slate-100 pt-4">
        <Show when={props.existing} fallback={<span />}>
          <Button type="button" variant="danger" size="sm" onClick={() => props.onRemove()}>
            Remove override
          </Button>
        </Show>
        <div class="flex gap-2">
          <Button type="button" variant="secondary" size="sm" onClick={() => props.onCancel()}>
            Cancel
          </Button>
          <Button type="submit" size="sm">
            Use for this day
          </Button>
        </div>
      </div>
    </form>
  );
}
