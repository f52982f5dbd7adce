import { bookingConfirmations, MAX_PROGRAM_BLACKOUT_DATES } from "@shared/modules/program/program.schema";
import { createMemo, createSignal, For, Show } from "solid-js";
import { Button } from "../../components/ui/button";
import { FieldError } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { formatCalendarDate } from "../../lib/format";
import type { Program } from "./queries";

type BookingConfirmation = (typeof bookingConfirmations)[number];

/** The scheduling part of the settings form, as typed (numbers stay strings until the shared schema reads them). */
export type SchedulingDraft = {
  timezone: string;
  blackoutDates: string[];
  bookingConfirmation: BookingConfirmation;
  cancelNoticeHours: string;
  noShowThreshold: string;
};

export function schedulingDraftOf(p: Program): SchedulingDraft {
  return {
    timezone: p.timezone,
    blackoutDates: [...p.blackoutDates],
    bookingConfirmation: p.bookingConfirmation,
    cancelNoticeHours: String(p.cancelNoticeHours),
    noShowThreshold: String(p.noShowThreshold),
  };
}

const confirmationLabels: Record<BookingConfirmation, string> = {
  instant: "At once, when the mentee books",
  mentor_confirms: "After the mentor confirms",
};

let zones: string[] | undefined;
/** Every zone the browser knows (a native select finds one by typing its first letters), plus the saved one. */
function zoneOptions(saved: string) {
  zones ??= (() => {
    try {
      return Intl.supportedValuesOf("timeZone");
    } catch {
      return ["UTC"];
    }
  })();
  const list = zones.includes("UTC") ? zones : ["UTC", ...zones];
  return (list.includes(saved) ? list : [saved, ...list]).map((z) => ({ value: z, label: z.replaceAll("_", " ") }));
}

const describeDate = formatCalendarDate;

type Errors = { field: (path: string) => string | undefined };

/**
 * Time zone, blackout dates (added one at a time, each with its remove button), how bookings are confirmed, the
 * cancellation notice and the no-show threshold. Field paths match the server's, so its errors land here too.
 */
export function SchedulingSettingsSection(props: {
  draft: SchedulingDraft;
  onChange: (patch: Partial<SchedulingDraft>) => void;
  errors: Errors;
}) {
  const [newDate, setNewDate] = createSignal("");
  const [addError, setAddError] = createSignal<string | undefined>();
  const [announcement, setAnnouncement] = createSignal("");
  const options = createMemo(() => zoneOptions(props.draft.timezone));

  function addDate() {
    const date = newDate();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setAddError("Choose a date to add.");
    if (props.draft.blackoutDates.includes(date)) return setAddError(`${describeDate(date)} is already a blackout date.`);
    if (props.draft.blackoutDates.length >= MAX_PROGRAM_BLACKOUT_DATES)
      return setAddError(`Use at most ${MAX_PROGRAM_BLACKOUT_DATES} blackout dates.`);
    setAddError(undefined);
    props.onChange({ blackoutDates: [...props.draft.blackoutDates, date].sort() });
    setNewDate("");
    setAnnouncement(`Added ${describeDate(date)}. Save to keep it.`);
  }

  function removeDate(date: string) {
    props.onChange({ blackoutDates: props.draft.blackoutDates.filter((d) => d !== date) });
    setAnnouncement(`Removed ${describeDate(date)}. Save to keep the change.`);
  }

  return (
    <>
      <div class="grid gap-4 sm:grid-cols-2">
        <Select
          label="Program time zone"
          value={props.draft.timezone}
          onChange={(v) => props.onChange({ timezone: v })}
          options={options()}
          description="Blackout dates are whole days in this zone."
          error={props.errors.field("timezone")}
        />
        <Select
          label="Sessions are confirmed"
          value={props.draft.bookingConfirmation}
          onChange={(v) => props.onChange({ bookingConfirmation: v as BookingConfirmation })}
          options={bookingConfirmations.map((c) => ({ value: c, label: confirmationLabels[c] }))}
          description="A mentor's own bookings are always confirmed at once."
          error={props.errors.field("bookingConfirmation")}
        />
        <TextField
          label="Cancellation notice (hours)"
          type="number"
          inputMode="numeric"
          min={0}
          max={168}
          value={props.draft.cancelNoticeHours}
          onInput={(v) => props.onChange({ cancelNoticeHours: v })}
          description="Cancelling closer to the start than this is recorded as late (0-168)."
          error={props.errors.field("cancelNoticeHours")}
        />
        <TextField
          label="No-shows before coordinators are alerted"
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          value={props.draft.noShowThreshold}
          onInput={(v) => props.onChange({ noShowThreshold: v })}
          description="Per person in this program (1-10)."
          error={props.errors.field("noShowThreshold")}
        />
      </div>

      <fieldset class="flex flex-col gap-3" aria-describedby="blackout-hint">
        <legend class="text-sm font-medium text-slate-800">Blackout dates</legend>
        <p id="blackout-hint" class="-mt-1 text-sm text-slate-500">
          Nobody can book a session on these days.
        </p>
        <div class="flex flex-wrap items-end gap-3">
          <TextField
            label="Date to add"
            type="date"
            value={newDate()}
            onInput={(v) => {
              setNewDate(v);
              setAddError(undefined);
            }}
            error={addError()}
            class="sm:w-56"
          />
          <Button type="button" variant="secondary" size="sm" class="mb-1" onClick={addDate}>
            Add blackout date
          </Button>
        </div>
        <p role="status" aria-live="polite" class="sr-only">
          {announcement()}
        </p>
        <ul aria-label="Blackout dates" class="flex flex-col divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          <For each={props.draft.blackoutDates} fallback={<li class="px-3 py-2 text-sm text-slate-500">No blackout dates.</li>}>
            {(date, i) => (
              <li class="flex items-center justify-between gap-3 px-3 py-1.5 text-sm">
                <span class={props.errors.field(`blackoutDates.${i()}`) ? "font-medium text-red-700" : "text-slate-900"}>
                  <time datetime={date}>{describeDate(date)}</time>
                  <Show when={props.errors.field(`blackoutDates.${i()}`)}>{(e) => <span>: {e()}</span>}</Show>
                </span>
                <Button type="button" variant="ghost" size="sm" onClick={() => removeDate(date)}>
                  Remove<span class="sr-only"> {describeDate(date)}</span>
                </Button>
              </li>
            )}
          </For>
        </ul>
        <FieldError id="blackoutDates" error={props.errors.field("blackoutDates")} />
      </fieldset>
    </>
  );
}
