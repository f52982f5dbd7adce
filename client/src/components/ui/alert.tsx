import { type JSX, Show } from "solid-js";
import { Button } from "./button";

export type AlertTone = "info" | "success" | "warning" | "error";

const tones: Record<AlertTone, string> = {
  info: "bg-indigo-50 text-indigo-900 ring-indigo-200",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  error: "bg-red-50 text-red-900 ring-red-200",
};

const icons: Record<AlertTone, string> = {
  info: "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3a.75.75 0 0 0 1.5 0v-3.75A.75.75 0 0 0 10 9H9Z",
  success:
    "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z",
  warning:
    "M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  error:
    "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z",
};

/**
 * A message box. Errors use role="alert" so they are announced when they appear; other tones use role="status".
 */
export function Alert(props: { tone?: AlertTone; title?: string; children?: JSX.Element; actions?: JSX.Element; class?: string }) {
  const tone = () => props.tone ?? "info";
  return (
    <div
      role={tone() === "error" ? "alert" : "status"}
      class={`flex flex-col gap-3 rounded-lg p-4 ring-1 ring-inset sm:flex-row sm:items-start ${tones[tone()]} ${props.class ?? ""}`}
    >
      <div class="flex flex-1 gap-3">
        <svg class="mt-0.5 size-5 shrink-0" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path fill-rule="evenodd" clip-rule="evenodd" d={icons[tone()]} />
        </svg>
        <div class="min-w-0 text-sm">
          <Show when={props.title}>
            <p class="font-semibold">{props.title}</p>
          </Show>
          <div class={props.title ? "mt-1" : ""}>{props.children}</div>
        </div>
      </div>
      <Show when={props.actions}>
        <div class="flex shrink-0 gap-2 pl-8 sm:pl-0">{props.actions}</div>
      </Show>
    </div>
  );
}

/** A failed load with a "Try again" button: the same box on every page that reads data. */
export function RetryAlert(props: { message: string; onRetry: () => void; title?: string }) {
  return (
    <Alert
      tone="error"
      title={props.title}
      actions={
        <Button size="sm" variant="secondary" onClick={() => props.onRetry()}>
          Try again
        </Button>
      }
    >
      {props.message}
    </Alert>
  );
}
