import { Dialog as KDialog } from "@kobalte/core/dialog";
import { type JSX, Show } from "solid-js";

/** A modal dialog (Kobalte: focus trap, Escape to close, focus returns to the trigger, aria-modal). */
export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: JSX.Element;
  children?: JSX.Element;
  footer?: JSX.Element;
}) {
  return (
    <KDialog open={props.open} onOpenChange={props.onOpenChange}>
      <KDialog.Portal>
        <KDialog.Overlay class="fixed inset-0 z-40 bg-slate-900/40" />
        <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
          <KDialog.Content class="w-full max-w-md rounded-xl bg-white p-6 shadow-xl ring-1 ring-slate-200 focus:outline-none">
            <div class="flex items-start justify-between gap-4">
              <KDialog.Title class="text-lg font-semibold text-slate-900">{props.title}</KDialog.Title>
              <KDialog.CloseButton class="-m-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
                <span class="sr-only">Close</span>
                <svg class="size-5" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </KDialog.CloseButton>
            </div>
            <Show when={props.description}>
              <KDialog.Description class="mt-2 text-sm text-slate-600">{props.description}</KDialog.Description>
            </Show>
            <div class="mt-4">{props.children}</div>
            <Show when={props.footer}>
              <div class="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{props.footer}</div>
            </Show>
          </KDialog.Content>
        </div>
      </KDialog.Portal>
    </KDialog>
  );
}
