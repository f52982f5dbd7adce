import { createEffect, createSignal, on, onCleanup } from "solid-js";

/** A signal that follows `source` once it has stopped changing for `ms` (search boxes, live previews). */
export function createDebounced<T>(source: () => T, ms: number): () => T {
  const [value, setValue] = createSignal(source());
  createEffect(
    on(
      source,
      (v) => {
        const t = setTimeout(() => setValue(() => v), ms);
        onCleanup(() => clearTimeout(t));
      },
      { defer: true },
    ),
  );
  return value;
}
