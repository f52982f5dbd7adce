import type { EventInput } from "fullcalendar";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import { FullCalendar } from "../../components/calendar/full-calendar";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { formatCalendarDate } from "../../lib/format";
import { type Override, OverrideForm, overrideKindLabels } from "./override-dialog";

const kindColors: Record<Override["kind"], string> = { blocked: "#64748b", replace: "#b45309", extra: "#15803d" };

const hoursOf = (o: Override) => (o.kind === "blocked" ? "" : o.windows.map((w) => `${w.start}–${w.end}`).join(", "));
const describe = (o: Override) => (o.kind === "blocked" ? overrideKindLabels.blocked : `${overrideKindLabels[o.kind]}: ${hoursOf(o)}`);

/**
 * Date overrides on a month view: choosing a day (click, or Enter on a focused day) opens a dialog to block it,
 * give it different hours, add hours, or remove its override. The table below is the same list for the keyboard.
 * Changes stay in the form until "Save bookable times".
 */
export function DateOverrides(props: {
  overrides: Override[];
  onChange: (next: Override[], announcement: string) => void;
  /** The first error at a field path or below it ("overrides.2" finds "overrides.2.windows"). */
  errorUnder: (path: string) => string | undefined;
}) {
  const [editing, setEditing] = createSignal<string | null>(null);
  const [newDate, setNewDate] = createSignal("");
  const [newDateError, setNewDateError] = createSignal<string | undefined>();
  const existing = () => props.overrides.find((o) => o.date === editing());

  function put(next: Override) {
    const rest = props.overrides.filter((o) => o.date !== next.date);
    props.onChange(
      [...rest, next].sort((a, b) => a.date.localeCompare(b.date)),
      `${formatCalendarDate(next.date)}: ${describe(next)}.`,
    );
    setEditing(null);
    if (newDate() === next.date) setNewDate("");
  }

  function remove(date: string) {
    props.onChange(
      props.overrides.filter((o) => o.date !== date),
      `Removed the override for ${formatCalendarDate(date)}.`,
    );
    setEditing(null);
  }

  function openNew() {
    const date = newDate();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setNewDateError("Choose a date.");
    setNewDateError(undefined);
    setEditing(date);
  }

  // The month view runs in UTC so a day's date is its own calendar date: overrides are zone-less dates.
  const events = createMemo<EventInput[]>(() =>
    props.overrides.map((o) => ({ id: o.date, title: describe(o), start: o.date, allDay: true, color: kindColors[o.kind] })),
  );

  // A day's name starts with what the cell shows (its number, then its override), so speech input can say what
  // it sees (WCAG 2.5.3); the full date follows for screen readers.
  const cells = new Map<string, { el: HTMLElement; dayNumber: string }>();
  function labelCell(date: string) {
    const cell = cells.get(date);
    if (!cell) return;
    const o = untrack(() => props.overrides.find((x) => x.date === date));
    const shown = o ? `${cell.dayNumber} ${describe(o)}, ` : "";
    cell.el.setAttribute("aria-label", `${shown}${formatCalendarDate(date)}: set an override`);
  }
  createEffect(
    on(
      () => props.overrides,
      () => {
        for (const date of cells.keys()) labelCell(date);
      },
      { defer: true },
    ),
  );

  return (
    <Card
      title="Date overrides"
      description="Days that differ from your weekly windows. Choose a day in the month to block it or change its hours."
      padded={false}
    >
      <div class="flex flex-col gap-4 p-4">
        <FullCalendar
          label="Date overrides month"
          options={{
            initialView: "dayGridMonth",
            timeZone: "UTC",
            headerToolbar: { start: "prev,next today", center: "title", end: "" },
            firstDay: 1,
            height: "auto",
            dayMaxEventRows: 2,
            // The day number is drawn by CSS (::before, from data-day), not as text: axe and speech tools join a
            // cell's texts with no space ("10Not available this day"), which no name can contain. The number is
            // aria-hidden either way, and the cell's name starts with it (labelCell), so speech input can say it.
            dayCellTopContent: (arg) => {
              const number = document.createElement("span");
              number.dataset.day = arg.dayNumberText;
              number.className = "before:content-[attr(data-day)]";
              return { domNodes: [number] };
            },
            dateClick: (info) => setEditing(info.dateStr.slice(0, 10)),
            eventClick: (info) => {
              info.jsEvent.preventDefault();
              setEditing(info.event.id);
            },
            // Day cells take focus and answer Enter or Space, so the month works without a mouse too. They stay
            // gridcells (a week row may hold only gridcells; a "button" cell also nested the day's events).
            dayCellDidMount: (info) => {
              const date = info.date.toISOString().slice(0, 10);
              info.el.tabIndex = 0;
              cells.set(date, { el: info.el, dayNumber: info.dayNumberText });
              labelCell(date);
              info.el.addEventListener("keydown", (e) => {
                if (e.key !== "Enter" && e.key !== " ") return;
                e.preventDefault();
                setEditing(date);
              });
            },
            dayCellWillUnmount: (info) => {
              cells.delete(info.date.toISOString().slice(0, 10));
            },
            events: events(),
          }}
        />
        <div class="overflow-x-auto">
          <table class="w-full text-left text-sm">
            <caption class="sr-only">Date overrides</caption>
            <thead>
              <tr class="text-slate-600">
                <th scope="col" class="py-2 pr-3 font-medium">
                  Date
                </th>
                <th scope="col" class="py-2 pr-3 font-medium">
                  What
                </th>
                <th scope="col" class="py-2 pr-3 font-medium">
                  Hours
                </th>
                <th scope="col" class="py-2 font-medium">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For
                each={props.overrides}
                fallback={
                  <tr>
                    <td colSpan={4} class="py-3 text-slate-500">
                      No overrides: every day follows your weekly windows.
                    </td>
                  </tr>
                }
              >
                {(o, i) => (
                  <tr class="border-t border-slate-100 align-top">
                    <td class="py-2 pr-3 text-slate-900">
                      <time datetime={o.date}>{formatCalendarDate(o.date)}</time>
                    </td>
                    <td class="py-2 pr-3 text-slate-900">{overrideKindLabels[o.kind]}</td>
                    <td class="py-2 pr-3 text-slate-700">
                      {hoursOf(o) || "None"}
                      <Show when={props.errorUnder(`overrides.${i()}`)}>
                        {(e) => <p class="mt-1 text-sm font-medium text-red-700">{e()}</p>}
                      </Show>
                    </td>
                    <td class="flex gap-1 py-2">
                      <Button type="button" variant="ghost" size="sm" onClick={() => setEditing(o.date)}>
                        Edit<span class="sr-only"> {formatCalendarDate(o.date)}</span>
                      </Button>
                      <Button type="button" variant="ghost" size="sm" onClick={() => remove(o.date)}>
                        Remove<span class="sr-only"> {formatCalendarDate(o.date)}</span>
                      </Button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <div class="flex flex-wrap items-end gap-3">
          <TextField
            label="Override a date"
            type="date"
            value={newDate()}
            onInput={(v) => {
              setNewDate(v);
              setNewDateError(undefined);
            }}
            error={newDateError()}
            class="sm:w-56"
          />
          <Button type="button" variant="secondary" size="sm" class="mb-1" onClick={openNew}>
            Set this date
          </Button>
        </div>
      </div>
      <Dialog open={editing() !== null} onOpenChange={(o) => !o && setEditing(null)} title="Date override">
        <Show when={editing()} keyed>
          {(date) => (
            <OverrideForm date={date} existing={existing()} onSave={put} onRemove={() => remove(date)} onCancel={() => setEditing(null)} />
          )}
        </Show>
      </Dialog>
    </Card>
  );
}
