import { createMutation, useQueryClient } from "@tanstack/solid-query";
import type { Calendar, EventInput } from "fullcalendar";
import { createMemo, createSignal, For, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { FullCalendar } from "../../components/calendar/full-calendar";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { controlClass } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { DateOverrides } from "./date-overrides";
import type { Override } from "./override-dialog";
import { type Availability, type AvailabilityInput, saveAvailability, schedulingKeys } from "./queries";

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** Monday first, as the server counts weeks for the weekly cap; the values stay 0 = Sunday. */
const weekdayOptions = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: String(d), label: weekdays[d] ?? "" }));

type Row = { key: number; weekday: number; start: string; end: string };
type FormState = {
  weekly: Row[];
  overrides: Override[];
  bufferBefore: string;
  bufferAfter: string;
  noticeKind: "hours" | "next-day";
  noticeHours: string;
  maxPerDay: string;
  maxPerWeek: string;
};

let nextKey = 1;
const pad = (n: number) => String(n).padStart(2, "0");
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const clockOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function fromServer(a: Availability): FormState {
  return {
    weekly: a.weekly.map((w) => ({ key: nextKey++, weekday: w.weekday, start: w.start, end: w.end })),
    overrides: [...a.overrides].sort((x, y) => x.date.localeCompare(y.date)),
    bufferBefore: String(a.bufferBeforeMinutes),
    bufferAfter: String(a.bufferAfterMinutes),
    noticeKind: a.minimumNotice.kind,
    noticeHours: a.minimumNotice.kind === "hours" ? String(a.minimumNotice.hours) : "24",
    maxPerDay: a.maxPerDay === null ? "" : String(a.maxPerDay),
    maxPerWeek: a.maxPerWeek === null ? "" : String(a.maxPerWeek),
  };
}

// Blank number fields: a cap left empty means "no cap"; a buffer left empty means none.
const numberOr = <T,>(value: string, empty: T) => (value.trim() === "" ? empty : Number(value));

function toInput(f: FormState): AvailabilityInput {
  return {
    weekly: f.weekly.map(({ weekday, start, end }) => ({ weekday, start, end })),
    overrides: f.overrides.map((o) => (o.kind === "blocked" ? { date: o.date, kind: o.kind } : { ...o, windows: [...o.windows] })),
    bufferBeforeMinutes: numberOr(f.bufferBefore, 0),
    bufferAfterMinutes: numberOr(f.bufferAfter, 0),
    minimumNotice: f.noticeKind === "next-day" ? { kind: "next-day" } : { kind: "hours", hours: numberOr(f.noticeHours, 0) },
    maxPerDay: numberOr(f.maxPerDay, null),
    maxPerWeek: numberOr(f.maxPerWeek, null),
  };
}

const topFields = ["bufferBeforeMinutes", "bufferAfterMinutes", "minimumNotice.hours", "minimumNotice.kind", "maxPerDay", "maxPerWeek"];

/**
 * The mentor's weekly bookable times in a week grid (drag to add, click to remove with undo) with a plain table
 * as the keyboard alternative, and the booking rules (buffers, notice, caps) beside it. Times are the mentor's own.
 */
