/**
 * A histogram for the metrics observed on every streamed event (time to first token, gaps,
 * overhead). prom-client's Histogram validates and hashes the labels on every observe (about
 * half a microsecond); here a label set resolves once to its series, and observing is a bucket
 * search and three additions. It registers in a prom-client Registry and exports the same text.
 */
import type { Metric, Registry } from 'prom-client';

/** One exported sample, in the shape prom-client's Registry formats. */
interface Sample {
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
  metricName: string;
}

/** What a Registry reads from a metric. */
interface Exported {
  name: string;
  help: string;
  type: 'histogram';
  values: Sample[];
  aggregator: 'sum';
}

/** One label set's counts; buckets hold per-bucket (not cumulative) counts. */
class Series {
  readonly labels: Record<string, string>;
  readonly #bounds: readonly number[];
  buckets: number[];
  sum = 0;
  count = 0;

  constructor(labels: Record<string, string>, bounds: readonly number[]) {
    this.labels = labels;
    this.#bounds = bounds;
    this.buckets = bounds.map(() => 0);
  }

  /** Count `value` (non-finite values are dropped: they would poison the sum). */
  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const bounds = this.#bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        this.buckets[i]!++;
        break;
      }
    }
    this.sum += value;
    this.count++;
  }
}

/** Options for {@link StreamHistogram}, as for prom-client's Histogram. */
export interface StreamHistogramOptions<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  buckets: readonly number[];
  registers: Registry[];
}

/**
 * A prom-client compatible histogram whose label children are cheap to observe.
 * @example const ttft = new StreamHistogram({ name: 'ttft_seconds', help: '…', labelNames: ['model'], buckets: [0.1, 1], registers: [registry] }); ttft.labels({ model: 'm' }).observe(0.2)
 */
export class StreamHistogram<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #labelNames: readonly L[];
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(opts: StreamHistogramOptions<L>) {
    this.name = opts.name;
    this.help = opts.help;
    this.#labelNames = opts.labelNames;
    this.#bounds = [...opts.buckets].sort((a, b) => a - b);
    for (const registry of opts.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The series for one label set: keep it and observe on it. */
  labels(labels: Record<L, string>): { observe(value: number): void } {
    const key = this.#labelNames.map((n) => labels[n]).join('\u0000');
    let series = this.#series.get(key);
    if (!series) this.#series.set(key, (series = new Series({ ...labels }, this.#bounds)));
    return series;
  }

  /** Zero every series (kept, so children held by callers still count). */
  reset(): void {
    for (const s of this.#series.values()) {
      s.buckets = this.#bounds.map(() => 0);
      s.sum = 0;
      s.count = 0;
    }
  }

  /** The values as prom-client's Histogram gives them to the text format: bucket labels apart from the series'. */
  async getForPromString(): Promise<Exported> {
    const values: Sample[] = [];
    for (const s of this.#series.values()) {
      if (s.count === 0) continue;
      const bucket = `${this.name}_bucket`;
      let acc = 0;
      this.#bounds.forEach((le, i) => {
        acc += s.buckets[i]!;
        values.push({ labels: { le }, sharedLabels: s.labels, value: acc, metricName: bucket });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: bucket });
      values.push({ labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The values with every label on each value (prom-client's JSON form, without exemplars). */
  async get(): Promise<Exported> {
    const data = await this.getForPromString();
    const values = data.values.map(({ sharedLabels, ...rest }) => ({ ...rest, labels: { ...rest.labels, ...sharedLabels } }));
    return { ...data, values };
  }
}
