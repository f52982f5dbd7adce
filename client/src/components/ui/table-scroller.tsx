import { createSignal, type JSX, onCleanup, onMount, Show } from "solid-js";

/**
 * A wide table's own scrolling box: when the columns need more room than the screen has, the table scrolls
 * sideways inside this box (never the page), a fade with an arrow shows the side that holds more, and the box
 * takes keyboard focus so arrow keys scroll it. Columns keep their minimum widths instead of being crushed.
 */
export function TableScroller(props: { label: string; class?: string; children: JSX.Element }) {
  let box: HTMLElement | undefined;
  const [more, setMore] = createSignal({ left: false, right: false });

  const measure = () => {
    if (!box) return;
    const { scrollLeft, scrollWidth, clientWidth } = box;
    setMore({ left: scrollLeft > 1, right: scrollLeft + clientWidth < scrollWidth - 1 });
  };

  onMount(() => {
    const observer = new ResizeObserver(measure);
    if (box) {
      observer.observe(box);
      const table = box.firstElementChild;
      if (table) observer.observe(table);
    }
    onCleanup(() => observer.disconnect());
  });

  const scrolls = () => more().left || more().right;

  return (
    <div class={`relative rounded-xl bg-white shadow-sm ring-1 ring-slate-200 ${props.class ?? ""}`}>
      <section
        ref={box}
        aria-label={props.label}
        // Focusable only while it scrolls: a keyboard user can then move it with the arrow keys.
        tabIndex={scrolls() ? 0 : undefined}
        onScroll={measure}
        class="overflow-x-auto overscroll-x-contain rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {props.children}
      </section>
      <Show when={more().left}>
        <div
          aria-hidden="true"
          data-scroll-cue="left"
          class="pointer-events-none absolute inset-y-0 left-0 flex w-8 items-center rounded-l-xl bg-gradient-to-r from-white via-white/80 to-transparent pl-0.5 text-slate-500"
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
          class="pointer-events-none absolute inset-y-0 right-0 flex w-8 items-center justify-end rounded-r-xl bg-gradient-to-l from-white via-white/80 to-transparent pr-0.5 text-slate-500"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" class="size-4" fill="none" stroke="currentColor" stroke-width="2">
            <path d="M8 5l5 5-5 5" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </div>
      </Show>
    </div>
  );
}
