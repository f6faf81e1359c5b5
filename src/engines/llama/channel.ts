/**
 * A push-to-pull bridge: the generation task pushes events as the model produces them, the
 * consumer iterates. The producer never waits for the consumer, so an abort frees the sequence
 * even when nobody reads again; a consumer that stops iterating cancels the producer.
 */

/** An async iterable fed by `push`, closed by `end` or `fail`. */
export class Channel<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #done = false;
  #error: unknown;
  #wake?: () => void;
  readonly #onCancel: () => void;

  /** `onCancel` runs when the consumer stops early (break, return, throw). */
  constructor(onCancel: () => void) {
    this.#onCancel = onCancel;
  }

  /** Queue an item for the consumer. */
  push(item: T): void {
    if (this.#done) return;
    this.#items.push(item);
    this.#wake?.();
  }

  /** No more items. */
  end(): void {
    this.#done = true;
    this.#wake?.();
  }

  /** Deliver an error after the queued items. */
  fail(err: unknown): void {
    this.#error = err ?? new Error('generation failed');
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    let finished = false;
    try {
      for (;;) {
        const item = this.#items.shift();
        if (item !== undefined) { yield item; continue; }
        if (this.#done) break;
        await new Promise<void>((resolve) => { this.#wake = resolve; });
        this.#wake = undefined;
      }
      finished = true;
      if (this.#error !== undefined) throw this.#error;
    } finally {
      // in case the consumer left early, tell the producer to stop generating
      if (!finished) this.#onCancel();
    }
  }
}
