/**
 * Request and failure counts over the last `windowMs`, kept in ten buckets so memory stays
 * constant however many requests pass (a bucket's requests expire together).
 */
const BUCKETS = 10;

interface Bucket {
  start: number;
  requests: number;
  failures: number;
}

/** A bucketed sliding window of outcomes. */
export class SlidingWindow {
  readonly #windowMs: number;
  readonly #bucketMs: number;
  #buckets: Bucket[] = [];

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
    this.#bucketMs = Math.max(1, windowMs / BUCKETS);
  }

  /** Count one outcome at time `now`. */
  record(now: number, failed: boolean): void {
    this.#prune(now);
    const start = Math.floor(now / this.#bucketMs) * this.#bucketMs;
    let last = this.#buckets[this.#buckets.length - 1];
    if (!last || last.start !== start) this.#buckets.push((last = { start, requests: 0, failures: 0 }));
    last.requests++;
    if (failed) last.failures++;
  }

  /** Totals of the buckets still inside the window at `now`. */
  counts(now: number): { requests: number; failures: number } {
    this.#prune(now);
    let requests = 0;
    let failures = 0;
    for (const b of this.#buckets) {
      requests += b.requests;
      failures += b.failures;
    }
    return { requests, failures };
  }

  /** Forget everything. */
  clear(): void {
    this.#buckets = [];
  }

  #prune(now: number): void {
    const oldest = now - this.#windowMs;
    // A bucket leaves once all of it is older than the window.
    while (this.#buckets.length && this.#buckets[0].start + this.#bucketMs <= oldest) this.#buckets.shift();
  }
}
