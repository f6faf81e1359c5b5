/**
 * A fixed set of slots (context sequences) with a bounded wait queue: requests beyond the free
 * slots wait in order; beyond `queueSize` waiters they fail fast with 429 queue_full.
 */
import { psrError } from '../../core/errors.js';

interface Waiter<T> {
  resolve(slot: T): void;
  reject(err: unknown): void;
}

/** A pool of reusable slots; `acquire` resolves with a slot that must be `release`d. */
export class SlotPool<T> {
  readonly #free: T[];
  readonly #waiters: Waiter<T>[] = [];
  readonly #queueSize: number;
  readonly #label: string;

  constructor(slots: T[], queueSize: number, label: string) {
    this.#free = [...slots];
    this.#queueSize = queueSize;
    this.#label = label;
  }

  /** Requests currently waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Slots not in use. */
  get available(): number {
    return this.#free.length;
  }

  /** Take a free slot, or wait for one; aborting `signal` leaves the queue at once. */
  acquire(signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(abortError(signal));
    const slot = this.#free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    if (this.#waiters.length >= this.#queueSize) {
      return Promise.reject(psrError('queue_full', `Model '${this.#label}' is busy: ${this.#waiters.length} requests are already queued; retry shortly`, { headers: { 'Retry-After': '1' } }));
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(abortError(signal));
      };
      const waiter: Waiter<T> = {
        resolve: (s) => { signal.removeEventListener('abort', onAbort); resolve(s); },
        reject,
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Give a slot back; the longest waiter gets it first. */
  release(slot: T): void {
    const next = this.#waiters.shift();
    if (next) next.resolve(slot);
    else this.#free.push(slot);
  }
}

/** The error a cancelled wait or generation rejects with. */
export function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error && signal.reason.name === 'AbortError') return signal.reason;
  return new DOMException('The request was aborted', 'AbortError');
}
