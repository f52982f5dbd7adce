import { Dialog as KDialog } from "@kobalte/core/dialog";
import { type JSX, Show } from "solid-js";

/** The first control a dialog opens on: one marked `data-autofocus`, else the first field. */
const FIRST_FIELD = "[data-autofocus], input:not([type=hidden]):not(:disabled), textarea:not(:disabled), select:not(:disabled)";

/**
 * A modal dialog (Kobalte: focus trap, Escape to close, aria-modal).
 * It opens on its first field, or on the dialog itself when it has none, never on the close button: a space
 * typed on arrival would close it. On closing, focus goes to `returnFocus()` when it names an element (the
 * result of what the dialog did: "Request sent", "Session booked"), else back to what opened it, else, when that
 * is gone, to the main landmark.
 */
export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: JSX.Element;
  children?: JSX.Element;
  footer?: JSX.Element;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  let content: HTMLDivElement | undefined;
  let body: HTMLDivElement | undefined;
  let opener: HTMLElement | null = null;
  return (
    <KDialog open={props.open} onOpenChange={props.onOpenChange}>
      <KDialog.Portal>
        <KDialog.Overlay class="fixed inset-0 z-40 bg-slate-900/40" />
        <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
          <KDialog.Content
            ref={content}
            tabIndex={-1}
            class="w-full max-w-md rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 focus:outline-none"
            onOpenAutoFocus={(e) => {
              const active = document.activeElement;
              opener = active instanceof HTMLElement && active !== document.body ? active : null;
              e.preventDefault();
              (body?.querySelector<HTMLElement>(FIRST_FIELD) ?? content)?.focus();
            }}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              const back = opener?.isConnected && !opener.matches(":disabled") ? opener : null;
              opener = null;
              (props.returnFocus?.() ?? back ?? document.getElementById("main"))?.focus();
            }}
          >
            <div class="flex items-start justify-between gap-4">
              <KDialog.Title class="text-lg font-semibold text-slate-900">{props.title}</KDialog.Title>
              <KDialog.CloseButton
                class="-m-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
                aria-label="Close"
              >
                <svg class="size-5" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </KDialog.CloseButton>
            </div>
            <Show when={props.description}>
              <KDialog.Description class="mt-2 text-sm text-slate-600">{props.description}</KDialog.Description>
            </Show>
            <div ref={body}>
              <div class="mt-4">{props.children}</div>
              <Show when={props.footer}>
                <div class="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{props.footer}</div>
              </Show>
            </div>
          </KDialog.Content>
        </div>
      </KDialog.Portal>
    </KDialog>
  );
}
