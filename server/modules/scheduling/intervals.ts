/**
 * Half-open [start, end) intervals of epoch milliseconds as flat arrays `[s0, e0, s1, e1, ...]`. An "interval
 * list" is sorted, with no empty, overlapping or touching members, so set operations are linear merges and a
 * sorted stream of queries can walk it with one cursor.
 */
export type IntervalList = number[];

/** An interval list from pairs in any order; touching pairs merge, so availability 09:00-10:00 + 10:00-11:00 is one block. */
export function normalize(pairs: readonly number[]): IntervalList {
  const order: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1]! > pairs[i]!) order.push(i);
  order.sort((a, b) => pairs[a]! - pairs[b]!);
  const out: IntervalList = [];
  for (const i of order) {
    const start = pairs[i]!;
    const end = pairs[i + 1]!;
    const last = out.length - 1;
    if (out.length > 0 && start <= out[last]!) {
      if (end > out[last]!) out[last] = end;
    } else out.push(start, end);
  }
  return out;
}

/** The parts of `a` not covered by `b`. */
export function subtract(a: IntervalList, b: IntervalList): IntervalList {
  const out: IntervalList = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i]!;
    const end = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= start) j += 2;
    let k = j;
    while (k < b.length && b[k]! < end) {
      if (b[k]! > start) out.push(start, b[k]!);
      start = Math.max(start, b[k + 1]!);
      if (start >= end) break;
      k += 2;
    }
    if (start < end) out.push(start, end);
  }
  return out;
}

export function union(a: IntervalList, b: IntervalList): IntervalList {
  return normalize([...a, ...b]);
}

/**
 * Walks a sorted list of disjoint intervals for queries whose starts never decrease (the slot engine asks in
 * start order), so a whole range of candidates costs one pass over the list.
 */
export class IntervalCursor {
  private i = 0;

  constructor(private readonly list: readonly number[]) {}

  private seek(start: number): void {
    while (this.i < this.list.length && this.list[this.i + 1]! <= start) this.i += 2;
  }

  /** Whether one member holds all of [start, end). */
  contains(start: number, end: number): boolean {
    this.seek(start);
    return this.i < this.list.length && this.list[this.i]! <= start && end <= this.list[this.i + 1]!;
  }

  /** The index (of its start) of the first member overlapping [start, end), or -1. */
  overlapping(start: number, end: number): number {
    this.seek(start);
    return this.i < this.list.length && this.list[this.i]! < end ? this.i : -1;
  }
}
