import { useLocation } from "@solidjs/router";
import { createEffect, createSignal, type JSX, on, onCleanup, onMount, Show } from "solid-js";

/**
 * A labelled row of page links (program tabs, admin tabs) that scrolls sideways when it is wider than the screen.
 * A fade with an arrow on the side that has more links is the scroll cue, so a phone user sees that "Members" and
 * "Settings" are further along instead of a tab cut mid-word; the active link is scrolled into view on every page.
 * Links stay links inside a labelled nav (not role="tablist"): each one opens its own page.
 */
export function ScrollNav(props: { label: string; class?: string; children: JSX.Element }) {
  let scroller: HTMLElement | undefined;
  const [more, setMore] = createSignal({ left: false, right: false });
  const location = useLocation();

  const measure = () => {
    if (!scroller) return;
    const { scrollLeft, scrollWidth, clientWidth } = scroller;
    setMore({ left: scrollLeft > 1, right: scrollLeft + clientWidth < scrollWidth - 1 });
  };

  const showActive = () => {
    const active = scroller?.querySelector<HTMLElement>('[aria-current="page"]');
    if (active && scroller) {
      const { offsetLeft, offsetWidth } = active;
      if (offsetLeft < scroller.scrollLeft || offsetLeft + offsetWidth > scroller.scrollLeft + scroller.clientWidth) {
        scroller.scrollLeft = offsetLeft - 16;
      }
    }
    measure();
  };

  onMount(() => {
    const observer = new ResizeObserver(measure);
    if (scroller) {
      observer.observe(scroller);
      const list = scroller.firstElementChild;
      if (list) observer.observe(list);
    }
    requestAnimationFrame(showActive);
    onCleanup(() => observer.disconnect());
  });
  createEffect(
    on(
      () => location.pathname,
      () => requestAnimationFrame(showActive),
      { defer: true },
    ),
  );

  return (
    <div class={`relative ${props.class ?? ""}`}>
      <nav ref={scroller} aria-label={props.label} class="overflow-x-auto overscroll-x-contain" onScroll={measure}>
        <ul class="flex w-max min-w-full gap-1">{props.children}</ul>
      </nav>
      <Show when={more().left}>
        <div
          aria-hidden="true"
          data-scroll-cue="left"
          class="pointer-events-none absolute inset-y-0 left-0 flex w-10 items-center bg-gradient-to-r from-slate-50 via-slate-50/90 to-transparent pl-0.5 text-slate-500"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" class="size-4" fill="none" stroke="currentColor" stroke-width="2">
            <path d="M12 5l-5 5 5 5" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </div>
      </Show>
      <Show when={more().right}>
        <div
          aria-hidden="true"
          data-scroll-cue="right"
          class="pointer-events-none absolute inset-y-0 right-0 flex w-10 items-center justify-end bg-gradient-to-l from-slate-50 via-slate-50/90 to-transparent pr-0.5 text-slate-500"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" class="size-4" fill="none" stroke="currentColor" stroke-width="2">
            <path d="M8 5l5 5-5 5" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </div>
      </Show>
    </div>
  );
}
