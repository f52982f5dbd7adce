import type { Calendar, EventInput, EventSourceFuncInfo } from "fullcalendar";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { FullCalendar } from "../../components/calendar/full-calendar";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { errorMessage } from "../../lib/errors";
import { useLiveEvents } from "../../lib/socket";
import { displayTimeZone } from "../../lib/time-zone";
import { fetchSlots, type Slot, type SlotsPage } from "./queries";

/** "Tue 3 Mar, 18:00-19:00" -> "18:00-19:00": the calendar already shows the day. */
export function clockOf(local: string): string {
  const comma = local.indexOf(", ");
  return comma >= 0 ? local.slice(comma + 2) : local;
}

const dayOf = (local: string) => local.slice(0, Math.max(0, local.indexOf(", ")));

/** The other person's time, or null when it reads the same as the viewer's (same offset at that moment). */
export function otherTimeOf(slot: Pick<Slot, "viewerLocal" | "otherLocal">): string | null {
  return slot.otherLocal.replace(/ \([^)]*\)$/, "") === slot.viewerLocal ? null : slot.otherLocal;
}

/**
 * The event text starts with the viewer's local time, so lists and screen readers read the time first; the
 * other person's time follows, with its day only when that is another day.
 */
export function slotTitle(slot: Slot, partnerName: string): string {
  const other = otherTimeOf(slot);
  if (!other) return `${clockOf(slot.viewerLocal)} · Available`;
  const theirs = dayOf(other) === dayOf(slot.viewerLocal) ? clockOf(other) : other;
  return `${clockOf(slot.viewerLocal)} · ${partnerName}'s time ${theirs}`;
}

/**
 * Below the sm breakpoint a week grid's columns are too narrow for "10:00-11:00" (labels were cut to "10:00-1"):
 * phones start on the week as a list, which shows every time whole; the grid is one tap away.
 */
const narrowScreen = () => typeof window !== "undefined" && window.matchMedia("(max-width: 639px)").matches;

/** Offered starts are 30 minutes apart; each block is drawn 30 minutes tall so they do not overlap. */
const BLOCK_MS = 30 * 60_000;

/**
 * The pair's free slots as bookable blocks in a week grid (or a week list, the keyboard and screen-reader
 * alternative). Only the visible range is fetched; a live "session:changed" fetches it again. Choosing a block
 * (click, or Enter on a focused block) calls `onPick`.
 */
export function SlotCalendar(props: {
  matchId: string;
  partnerName: string;
  onPick: (slot: Slot) => void;
  /** Starts (ISO) already picked, drawn in another colour (proposing several times). */
  picked?: readonly string[];
  controls?: (api: { refetch: () => void }) => void;
  label?: string;
}) {
  let calendar: Calendar | undefined;
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [whyNone, setWhyNone] = createSignal<string[]>([]);
  const [zone, setZone] = createSignal<string | null>(null);
  const refetch = () => calendar?.refetchEvents();
  props.controls?.({ refetch });

  useLiveEvents(["session:changed"], refetch, refetch);

  const isPicked = (start: string) => (props.picked ?? []).some((p) => Date.parse(p) === Date.parse(start));

  const looks = (slot: Slot) =>
    isPicked(slot.start)
      ? { title: `${slotTitle(slot, props.partnerName)} · chosen`, color: "#15803d" }
      : { title: slotTitle(slot, props.partnerName), color: "#4338ca" };

  const toEvent = (slot: Slot): EventInput => ({
    id: slot.start,
    ...looks(slot),
    start: slot.start,
    end: new Date(Math.min(Date.parse(slot.end), Date.parse(slot.start) + BLOCK_MS)),
    extendedProps: { slot },
  });

  // The profile's zone arrives with the signed-in person, possibly after the first week was fetched in the
  // browser's zone: redraw and refetch in it, so slot labels and "your time zone" always name the profile's.
  createEffect(
    on(
      displayTimeZone,
      (timeZone) => {
        calendar?.setOption("timeZone", timeZone);
        calendar?.refetchEvents();
      },
      { defer: true },
    ),
  );

  // Choosing times to propose recolours (and renames) the blocks in place, without fetching again.
  createEffect(
    on(
      () => [...(props.picked ?? [])],
      () => {
        for (const event of calendar?.getEvents() ?? []) {
          const { title, color } = looks((event.extendedProps as { slot: Slot }).slot);
          if (event.title !== title) {
            event.setProp("title", title);
            event.setProp("color", color);
          }
        }
      },
      { defer: true },
    ),
  );

  const load = (info: EventSourceFuncInfo) =>
    fetchSlots(props.matchId, info.start, info.end).then(
      (page: SlotsPage) => {
        setLoadError(null);
        setZone(page.viewerTimeZone);
        setWhyNone(page.slots.length === 0 ? page.whyNone : []);
        return page.slots.map(toEvent);
      },
      (err: unknown) => {
        setLoadError(err);
        setWhyNone([]);
        return [];
      },
    );

  return (
    <div class="flex flex-col gap-3">
      <div class="flex flex-wrap items-center justify-between gap-3">
        <p class="text-sm text-slate-600">
          Times are in your time zone<Show when={zone()}>{(z) => <> ({z()})</>}</Show>; the other person's local time is shown beside them
          when it differs.
        </p>
        <Button variant="secondary" size="sm" onClick={() => calendar?.changeView("listWeek")}>
          Show as a list
        </Button>
      </div>
      <Show when={loadError()}>
        <Alert tone="error">{errorMessage(loadError())}</Alert>
      </Show>
      <Show when={whyNone().length > 0}>
        <Alert tone="info" title="No free times this week">
          <ul class="list-disc pl-5">
            <For each={whyNone()}>{(sentence) => <li>{sentence}</li>}</For>
          </ul>
        </Alert>
      </Show>
      <FullCalendar
        label={props.label ?? "Available times"}
        onReady={(c) => {
          calendar = c;
        }}
        options={{
          initialView: narrowScreen() ? "listWeek" : "timeGridWeek",
          // The profile's zone, the same one the slot labels are written in (not the browser's).
          timeZone: displayTimeZone(),
          headerToolbar: { start: "prev,next today", center: "title", end: "timeGridWeek,listWeek" },
          listText: "List",
          firstDay: 1,
          allDaySlot: false,
          // The whole day, with no scroller of its own: an inner scroller with no free time in it (an empty or
          // still-loading week) could not be scrolled by keyboard (axe scrollable-region-focusable); the page scrolls.
          height: "auto",
          nowIndicator: true,
          displayEventTime: false,
          eventInteractive: true,
          validRange: (now: Date) => ({ start: now }),
          noEventsText: "No free times this week.",
          events: load,
          eventClick: (info) => {
            info.jsEvent.preventDefault();
            props.onPick((info.event.extendedProps as { slot: Slot }).slot);
          },
        }}
      />
    </div>
  );
}
