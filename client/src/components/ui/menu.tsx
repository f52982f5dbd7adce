import { createSignal, createUniqueId, type JSX, onCleanup, onMount, Show } from "solid-js";

/**
 * A disclosure menu: a button that shows a small panel of links and buttons. Plain links and buttons inside
 * (not role="menu") keep it simple for every assistive technology. Escape and clicks outside close it.
 */
export function DisclosureMenu(props: {
  label: string;
  trigger: JSX.Element;
  children: (close: () => void) => JSX.Element;
  class?: string;
}) {
  const [open, setOpen] = createSignal(false);
  const panelId = `menu-${createUniqueId()}`;
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;
  const close = () => setOpen(false);

  onMount(() => {
    const onPointer = (e: PointerEvent) => {
      if (open() && root && !root.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && open()) {
        close();
        button?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    onCleanup(() => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    });
  });

  return (
    <div
      ref={root}
      class={`relative ${props.class ?? ""}`}
      onFocusOut={(e) => {
        if (open() && root && e.relatedTarget instanceof Node && !root.contains(e.relatedTarget)) close();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-label={props.label}
        aria-expanded={open()}
        aria-controls={open() ? panelId : undefined}
        onClick={() => setOpen(!open())}
        class="inline-flex items-center gap-2 rounded-full p-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {props.trigger}
      </button>
      <Show when={open()}>
        <div id={panelId} class="absolute right-0 z-50 mt-2 w-60 origin-top-right rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
          {props.children(close)}
        </div>
      </Show>
    </div>
  );
}

export const menuItemClass =
  "flex w-full items-center rounded-md px-3 py-2 text-left text-sm text-slate-800 hover:bg-indigo-50 focus-visible:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600";
