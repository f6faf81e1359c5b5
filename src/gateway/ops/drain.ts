/**
 * Graceful shutdown for streams: every generation runs through the Drain middleware, so at
 * the shutdown deadline the ones still running can be ended as a PsrError `shutting_down`.
 * The API turns that into an SSE `error` event on a started stream (or a 503 before the first
 * byte), so a client is told why its stream stopped instead of seeing a cut connection.
 */
import { psrError } from '../../core/errors.js';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { fusedStream, type FusedStream, type StageRun } from '../../pipeline/fused-stream.js';
import type { Generate, GenerateMiddleware } from '../generate.js';

/** The generations running now, and who waits for none to be left. */
class RunningSet {
  readonly #running = new Set<DrainedRun>();
  #idle: Array<() => void> = [];
  expired = false;

  get size(): number {
    return this.#running.size;
  }

  /** Register a generation, or refuse it when the switch is already thrown. */
  enter(run: DrainedRun): void {
    if (this.expired) throw shuttingDown();
    this.#running.add(run);
  }

  leave(run: DrainedRun): void {
    this.#running.delete(run);
    if (this.#running.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Expire every running generation; returns how many there were. */
  expireAll(): number {
    this.expired = true;
    const cut = this.#running.size;
    for (const r of [...this.#running]) r.expire();
    return cut;
  }

  idle(): Promise<void> {
    if (this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}

/** In-flight generations, and the switch that ends them. */
export class Drain {
  readonly #running = new RunningSet();

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
    return this.#running.expireAll();
  }

  /** Resolves once nothing is running. */
  idle(): Promise<void> {
    return this.#running.idle();
  }

  #run(next: Generate, req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    if (this.#running.expired) return refused();
    // The deadline must be able to stop the engine: with the caller's own controller (the HTTP
    // routes hand it over in the request context) through that; else through one of ours.
    const own = req.context?.controller;
    if (own?.signal === signal) {
      const stream = fusedStream(next(req, signal)).interruptible();
      return stream.add(new DrainedRun(this.#running, stream, own));
    }
    const ac = new AbortController();
    const stream = fusedStream(next(req, ac.signal)).interruptible();
    return stream.add(new DrainedRun(this.#running, stream, ac, signal));
  }
}

/**
 * One generation under the drain: registered while it runs, ended at the deadline. `ac`
 * controls the engine's signal; `forwardFrom`, when the engine got a signal of the drain's own,
 * is the caller's, whose abort is passed on.
 */
class DrainedRun implements StageRun {
  readonly #running: RunningSet;
  readonly #stream: FusedStream;
  readonly #ac: AbortController;
  readonly #forwardFrom: AbortSignal | undefined;
  #expired: Error | undefined;

  constructor(running: RunningSet, stream: FusedStream, ac: AbortController, forwardFrom?: AbortSignal) {
    this.#running = running;
    this.#stream = stream;
    this.#ac = ac;
    this.#forwardFrom = forwardFrom;
  }

  start(): void {
    this.#running.enter(this);
    this.#forwardFrom?.addEventListener('abort', this); // removed in close()
  }

  /** The caller's signal fired: pass it on to the engine. */
  handleEvent(): void {
    this.#ac.abort(this.#forwardFrom?.reason);
  }

  expire(): void {
    this.#expired = psrError('shutting_down', 'The server is shutting down and ended this response at its shutdown deadline');
    // The deadline interrupts an engine that is waiting on a slow token: it rejects the pull in
    // progress, or fails the next one.
    this.#stream.interrupt(this.#expired);
  }

  close(): void {
    this.#forwardFrom?.removeEventListener('abort', this);
    // The reason says who ended it: the HTTP layer reports a PsrError to the client.
    if (this.#expired) this.#ac.abort(this.#expired);
    this.#running.leave(this);
  }
}

function shuttingDown(): Error {
  return psrError('shutting_down', 'The server is shutting down; retry on another instance');
}

/** The stream of a generation refused at shutdown: it fails when first pulled. */
async function* refused(): AsyncGenerator<EngineEvent> {
  throw shuttingDown();
}
