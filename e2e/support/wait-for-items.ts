/**
 * Waits until a growing list (messages a test peer received) holds `count` items matching `filter`.
 * The peer calls every function in `waiters` after each arrival. Free of vitest so every test kind can use it.
 */
export function waitForItems<T>(
  items: T[],
  waiters: Set<() => void>,
  count: number,
  opts: { timeoutMs?: number; filter?: (item: T) => boolean },
  timeoutMessage: (got: number) => string,
): Promise<T[]> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const filter = opts.filter ?? (() => true);
  return new Promise((resolve, reject) => {
    const check = () => {
      const matching = items.filter(filter);
      if (matching.length >= count) {
        done();
        resolve(matching);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(timeoutMessage(items.filter(filter).length)));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      waiters.delete(check);
    };
    waiters.add(check);
    check();
  });
}
