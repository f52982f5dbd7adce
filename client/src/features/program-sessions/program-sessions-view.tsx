import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import type { Calendar, CalendarOptions, EventInput, EventSourceFuncInfo } from "fullcalendar";
import { createEffect, createSignal, For, type JSX, on, Show } from "solid-js";
import { sessionKinds, sessionStatuses } from "../../../../db/schema/enums";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClass } from "../../components/ui/button";
import { Checkbox } from "../../components/ui/checkbox";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { createDebounced } from "../../lib/debounced";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useLiveEvents } from "../../lib/socket";
import { displayTimeZone } from "../../lib/time-zone";
import {
  fetchProgramSessions,
  kindLabels,
  type ProgramSession,
  type ProgramSessionFilters,
  type ProgramSessionStatus,
  programSessionsQueries,
} from "./queries";

/** The calendar wrapper and the status palette come from the route, so this feature imports no other feature. */
export type CalendarComponent = (props: { options: CalendarOptions; onReady?: (calendar: Calendar) => void; label: string }) => JSX.Element;
export type StatusPalette = { labels: Record<ProgramSessionStatus, string>; colors: Record<ProgramSessionStatus, string> };

// In the viewer's profile zone, like every time in the client.
const timeRange = (d: Date) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short", timeZone: displayTimeZone() }).format(d);
const clock = (d: Date) =>
  new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone: displayTimeZone() }).format(d);

function whoOf(s: ProgramSession): string {
  if (s.kind === "group") return `${s.title || "Group session"}, hosted by ${s.mentor?.name ?? "nobody"}`;
  return `${s.mentor?.name ?? "Mentor"} with ${s.mentee?.name ?? "mentee"}`;
}

const attendanceLabels = { attended: "attended", no_show: "did not come" } as const;

/**
 * Every session of a program for its staff: month, week and list views of the visible range only, coloured by
 * status with the word beside the colour, filters that refetch, the range's counts, and live refresh when a
 * session of this program changes. Choosing a session shows its details and leads to its record.
 */
