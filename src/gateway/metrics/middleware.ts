/**
 * Metrics over the event stream: time to first token, inter-token gaps, tokens in/out, and
 * psr's own overhead. Overhead is measured as the generate stream's wall time minus the time
 * spent blocked inside the engine's `next()`: `withMetrics` (outermost) opens a per-request
 * account under the request's AbortSignal (the one object every layer passes down unchanged;
 * cheaper than entering AsyncLocalStorage around every pull) and `engineTimer` (innermost,
 * around the engine) adds the engine's time to it. What remains is cache lookups, gateway stages and the time the
 * consumer takes between pulls (rendering and writing to the socket).
 */
import { performance } from 'node:perf_hooks';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import type { Generate, GenerateMiddleware } from '../generate.js';
import type { PsrMetrics } from './registry.js';

interface EngineAccount {
  engineMs: number;
}
const accounts = new WeakMap<AbortSignal, EngineAccount>();

/** Options for {@link withMetrics}. */
export interface WithMetricsOptions {
  /** The engine that serves a request's model (label value). */
  engineOf?: (req: GenerateRequest) => string;
}

const OUTPUT = new Set(['reasoning', 'content', 'tool_call']);

/**
 * Observe every response's stream. Put it first (outermost) so cache hits are measured too.
 * @example composeGenerate(engineTimer()(engine), withMetrics(metrics, { engineOf }), withCache(cache))
 */
export function withMetrics(metrics: PsrMetrics, opts: WithMetricsOptions = {}): GenerateMiddleware {
  return function metricsMiddleware(next: Generate): Generate {
    return async function* measuredGenerate(req: GenerateRequest, signal: AbortSignal): AsyncGenerator<EngineEvent> {
      const labels = { model: metrics.modelLabel(req.model), engine: opts.engineOf?.(req) ?? 'unknown' };
      const acc: EngineAccount = { engineMs: 0 };
      accounts.set(signal, acc);
      const start = performance.now();
      let last: number | undefined;
      // Label children resolved once: observe() per event then skips hashing the labels.
      let gaps: { observe(v: number): void } | undefined;
      const it = next(req, signal)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const r = await it.next();
          if (r.done) break;
          const event = r.value;
          if (OUTPUT.has(event.type)) {
            const now = performance.now();
            if (last === undefined) metrics.timeToFirstToken.observe(labels, (now - start) / 1000);
            else (gaps ??= metrics.interTokenLatency.labels(labels)).observe((now - last) / 1000);
            last = now;
          } else if (event.type === 'usage') {
            metrics.tokens.inc({ ...labels, direction: 'in' }, event.promptTokens);
            metrics.tokens.inc({ ...labels, direction: 'out' }, event.completionTokens);
          }
          yield event;
        }
      } finally {
        await it.return?.();
        accounts.delete(signal);
        const total = performance.now() - start;
        metrics.overhead.observe(labels, Math.max(0, total - acc.engineMs) / 1000);
      }
    };
  };
}

/**
 * Wrap the engine's Generate (innermost) so time blocked in it is not counted as overhead.
 * @example const inner = engineTimer(engine.generate.bind(engine))
 */
export function engineTimer(engine: Generate): Generate {
  return async function* timedEngine(req: GenerateRequest, signal: AbortSignal): AsyncGenerator<EngineEvent> {
    const it = engine(req, signal)[Symbol.asyncIterator]();
    try {
      const acc = accounts.get(signal);
      for (;;) {
        const t0 = performance.now();
        const r = await it.next();
        if (acc) acc.engineMs += performance.now() - t0;
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  };
}

/**
 * The same engine with `generate` wrapped by {@link engineTimer}; every other member is the
 * engine's own (methods bound to it, so engines with #private fields keep working).
 * @example createApp({ engines: engines.map(timedEngine), … })
 */
export function timedEngine<E extends { generate: Generate }>(engine: E): E {
  const timed = engineTimer((req, signal) => engine.generate(req, signal));
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === 'generate') return timed;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
