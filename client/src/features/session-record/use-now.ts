import { createSignal, onCleanup } from "solid-js";

/** The current time, refreshed every 15 seconds, so buttons that open at a time open without a reload. */
export function useNow() {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 15_000);
  onCleanup(() => clearInterval(timer));
  return now;
}
