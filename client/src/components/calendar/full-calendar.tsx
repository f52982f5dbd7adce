import type { Calendar, CalendarOptions } from "fullcalendar";
import { createEffect, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import { Alert } from "../ui/alert";
import { LoadingBlock } from "../ui/spinner";

/**
 * Names that contain what the buttons show (WCAG 2.5.3): FullCalendar's own "This Month" on a button reading
 * "Today" fails label-in-name for speech-input users, who say what they see.
 */
const accessibleDefaults: CalendarOptions = {
  todayHint: (unitText: string) => `Today, this ${unitText}`,
  // Hooks for full-calendar.css: on a phone the toolbar wraps instead of pushing the page sideways.
  toolbarClass: "app-toolbar",
  toolbarTitleClass: "app-toolbar-title",
  // A list row's title is the whole slot ("18:00-19:00 · Amara's time 15:00-16:00 (Africa/Lagos)"): it wraps, never cut.
  listItemEventTitleClass: "app-list-title",
};

/**
 * FullCalendar puts a day's events (role="button" when clickable) straight into a role="list" container, which
 * is not a list of listitems; a named group says the same without the broken structure.
 */
function repairRoles(root: HTMLElement) {
  for (const list of root.querySelectorAll<HTMLElement>('[role="list"]')) {
    if (list.querySelector(':scope > :not([role="listitem"])')) list.setAttribute("role", "group");
  }
  // A week view's day header reads "Sun 1/31" but is named "Go to January 31, 2027" (WCAG 2.5.3 label-in-name):
  // the name starts with what it shows, so speech-input users can say it.
  for (const link of root.querySelectorAll<HTMLElement>('[role="link"][aria-label]')) {
    const label = link.getAttribute("aria-label") ?? "";
    const shown = link.textContent?.trim() ?? "";
    if (shown && !label.toLowerCase().includes(shown.toLowerCase()))
      link.setAttribute("aria-label", `${shown}, ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
  }
  // A month cell is named by its date alone, hiding the sessions shown in it (WCAG 2.5.3 label-in-name). When its
  // day-number link already names that date ("Go to 30 November"), the cell takes its name from what it shows: the date and its sessions.
  for (const cell of root.querySelectorAll<HTMLElement>('[role="gridcell"][aria-label]')) {
    const label = cell.getAttribute("aria-label");
    if (label && [...cell.querySelectorAll("[aria-label]")].some((el) => el.getAttribute("aria-label")?.includes(label))) {
      cell.removeAttribute("aria-label");
    }
  }
}

/**
 * A Solid wrapper around FullCalendar v7's vanilla Calendar: created on mount, destroyed on cleanup, and every
 * option that changes afterwards is passed on with setOption. The library is loaded only when a calendar mounts.
 * `events` may be a function source: FullCalendar calls it with the visible range whenever that range changes.
 */
export function FullCalendar(props: {
  options: CalendarOptions;
  /** Called once the calendar exists, for imperative calls (refetchEvents, changeView, unselect). */
  onReady?: (calendar: Calendar) => void;
  label: string;
  class?: string;
}) {
  let el!: HTMLDivElement;
  let calendar: Calendar | undefined;
  let disposed = false;
  const [state, setState] = createSignal<"loading" | "ready" | "failed">("loading");

  onMount(() => {
    import("./calendar-engine")
      .then(({ Calendar, plugins }) => {
        if (disposed) return;
        calendar = new Calendar(el, { ...accessibleDefaults, ...props.options, plugins });
        calendar.render();
        repairRoles(el);
        const observer = new MutationObserver(() => repairRoles(el));
        observer.observe(el, { subtree: true, childList: true });
        onCleanup(() => observer.disconnect());
        setState("ready");
        props.onReady?.(calendar);
      })
      .catch(() => setState("failed"));
  });

  // Options are compared one by one: only the ones that changed reach the calendar.
  createEffect(
    on(
      () => ({ ...props.options }),
      (next, prev) => {
        if (!calendar || !prev) return;
        const api = calendar;
        api.batchRendering(() => {
          for (const name of Object.keys(next) as (keyof CalendarOptions)[]) {
            if (next[name] !== prev[name]) api.setOption(name, next[name] as never);
          }
        });
      },
    ),
  );

  onCleanup(() => {
    disposed = true;
    calendar?.destroy();
    calendar = undefined;
  });

  return (
    <div class={props.class}>
      <Show when={state() === "loading"}>
        <LoadingBlock label="Loading the calendar" />
      </Show>
      <Show when={state() === "failed"}>
        <Alert tone="error">The calendar could not be loaded. Reload the page to try again.</Alert>
      </Show>
      <section aria-label={props.label} ref={el} class="app-calendar" />
    </div>
  );
}