export function AvailabilityEditor(props: { availability: Availability }) {
  const queryClient = useQueryClient();
  const errors = createFormErrors();
  const [form, setForm] = createStore<FormState>(fromServer(props.availability));
  const [removed, setRemoved] = createSignal<{ row: Row; index: number } | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  let calendar: Calendar | undefined;

  const shown = (path: string) => topFields.includes(path) || /^(weekly|overrides)\.\d+/.test(path);

  const save = createMutation(() => ({
    mutationFn: () => saveAvailability(toInput(form)),
    onSuccess: (data: Availability) => {
      queryClient.setQueryData(schedulingKeys.availability, data);
      setForm(fromServer(data));
      setRemoved(null);
      errors.clear();
      setSaved(true);
    },
    onError: (err: unknown) => errors.fromServer(err, shown),
  }));

  function changed() {
    setSaved(false);
    setNotice(null);
  }

  function addRow(row: Omit<Row, "key">) {
    changed();
    setForm("weekly", (rows) => [...rows, { ...row, key: nextKey++ }]);
  }

  function removeRow(key: number) {
    const index = form.weekly.findIndex((r) => r.key === key);
    const row = form.weekly[index];
    if (!row) return;
    changed();
    setForm("weekly", (rows) => rows.filter((r) => r.key !== key));
    setRemoved({ row: { ...row }, index });
  }

  function undoRemove() {
    const r = removed();
    if (!r) return;
    setForm(
      "weekly",
      produce((rows) => {
        rows.splice(Math.min(r.index, rows.length), 0, r.row);
      }),
    );
    setRemoved(null);
  }

  // The grid runs in UTC so a selection's UTC fields are the wall-clock times shown: the rules are zone-less.
  function addFromSelection(start: Date, end: Date) {
    const minutes = (end.getTime() - start.getTime()) / 60_000;
    calendar?.unselect();
    if (minutes <= 0 || minutes >= 24 * 60) {
      setNotice("A window is shorter than a day. Drag within one day's column.");
      return;
    }
    const from = start.getUTCHours() * 60 + start.getUTCMinutes();
    const to = end.getUTCHours() * 60 + end.getUTCMinutes();
    // Ending at midnight is "24:00"; any other end on the next day runs past midnight, which the rules allow.
    const endClock = to === 0 ? "24:00" : clockOf(to);
    addRow({ weekday: start.getUTCDay(), start: clockOf(from), end: endClock });
    setNotice(`Added ${weekdays[start.getUTCDay()]} ${clockOf(from)} to ${endClock}. Save to keep it.`);
  }

  const events = createMemo<EventInput[]>(() =>
    form.weekly.map((r) => {
      const start = minutesOf(r.start);
      let end = minutesOf(r.end);
      if (end <= start) end += 24 * 60;
      return {
        id: String(r.key),
        title: "Available",
        daysOfWeek: [r.weekday],
        startTime: r.start,
        // Past-midnight windows: a duration over 24:00 carries the event into the next day.
        endTime: `${Math.floor(end / 60)}:${pad(end % 60)}`,
        color: "#4338ca",
      };
    }),
  );

  return (
    <form
      class="flex flex-col gap-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <p class="text-sm text-slate-600">
        Times are in your time zone, <strong>{props.availability.timeZone}</strong>. Mentees see them in theirs.
      </p>
      <Show when={errors.summary()}>
        <Alert tone="error">{errors.summary()}</Alert>
      </Show>
      <Show when={saved()}>
        <Alert tone="success">Your bookable times are saved.</Alert>
      </Show>
      <div class="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <Card title="Weekly windows" description="Drag in the grid to add a window; click a window to remove it." padded={false}>
          <div class="flex flex-col gap-3 p-4">
            <div role="status" aria-live="polite" class="min-h-6 text-sm text-slate-700">
              <Show when={removed()} fallback={notice()}>
                {(r) => (
                  <span class="inline-flex flex-wrap items-center gap-2">
                    Removed {weekdays[r().row.weekday]} {r().row.start} to {r().row.end}.
                    <Button type="button" variant="secondary" size="sm" onClick={undoRemove}>
                      Undo
                    </Button>
                  </span>
                )}
              </Show>
            </div>
            <FullCalendar
              label="Weekly windows grid"
              onReady={(c) => {
                calendar = c;
              }}
              options={{
                initialView: "timeGridWeek",
                timeZone: "UTC",
                headerToolbar: false,
                firstDay: 1,
                allDaySlot: false,
                dayHeaderFormat: { weekday: "short" },
                // The whole day and no inner scroller: with no window drawn yet, an inner scroller would hold nothing
                // focusable, so a keyboard could not scroll it (axe scrollable-region-focusable); the page scrolls.
                height: "auto",
                selectable: true,
                selectMirror: true,
                select: (info) => addFromSelection(info.start, info.end),
                eventClick: (info) => {
                  info.jsEvent.preventDefault();
                  removeRow(Number(info.event.id));
                },
                events: events(),
              }}
            />
          </div>
        </Card>
        <Card title="Booking rules" padded={false}>
          <div class="flex flex-col gap-4 p-4">
            <TextField
              label="Free time before a session (minutes)"
              type="number"
              inputMode="numeric"
              min={0}
              max={240}
              value={form.bufferBefore}
              onInput={(v) => setForm("bufferBefore", v)}
              error={errors.field("bufferBeforeMinutes")}
            />
            <TextField
              label="Free time after a session (minutes)"
              type="number"
              inputMode="numeric"
              min={0}
              max={240}
              value={form.bufferAfter}
              onInput={(v) => setForm("bufferAfter", v)}
              error={errors.field("bufferAfterMinutes")}
            />
            <Select
              label="Minimum notice"
              value={form.noticeKind}
              onChange={(v) => setForm("noticeKind", v === "next-day" ? "next-day" : "hours")}
              options={[
                { value: "hours", label: "A number of hours" },
                { value: "next-day", label: "Not the same day" },
              ]}
              error={errors.field("minimumNotice.kind")}
            />
            <Show when={form.noticeKind === "hours"}>
              <TextField
                label="Notice (hours)"
                type="number"
                inputMode="decimal"
                min={0}
                value={form.noticeHours}
                onInput={(v) => setForm("noticeHours", v)}
                error={errors.field("minimumNotice.hours")}
              />
            </Show>
            <TextField
              label="Most sessions a day"
              type="number"
              inputMode="numeric"
              min={1}
              required={false}
              description="Leave empty for no limit."
              value={form.maxPerDay}
              onInput={(v) => setForm("maxPerDay", v)}
              error={errors.field("maxPerDay")}
            />
            <TextField
              label="Most sessions a week"
              type="number"
              inputMode="numeric"
              min={1}
              required={false}
              description="Monday to Sunday. Leave empty for no limit."
              value={form.maxPerWeek}
              onInput={(v) => setForm("maxPerWeek", v)}
              error={errors.field("maxPerWeek")}
            />
          </div>
        </Card>
      </div>
      <Card title="Windows as a table" description="The same windows, editable with the keyboard." padded={false}>
        <div class="overflow-x-auto p-4">
          <table class="w-full text-left text-sm">
            <caption class="sr-only">Weekly windows</caption>
            {/* On phones each row wraps (day, then from and to side by side, then Remove); every control keeps its own label. */}
            <thead class="hidden sm:table-header-group">
              <tr class="text-slate-600">
                <th scope="col" class="py-2 pr-3 font-medium">
                  Day
                </th>
                <th scope="col" class="py-2 pr-3 font-medium">
                  From
                </th>
                <th scope="col" class="py-2 pr-3 font-medium">
                  To
                </th>
                <th scope="col" class="py-2 font-medium">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {/* Explicit row and cell roles: on phones the rows are flex boxes, and display:flex drops the implicit table roles (biome.json allows them here). */}
              <For
                each={form.weekly}
                fallback={
                  <tr role="row">
                    <td role="cell" colSpan={4} class="py-3 text-slate-500">
                      No windows yet: mentees cannot book you.
                    </td>
                  </tr>
                }
              >
                {(row, i) => {
                  const rowError = () => errors.under(`weekly.${i()}`);
                  const name = () => `${weekdays[row.weekday]} window ${i() + 1}`;
                  return (
                    <tr role="row" class="flex flex-wrap gap-x-3 gap-y-2 border-t border-slate-100 py-2 align-top sm:table-row sm:py-0">
                      <td role="cell" class="basis-full sm:py-2 sm:pr-3">
                        <select
                          aria-label={`Day of ${name()}`}
                          class={controlClass(false)}
                          value={String(row.weekday)}
                          onChange={(e) => {
                            changed();
                            setForm("weekly", i(), "weekday", Number(e.currentTarget.value));
                          }}
                        >
                          <For each={weekdayOptions}>
                            {(o) => (
                              <option value={o.value} selected={o.value === String(row.weekday)}>
                                {o.label}
                              </option>
                            )}
                          </For>
                        </select>
                      </td>
                      <td role="cell" class="min-w-0 flex-1 sm:py-2 sm:pr-3">
                        <input
                          type="time"
                          aria-label={`Start of ${name()}`}
                          aria-invalid={rowError() ? "true" : undefined}
                          class={controlClass(!!rowError())}
                          value={row.start}
                          onChange={(e) => {
                            changed();
                            setForm("weekly", i(), "start", e.currentTarget.value);
                          }}
                        />
                      </td>
                      <td role="cell" class="min-w-0 flex-1 sm:py-2 sm:pr-3">
                        <input
                          type="time"
                          aria-label={`End of ${name()}`}
                          aria-invalid={rowError() ? "true" : undefined}
                          class={controlClass(!!rowError())}
                          value={row.end === "24:00" ? "00:00" : row.end}
                          onChange={(e) => {
                            changed();
                            setForm("weekly", i(), "end", e.currentTarget.value);
                          }}
                        />
                        <Show when={rowError()}>
                          <p class="mt-1 text-sm font-medium text-red-700">{rowError()}</p>
                        </Show>
                      </td>
                      <td role="cell" class="basis-full sm:py-2">
                        <Button type="button" variant="ghost" size="sm" onClick={() => removeRow(row.key)}>
                          Remove<span class="sr-only"> {name()}</span>
                        </Button>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
          <div class="mt-3">
            <Button type="button" variant="secondary" size="sm" onClick={() => addRow({ weekday: 1, start: "09:00", end: "17:00" })}>
              Add a window
            </Button>
          </div>
        </div>
      </Card>
      <DateOverrides
        overrides={form.overrides}
        errorUnder={errors.under}
        onChange={(next, announcement) => {
          changed();
          setForm("overrides", next);
          setNotice(`${announcement} Save to keep it.`);
        }}
      />
      <div class="flex justify-end">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save bookable times"}
        </Button>
      </div>
    </form>
  );
}
