/**
 * psr's Prometheus metrics, on a registry of their own (one per app, never prom-client's global
 * default, so two apps in one process or one test file never collide). Labels are model,
 * engine, endpoint, status, target, direction — never a user or an API key.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { CounterBatch } from './counter-batch.js';
import { StreamHistogram } from './stream-histogram.js';

/** Breaker states as gauge values: 0 closed, 1 half-open, 2 open. */
export const BREAKER_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** A breaker state, by name or as its gauge value. */
export type BreakerStateValue = keyof typeof BREAKER_STATE_VALUE | number;

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  /** Current cache hit ratio (0..1), read at scrape time. */
  cacheHitRatio?: () => number;
  /** Breaker state per upstream target, read at scrape time (the integrator feeds it). */
  breakerStates?: () => Record<string, BreakerStateValue>;
  /** Models that may appear as label values; others are labelled `other` (default: all). */
  knownModel?: (model: string) => boolean;
  /** Also export Node process metrics (default true). */
  processMetrics?: boolean;
}

type ModelEngine = 'model' | 'engine';

/** One label set of finished requests: its count and its time series. */
interface FinishedSeries {
  count: { inc(): void };
  time: { observe(value: number): void };
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Every metric psr exports, plus rendering for GET /metrics. */
export class PsrMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<ModelEngine | 'endpoint' | 'status'>;
  readonly responseTime: StreamHistogram<ModelEngine | 'endpoint'>;
  readonly cacheHitRatio: Gauge;
  readonly timeToFirstToken: StreamHistogram<ModelEngine>;
  readonly interTokenLatency: StreamHistogram<ModelEngine>;
  readonly overhead: StreamHistogram<ModelEngine>;
  readonly upstreamErrors: Counter<'target'>;
  readonly breakerState: Gauge<'target'>;
  readonly tokens: Counter<ModelEngine | 'direction'>;
  #knownModel: (model: string) => boolean;
  /** Finished requests per label set (see requestFinished). */
  readonly #finished = new Map<string, FinishedSeries>();
  readonly #requestCounts = new CounterBatch<ModelEngine | 'endpoint' | 'status'>(['model', 'engine', 'endpoint', 'status']);
  /** Tokens in and out, per model, engine and direction: counted on every usage event. */
  readonly tokenCounts = new CounterBatch<ModelEngine | 'direction'>(['model', 'engine', 'direction']);

  constructor(opts: MetricsOptions = {}) {
    const registers = [this.registry];
    this.#knownModel = opts.knownModel ?? (() => true);
    const requestCounts = this.#requestCounts;
    this.requests = new Counter({
      name: 'psycho_symbolic_requests_total', help: 'API requests by model, engine, endpoint and HTTP status', labelNames: ['model', 'engine', 'endpoint', 'status'], registers,
      collect() {
        requestCounts.flushInto(this);
      },
    });
    this.responseTime = new StreamHistogram({ name: 'psycho_symbolic_response_time_seconds', help: 'Time from request received to response finished (whole stream)', labelNames: ['model', 'engine', 'endpoint'], buckets: LATENCY_BUCKETS, registers });
    const ratio = opts.cacheHitRatio;
    this.cacheHitRatio = new Gauge({
      name: 'psycho_symbolic_cache_hit_ratio', help: 'Response cache hits / lookups since start', registers,
      collect() { if (ratio) this.set(ratio()); },
    });
    this.timeToFirstToken = new StreamHistogram({ name: 'psr_time_to_first_token_seconds', help: 'Time from generate start to the first reasoning, content or tool-call event', labelNames: ['model', 'engine'], buckets: LATENCY_BUCKETS, registers });
    this.interTokenLatency = new StreamHistogram({ name: 'psr_inter_token_latency_seconds', help: 'Gap between consecutive streamed output events of one response', labelNames: ['model', 'engine'], buckets: FAST_BUCKETS, registers });
    this.overhead = new StreamHistogram({ name: 'psr_overhead_seconds', help: "psr's own time per response: generate wall time minus time blocked waiting on the engine", labelNames: ['model', 'engine'], buckets: FAST_BUCKETS, registers });
    this.upstreamErrors = new Counter({ name: 'psr_upstream_errors_total', help: 'Failed calls to upstream targets', labelNames: ['target'], registers });
    const states = opts.breakerStates;
    this.breakerState = new Gauge({
      name: 'psr_breaker_state', help: 'Circuit breaker state per upstream target (0 closed, 1 half-open, 2 open)', labelNames: ['target'], registers,
      collect() {
        if (!states) return;
        this.reset();
        for (const [target, s] of Object.entries(states())) this.set({ target }, typeof s === 'number' ? s : BREAKER_STATE_VALUE[s]);
      },
    });
    const tokenCounts = this.tokenCounts;
    this.tokens = new Counter({
      name: 'psr_tokens_total', help: 'Tokens in (prompt) and out (completion) as reported by usage events', labelNames: ['model', 'engine', 'direction'], registers,
      collect() {
        tokenCounts.flushInto(this);
      },
    });
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'psr_' });
  }

  /** The model as a label value: unknown names collapse so clients cannot explode cardinality. */
  modelLabel(model: unknown): string {
    if (typeof model !== 'string' || model === '') return 'none';
    return this.#knownModel(model) ? model : 'other';
  }

  /**
   * Count one finished request and observe its time (seconds): per request, a map lookup and
   * a few additions (see CounterBatch).
   */
  requestFinished(model: string, engine: string, endpoint: string, status: number, seconds: number): void {
    const key = `${model}\u0000${engine}\u0000${endpoint}\u0000${status}`;
    let s = this.#finished.get(key);
    if (!s) {
      // Label values come from short, bounded lists; the cap only guards the cache (counts live in the batch).
      if (this.#finished.size >= 1_000) this.#finished.clear();
      const count = this.#requestCounts.child({ model, engine, endpoint, status: String(status) });
      this.#finished.set(key, (s = { count, time: this.responseTime.labels({ model, engine, endpoint }) }));
    }
    s.count.inc();
    s.time.observe(seconds);
  }

  /** Count a failed call to an upstream target. */
  upstreamError(target: string): void {
    this.upstreamErrors.inc({ target });
  }

  /** The text exposition for GET /metrics. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The Content-Type for {@link render}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * Create the metrics for one app.
 * @example const metrics = createMetrics({ cacheHitRatio: () => cache.counters().hitRatio })
 */
export function createMetrics(opts: MetricsOptions = {}): PsrMetrics {
  return new PsrMetrics(opts);
}
