/**
 * Metrics over the event stream: time to first token, inter-token gaps, tokens in/out, and
 * psr's own overhead. Overhead is measured as the generate stream's wall time minus the time
 * spent blocked inside the engine's `next()`: `withMetrics` (outermost) opens a per-request
 * account under the request's AbortSignal (the one object every layer passes down unchanged;
 * cheaper than entering AsyncLocalStorage around every pull) and `engineTimer` (innermost,
 * around the engine) has the stream time its source pulls into it. What remains is cache
 * lookups, gateway stages and the time the consumer takes between pulls (rendering and writing
 * to the socket). Both observe as stream runs (pipeline/fused-stream.ts): no layer of their own.
 */
import { performance } from 'node:perf_hooks';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { fuse, fusedStream, type EventSink, type SourceClock, type StageRun } from '../../pipeline/fused-stream.js';
import type { Generate, GenerateMiddleware } from '../generate.js';
import type { PsrMetrics } from './registry.js';

/** The account withMetrics is opening: engine timers called synchronously under it use it. */
let opening: SourceClock | undefined;
let openingUsed = false;
/** Accounts of requests whose engine is called later (after a cache lookup, a model refresh). */
const accounts = new WeakMap<AbortSignal, SourceClock>();

/** Options for {@link withMetrics}. */
export interface WithMetricsOptions {
  /** The engine that serves a request's model (label value). */
  engineOf?: (req: GenerateRequest) => string;
}

/** The metric children of one (model, engine) label pair: observing skips label validation. */
interface Series {
  ttft: { observe(v: number): void };
  gaps: { observe(v: number): void };
  overhead: { observe(v: number): void };
  tokensIn: { inc(v: number): void };
  tokensOut: { inc(v: number): void };
}

function seriesOf(metrics: PsrMetrics, model: string, engine: string): Series {
  const labels = { model, engine };
  return {
    ttft: metrics.timeToFirstToken.labels(labels),
    gaps: metrics.interTokenLatency.labels(labels),
    overhead: metrics.overhead.labels(labels),
    tokensIn: metrics.tokenCounts.child({ ...labels, direction: 'in' }),
    tokensOut: metrics.tokenCounts.child({ ...labels, direction: 'out' }),
  };
}

/** One response's observation; `acc` collects the engine's time (see {@link engineTimer}). */
class MetricsRun implements StageRun {
  readonly #series: Series;
  readonly #acc: SourceClock;
  readonly #signal: AbortSignal;
  /** The account waits in `accounts` for an engine called later. */
  deferred = false;
  #start = 0;
  #last: number | undefined;

  constructor(series: Series, acc: SourceClock, signal: AbortSignal) {
    this.#series = series;
    this.#acc = acc;
    this.#signal = signal;
  }

  start(): void {
    this.#start = performance.now();
  }

  push(event: EngineEvent, out: EventSink): void {
    if (event.type === 'reasoning' || event.type === 'content' || event.type === 'tool_call') {
      const now = performance.now();
      if (this.#last === undefined) this.#series.ttft.observe((now - this.#start) / 1000);
      else this.#series.gaps.observe((now - this.#last) / 1000);
      this.#last = now;
    } else if (event.type === 'usage') {
      this.#series.tokensIn.inc(event.promptTokens);
      this.#series.tokensOut.inc(event.completionTokens);
    }
    out.push(event);
  }

  close(): void {
    if (this.deferred && accounts.get(this.#signal) === this.#acc) accounts.delete(this.#signal);
    const total = performance.now() - this.#start;
    this.#series.overhead.observe(Math.max(0, total - this.#acc.engineMs) / 1000);
  }
}

/**
 * Observe every response's stream. Put it first (outermost) so cache hits are measured too.
 * @example composeGenerate(engineTimer(engine), withMetrics(metrics, { engineOf }), withCache(cache))
 */
export function withMetrics(metrics: PsrMetrics, opts: WithMetricsOptions = {}): GenerateMiddleware {
  // Label children per (model, engine); both label values come from short, bounded lists.
  const series = new Map<string, Series>();
  const seriesFor = (model: string, engine: string): Series => {
    const key = `${model}\u0000${engine}`;
    let hit = series.get(key);
    if (!hit) {
      if (series.size >= 1_000) series.clear();
      series.set(key, (hit = seriesOf(metrics, model, engine)));
    }
    return hit;
  };
  return function metricsMiddleware(next: Generate): Generate {
    return function measuredGenerate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
      const acc: SourceClock = { engineMs: 0 };
      const run = new MetricsRun(seriesFor(metrics.modelLabel(req.model), opts.engineOf?.(req) ?? 'unknown'), acc, signal);
      // Opened while `next` runs: an engine called right away takes the account with no lookup.
      const outerOpening = opening;
      const outerUsed = openingUsed;
      opening = acc;
      openingUsed = false;
      try {
        return fuse(next(req, signal), run);
      } finally {
        if (!openingUsed) {
          accounts.set(signal, acc);
          run.deferred = true;
        }
        opening = outerOpening;
        openingUsed = outerUsed;
      }
    };
  };
}

/**
 * Wrap the engine's Generate (innermost) so time blocked in it is not counted as overhead: its
 * stream times its own pulls when {@link withMetrics} opened an account for the request.
 * @example createPipeline(router, { engineMiddlewares: [engineTimer], middlewares: [withMetrics(metrics)] })
 */
export function engineTimer(engine: Generate): Generate {
  return function timedEngine(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const acc = opening ?? accounts.get(signal);
    if (opening) openingUsed = true;
    const events = engine(req, signal);
    return acc ? fusedStream(events).timeSource(acc) : events;
  };
}
