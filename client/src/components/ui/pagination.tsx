import { Button } from "./button";

/** Previous / next paging with the current position read out. */
export function Pagination(props: { page: number; pages: number; onChange: (page: number) => void; label?: string; disabled?: boolean }) {
  return (
    <nav aria-label={props.label ?? "Pagination"} class="flex items-center justify-between gap-3">
      <Button variant="secondary" size="sm" disabled={props.disabled || props.page <= 1} onClick={() => props.onChange(props.page - 1)}>
        <span aria-hidden="true">←</span> Previous
      </Button>
      <p class="text-sm text-slate-600" aria-live="polite">
        Page <span class="font-medium text-slate-900">{props.page}</span> of{" "}
        <span class="font-medium text-slate-900">{Math.max(1, props.pages)}</span>
      </p>
      <Button
        variant="secondary"
        size="sm"
        disabled={props.disabled || props.page >= props.pages}
        onClick={() => props.onChange(props.page + 1)}
      >
        Next <span aria-hidden="true">→</span>
      </Button>
    </nav>
  );
}
