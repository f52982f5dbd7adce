import { A, useSearchParams } from "@solidjs/router";
import type { Calendar, EventInput, EventSourceFuncInfo } from "fullcalendar";
import { createSignal, For, Show } from "solid-js";
import { FullCalendar } from "../../components/calendar/full-calendar";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClass } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useLiveEvents } from "../../lib/socket";
import { displayTimeZone } from "../../lib/time-zone";
import { type CalendarSession, fetchSessions, sessionStatusColors, sessionStatusLabels } from "./queries";

/** Sessions are drawn and written in the viewer's profile zone; the other person's time is added when theirs differs. */
const viewerZone = () => displayTimeZone();

function formatIn(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short", timeZone }).format(date);
}
// timeStyle cannot be combined with timeZoneName, so the clock parts are spelled out.
function formatTimeIn(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone }).format(date);
}

function toEvent(s: CalendarSession): EventInput {
  const who = s.role === "mentor" ? "with mentee" : "with mentor";
  const name =
    s.kind === "group"
      ? `${s.title} (${s.role === "mentor" ? `hosting, ${s.seatsTaken} of ${plural(s.capacity ?? 0, "seat")}` : `with ${s.other?.name ?? "host"}`})`
      : `${s.other?.name ?? ""} (${who})`;
  return {
    id: s.id,
    title: `${name} · ${sessionStatusLabels[s.status]}`,
    start: s.start,
    end: s.end,
    color: sessionStatusColors[s.status],
    class: `session-${s.status}`,
    extendedProps: { session: s },
  };
}

/**
 * The signed-in person's sessions in month, week, day and list views. Only the visible range is fetched; a live
 * "session:changed" refetches it. The list view is the keyboard and screen-reader friendly alternative.
 */
export function SessionCalendar() {
  let calendar: Calendar | undefined;
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [open, setOpen] = createSignal<CalendarSession | null>(null);
  // A link from an email or notification: /calendar?date=YYYY-MM-DD&session=<id> opens that day and that session.
  const [params] = useSearchParams<{ date?: string; session?: string }>();
  const linkedDate = typeof params.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : undefined;
  let linkedSession = typeof params.session === "string" ? params.session : undefined;

  useLiveEvents(
    ["session:changed"],
    () => calendar?.refetchEvents(),
    () => calendar?.refetchEvents(),
  );

  const showList = () => calendar?.changeView("listMonth");

  return (
    <div class="flex flex-col gap-4">
      <div class="flex flex-wrap items-center justify-between gap-3">
        <ul aria-label="Colour key" class="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <For each={Object.keys(sessionStatusLabels) as CalendarSession["status"][]}>
            {(status) => (
              <li class="inline-flex items-center gap-1.5">
                <span aria-hidden="true" class="inline-block size-3 rounded-sm" style={{ background: sessionStatusColors[status] }} />
                {sessionStatusLabels[status]}
              </li>
            )}
          </For>
        </ul>
        <Button variant="secondary" size="sm" onClick={showList}>
          Show as a list
        </Button>
      </div>
      <Show when={loadError()}>
        <Alert tone="error">{errorMessage(loadError())}</Alert>
      </Show>
      <FullCalendar
        label="My sessions"
        onReady={(c) => {
          calendar = c;
        }}
        options={{
          initialView: "dayGridMonth",
          initialDate: linkedDate,
          timeZone: displayTimeZone(),
          headerToolbar: { start: "prev,next today", center: "title", end: "dayGridMonth,timeGridWeek,timeGridDay,listMonth" },
          // No inner scroller in any view: an empty week or day would leave one with nothing focusable in it, which a
          // keyboard cannot scroll (axe scrollable-region-focusable); the page scrolls instead.
          height: "auto",
          listText: "List",
          nowIndicator: true,
          navLinks: true,
          // A full day shows three sessions and a "+N more" button (focusable, Enter opens the day's popover), so a
          // busy month stays a few elements per day; week, day and list views keep every session.
          views: { dayGridMonth: { dayMaxEvents: 3 } },
          events: (info: EventSourceFuncInfo) =>
            fetchSessions(info.start, info.end).then(
              (sessions) => {
                setLoadError(null);
                const linked = linkedSession ? sessions.find((s) => s.id === linkedSession) : undefined;
                if (linked) {
                  linkedSession = undefined;
                  setOpen(linked);
                }
                return sessions.map(toEvent);
              },
              (err: unknown) => {
                setLoadError(err);
                return [];
              },
            ),
          eventClick: (info) => {
            info.jsEvent.preventDefault();
            setOpen((info.event.extendedProps as { session: CalendarSession }).session);
          },
        }}
      />
      <Dialog open={open() !== null} onOpenChange={(o) => !o && setOpen(null)} title="Session">
        <Show when={open()}>
          {(s) => (
            <>
              <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt class="font-medium text-slate-600">When</dt>
                <dd class="text-slate-900">
                  {formatIn(s().start, viewerZone())} to {formatTimeIn(s().end, viewerZone())}
                </dd>
                <Show when={s().kind === "group"}>
                  <dt class="font-medium text-slate-600">Group session</dt>
                  <dd class="text-slate-900">
                    {s().title}, {s().seatsTaken} of {plural(s().capacity ?? 0, "seat")} taken
                  </dd>
                </Show>
                <Show when={s().other}>
                  {(other) => (
                    <>
                      <dt class="font-medium text-slate-600">With</dt>
                      <dd class="text-slate-900">
                        {other().name}, your {s().kind === "group" ? "host" : s().role === "mentor" ? "mentee" : "mentor"}
                        <Show when={other().timeZone !== viewerZone()}>
                          <span class="block text-slate-600">
                            Their time: {formatTimeIn(s().start, other().timeZone)} to {formatTimeIn(s().end, other().timeZone)}
                          </span>
                        </Show>
                      </dd>
                    </>
                  )}
                </Show>
                <dt class="font-medium text-slate-600">Status</dt>
                <dd class="text-slate-900">
                  {sessionStatusLabels[s().status]}
                  <Show when={s().lateCancellation}> (late cancellation)</Show>
                </dd>
                <Show when={s().cancelReason}>
                  <dt class="font-medium text-slate-600">Reason</dt>
                  <dd class="text-slate-900">{s().cancelReason}</dd>
                </Show>
              </dl>
              <A href={`/sessions/${s().id}`} class={buttonClass("secondary", "sm", "mt-4")}>
                Open session record
              </A>
            </>
          )}
        </Show>
      </Dialog>
    </div>
  );
}
