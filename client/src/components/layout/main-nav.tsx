import { A, useLocation } from "@solidjs/router";
import { createEffect, createSignal, For, on, onCleanup, onMount } from "solid-js";

export type NavLink = { href: string; label: string; end: boolean };

/**
 * The main navigation. From the lg breakpoint (1024 px) up the links sit in the header in one row; below it (phones) a
 * "Menu" button discloses them as a full-width list under the header, so no link is cut off or hidden behind a
 * sideways scroll. A disclosure (aria-expanded and aria-controls on a plain button, plain links inside) rather
 * than role="menu": links keep working as links for every assistive technology. Opening moves focus to the first
 * link; Escape, a click outside, focus leaving, or following a link closes it, and Escape returns focus to the button.
 */
export function MainNav(props: { links: NavLink[] }) {
  const [open, setOpen] = createSignal(false);
  const location = useLocation();
  let root: HTMLElement | undefined;
  let button: HTMLButtonElement | undefined;
  let list: HTMLUListElement | undefined;

  const close = (refocus = false) => {
    if (!open()) return;
    setOpen(false);
    if (refocus) button?.focus();
  };

  // Any navigation (a link here, the browser's back button) closes the panel.
  createEffect(
    on(
      () => location.pathname,
      () => close(),
      { defer: true },
    ),
  );

  onMount(() => {
    const onPointer = (e: PointerEvent) => {
      if (open() && root && !root.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && open()) {
        e.preventDefault();
        close(true);
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    onCleanup(() => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    });
  });

  const toggle = () => {
    const next = !open();
    setOpen(next);
    if (next) queueMicrotask(() => list?.querySelector<HTMLAnchorElement>("a")?.focus());
  };

  return (
    <nav
      ref={root}
      aria-label="Main"
      class="flex items-center"
      onFocusOut={(e) => {
        if (open() && root && e.relatedTarget instanceof Node && !root.contains(e.relatedTarget)) close();
      }}
    >
      <button
        ref={button}
        type="button"
        class="inline-flex h-10 items-center gap-2 rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 lg:hidden"
        aria-expanded={open()}
        aria-controls="main-nav-links"
        onClick={toggle}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" class="size-5" fill="none" stroke="currentColor" stroke-width="1.75">
          {open() ? <path d="M5 5l10 10M15 5L5 15" stroke-linecap="round" /> : <path d="M3 6h14M3 10h14M3 14h14" stroke-linecap="round" />}
        </svg>
        Menu
      </button>
      <ul
        ref={list}
        id="main-nav-links"
        class="absolute inset-x-0 top-full z-40 flex-col gap-1 border-b border-slate-200 bg-white px-3 py-2 shadow-md lg:static lg:z-auto lg:flex lg:flex-row lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none"
        classList={{ flex: open(), hidden: !open() }}
      >
        <For each={props.links}>
          {(link) => (
            <li>
              <A
                href={link.href}
                end={link.end}
                class="block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 lg:py-1.5"
                activeClass="!bg-indigo-50 !text-indigo-700"
                onClick={() => close()}
              >
                {link.label}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
