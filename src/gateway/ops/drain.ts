/**
 * Graceful shutdown for streams: every generation runs through the Drain middleware, so at
 * the shutdown deadline the ones still running can be ended as a PsrError `shutting_down`.
 * The API turns that into an SSE `error` event on a started stream (or a 503 before the first
 * byte), so a client is told why its stream stopped instead of seeing a cut connection.
 */
import { psrError } from '../../core/errors.js';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import type { Generate, GenerateMiddleware } from '../generate.js';

interface Running {
  expire(): void;
}

/** In-flight generations, and the switch that ends them. */
export class Drain {
  #running = new Set<Running>();
  #expired = false;
  #idle: Array<() => void> = [];

  /** How many generations are running. */
  get active(): number {
    return this.#running.size;
  }

  /** The middleware that registers each generation (list it outermost). */
  middleware(): GenerateMiddleware {
    return (next: Generate): Generate => (req, signal) => this.#run(next, req, signal);
  }

  /** End every running generation with `shutting_down`, and refuse new ones; returns how many were cut. */
  expire(): number {
    this.#expired = true;
    const cut = this.#running.size;
    for (const r of [...this.#running]) r.expire();
    return cut;
  }

  /** Resolves once nothing is running. */
  idle(): Promise<void> {
    if (this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #done(entry: Running): void {
    this.#running.delete(entry);
    if (this.#running.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  async *#run(next: Generate, req: GenerateRequest, signal: AbortSignal): AsyncGenerator<EngineEvent> {
    if (this.#expired) throw psrError('shutting_down', 'The server is shutting down; retry on another instance');
    const ac = new AbortController();
    const forward = () => ac.abort(signal.reason);
    signal.addEventListener('abort', forward, { once: true });
    let expired: Error | undefined;
    // The deadline interrupts an engine that is waiting on a slow token: it rejects the pull in
    // progress (a hand-made race: Promise.race against one long-lived promise would pile up a
    // reaction on it per event) or fails the next one.
    let interrupt: ((err: Error) => void) | undefined;
    const entry: Running = {
      expire: () => {
        expired = psrError('shutting_down', 'The server is shutting down and ended this response at its shutdown deadline');
        interrupt?.(expired);
      },
    };
    this.#running.add(entry);
    const it = next(req, ac.signal)[Symbol.asyncIterator]();
    const pull = (): Promise<IteratorResult<EngineEvent>> => {
      if (expired) return Promise.reject(expired);
      return new Promise((resolve, reject) => {
        interrupt = reject;
        it.next().then(resolve, reject);
      });
    };
    try {
      for (;;) {
        const r = await pull();
        interrupt = undefined;
        if (r.done) return;
        yield r.value;
      }
    } finally {
      signal.removeEventListener('abort', forward);
      if (expired) {
        ac.abort();
        // the inner generator may still be suspended in next(); do not wait for it
        void it.return?.()?.catch(() => undefined);
      } else {
        await it.return?.();
      }
      this.#done(entry);
    }
  }
}
