/** Small helpers the benchmarks share: order statistics and the machine's load, for Markdown rows. */
import { loadavg } from "node:os";

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

export const median = (xs: readonly number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

/** Milliseconds with a precision that suits their size. */
export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** The 1, 5 and 15 minute load averages, e.g. "1.2 0.9 0.8". */
export const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

/** Times `f` `runs` times after `warmup` untimed calls. */
export async function timeRuns(runs: number, warmup: number, f: () => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return times;
}