export function ProgramSessionsView(props: { programId: string; calendar: CalendarComponent; palette: StatusPalette }) {
  let calendar: Calendar | undefined;
  const CalendarView = props.calendar;
  const [status, setStatus] = createSignal<ProgramSessionStatus | "">("");
  const [kind, setKind] = createSignal<ProgramSession["kind"] | "">("");
  const [search, setSearch] = createSignal("");
  const [lateOnly, setLateOnly] = createSignal(false);
  const searched = createDebounced(() => search().trim(), 300);
  const [range, setRange] = createSignal<{ from: Date; to: Date } | null>(null);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [shownCount, setShownCount] = createSignal<number | null>(null);
  const [open, setOpen] = createSignal<ProgramSession | null>(null);

  const filters = (): ProgramSessionFilters => ({
    ...(status() ? { status: status() as ProgramSessionStatus } : {}),
    ...(kind() ? { kind: kind() as ProgramSession["kind"] } : {}),
    ...(searched() ? { search: searched() } : {}),
    ...(lateOnly() ? { lateOnly: true } : {}),
  });

  const summary = createQuery(() => {
    const r = range();
    return { ...programSessionsQueries.summary(props.programId, r ?? { from: new Date(0), to: new Date(0) }), enabled: r !== null };
  });

  createEffect(on([status, kind, searched, lateOnly], () => calendar?.refetchEvents(), { defer: true }));

  const refresh = () => {
    calendar?.refetchEvents();
    void summary.refetch();
  };
  useLiveEvents(["session:changed"], (e) => e.programId === props.programId && refresh(), refresh);

  function toEvent(s: ProgramSession): EventInput {
    const late = s.lateCancellation ? ", late" : "";
    return {
      id: s.id,
      title: `${whoOf(s)} · ${props.palette.labels[s.status]}${late}`,
      start: s.start,
      end: s.end,
      color: props.palette.colors[s.status],
      class: `session-${s.status}`,
      extendedProps: { session: s },
    };
  }

  const events = (info: EventSourceFuncInfo) => {
    setRange({ from: info.start, to: info.end });
    return fetchProgramSessions(props.programId, info.start, info.end, filters()).then(
      (list) => {
        setLoadError(null);
        setShownCount(list.length);
        return list.map(toEvent);
      },
      (err: unknown) => {
        setLoadError(err);
        return [];
      },
    );
  };

  const counts = () => {
    const c = summary.data;
    if (!c) return [];
    return [
      { label: "Confirmed", n: c.confirmed },
      { label: "Requested", n: c.requested },
      { label: "Completed", n: c.completed },
      { label: "Cancelled", n: c.cancelled },
      { label: "Late cancellations", n: c.lateCancellations },
      { label: "No-shows", n: c.noShows },
    ];
  };

  return (
    <div class="flex flex-col gap-4">
      <form
        class="grid gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_auto]"
        aria-label="Filter sessions"
        onSubmit={(e) => e.preventDefault()}
      >
        <Select
          label="Status"
          value={status()}
          onChange={(v) => setStatus(v as ProgramSessionStatus | "")}
          options={[{ value: "", label: "Every status" }, ...sessionStatuses.map((s) => ({ value: s, label: props.palette.labels[s] }))]}
        />
        <Select
          label="Kind"
          value={kind()}
          onChange={(v) => setKind(v as ProgramSession["kind"] | "")}
          options={[{ value: "", label: "Every kind" }, ...sessionKinds.map((k) => ({ value: k, label: kindLabels[k] }))]}
        />
        <TextField
          label="Person or title"
          type="search"
          required={false}
          value={search()}
          onInput={setSearch}
          placeholder="Name, email or group title"
        />
        <Checkbox label="Late cancellations only" checked={lateOnly()} onChange={setLateOnly} class="self-end pb-2" />
      </form>

      <section aria-labelledby="sessions-summary-heading" class="flex flex-col gap-2">
        <h2 id="sessions-summary-heading" class="text-sm font-semibold text-slate-900">
          In the dates shown
          <Show when={shownCount() !== null}>
            <span class="font-normal text-slate-600"> ({shownCount()} matching the filters)</span>
          </Show>
        </h2>
        <Show when={summary.error}>
          <Alert tone="error">{errorMessage(summary.error)}</Alert>
        </Show>
        <dl class="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" aria-live="polite">
          <For each={counts()}>
            {(c) => (
              <div class="rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200">
                <dt class="text-xs font-medium text-slate-600">{c.label}</dt>
                <dd class="text-lg font-semibold text-slate-900">{c.n}</dd>
              </div>
            )}
          </For>
        </dl>
      </section>

      <div class="flex flex-wrap items-center justify-between gap-3">
        <ul aria-label="Colour key" class="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <For each={sessionStatuses}>
            {(s) => (
              <li class="inline-flex items-center gap-1.5">
                <span aria-hidden="true" class="inline-block size-3 rounded-sm" style={{ background: props.palette.colors[s] }} />
                {props.palette.labels[s]}
              </li>
            )}
          </For>
        </ul>
        <Button variant="secondary" size="sm" onClick={() => calendar?.changeView("listMonth")}>
          Show as a list
        </Button>
      </div>
      <Show when={loadError()}>
        <Alert tone="error">{errorMessage(loadError())}</Alert>
      </Show>
      <CalendarView
        label="All sessions of the program"
        onReady={(c) => {
          calendar = c;
        }}
        options={{
          initialView: "dayGridMonth",
          timeZone: displayTimeZone(),
          headerToolbar: { start: "prev,next today", center: "title", end: "dayGridMonth,timeGridWeek,listMonth" },
          // No inner scroller in any view: an empty week or day would leave one with nothing focusable in it, which a
          // keyboard cannot scroll (axe scrollable-region-focusable); the page scrolls instead.
          height: "auto",
          listText: "List",
          nowIndicator: true,
          navLinks: true,
          // As in My calendar: three sessions a day and a keyboard-reachable "+N more" in the month only.
          views: { dayGridMonth: { dayMaxEvents: 3 } },
          events,
          eventClick: (info) => {
            info.jsEvent.preventDefault();
            setOpen((info.event.extendedProps as { session: ProgramSession }).session);
          },
        }}
      />

      <Dialog open={open() !== null} onOpenChange={(o) => !o && setOpen(null)} title="Session">
        <Show when={open()}>
          {(s) => (
            <div class="flex flex-col gap-4">
              <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt class="font-medium text-slate-600">When</dt>
                <dd class="text-slate-900">
                  {timeRange(s().start)} to {clock(s().end)}
                </dd>
                <dt class="font-medium text-slate-600">{s().kind === "group" ? "Group session" : "Pair"}</dt>
                <dd class="text-slate-900">
                  {whoOf(s())}
                  <Show when={s().kind === "group"}>
                    <span class="block text-slate-600">
                      {s().seatsTaken} of {plural(s().capacity ?? 0, "seat")} taken
                    </span>
                  </Show>
                </dd>
                <dt class="font-medium text-slate-600">Status</dt>
                <dd class="text-slate-900">
                  {props.palette.labels[s().status]}
                  <Show when={s().lateCancellation}> (late cancellation)</Show>
                </dd>
                <Show when={s().cancelReason}>
                  <dt class="font-medium text-slate-600">Reason</dt>
                  <dd class="text-slate-900">{s().cancelReason}</dd>
                </Show>
                <Show when={s().participants.some((p) => p.attendance)}>
                  <dt class="font-medium text-slate-600">Attendance</dt>
                  <dd class="text-slate-900">
                    <ul>
                      <For each={s().participants}>
                        {(p) => (
                          <li>
                            {p.name}: {p.attendance ? attendanceLabels[p.attendance] : "not marked"}
                          </li>
                        )}
                      </For>
                    </ul>
                  </dd>
                </Show>
              </dl>
              <A href={`/sessions/${s().id}`} class={buttonClass("primary", "md", "self-start")}>
                Open the session record
              </A>
            </div>
          )}
        </Show>
      </Dialog>
    </div>
  );
}
