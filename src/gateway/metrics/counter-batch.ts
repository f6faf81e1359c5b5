/**
 * Counts for a prom-client Counter, kept per label set as plain numbers and added to the
 * counter when it is read (from its collect()). Counting on a child is one addition, where
 * Counter#inc hashes and validates the labels on every call; /metrics shows the same totals.
 */
import type { Counter } from 'prom-client';

/** A label set's counts not yet added to the counter. */
class Pending<L extends string> {
  readonly labels: Record<L, string>;
  value = 0;

  constructor(labels: Record<L, string>) {
    this.labels = labels;
  }

  inc(by = 1): void {
    this.value += by;
  }
}

/**
 * @example const batch = new CounterBatch(['route']); new Counter({ …, collect() { batch.flushInto(this) } }); batch.child({ route: '/a' }).inc()
 */
export class CounterBatch<L extends string> {
  readonly #labelNames: readonly L[];
  readonly #series = new Map<string, Pending<L>>();

  constructor(labelNames: readonly L[]) {
    this.#labelNames = labelNames;
  }

  /** The counts of one label set: keep it and call inc() on it. */
  child(labels: Record<L, string>): { inc(by?: number): void } {
    const key = this.#labelNames.map((n) => labels[n]).join('\u0000');
    let series = this.#series.get(key);
    if (!series) this.#series.set(key, (series = new Pending({ ...labels })));
    return series;
  }

  /** Add what was counted since the last flush to `counter`. */
  flushInto(counter: Counter<L>): void {
    for (const s of this.#series.values()) {
      if (s.value === 0) continue;
      counter.inc(s.labels, s.value);
      s.value = 0;
    }
  }
}
