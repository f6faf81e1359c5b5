/**
 * The metrics plugin for createApp's `plugins`: the onResponse counter/histogram hook and
 * GET /metrics. Engine labels come from the model list (refreshed at most once a minute), and
 * models not in the list are labelled `other`, so clients cannot invent label values.
 */
import type { FastifyInstance } from 'fastify';
import type { ModelCard } from '../../core/types.js';
import type { GenerateRequest } from '../../core/types.js';
import { metricsHandler, metricsOnResponse } from './http.js';
import type { PsrMetrics } from './registry.js';

/** Anything that can list models with their engines (the API's ModelRouter). */
export interface ModelLister {
  list(): Promise<ModelCard[]>;
}

/** model → engine, from a lister, refreshed in the background at most every `everyMs`. */
export class EngineIndex {
  #lister?: ModelLister;
  #map = new Map<string, string>();
  #at = 0;
  #everyMs: number;

  constructor(lister?: ModelLister, everyMs = 60_000) {
    this.#lister = lister;
    this.#everyMs = everyMs;
  }

  /** Load the model list now. */
  async refresh(): Promise<void> {
    if (!this.#lister) return;
    this.#at = Date.now();
    const cards = await this.#lister.list().catch(() => [] as ModelCard[]);
    this.#map = new Map(cards.map((c) => [c.id, c.engine ?? 'unknown']));
  }

  /** The engine for a model, or undefined for an unknown model. */
  engineOf(model: string): string | undefined {
    if (!this.#map.has(model) && Date.now() - this.#at > this.#everyMs) void this.refresh();
    return this.#map.get(model);
  }

  /** True for listed models (used as PsrMetrics' knownModel). */
  known(model: string): boolean {
    return this.engineOf(model) !== undefined;
  }

  /** For withMetrics: the engine of a request's model. */
  forRequest = (req: GenerateRequest): string => this.engineOf(req.model) ?? 'unknown';
}

/**
 * Register the onResponse hook and GET /metrics.
 * @example plugins: [authPlugin({ keys }), metricsPlugin(metrics, engines)]
 */
export function metricsPlugin(metrics: PsrMetrics, engines: EngineIndex) {
  return async function installMetrics(app: FastifyInstance): Promise<void> {
    await engines.refresh();
    app.addHook('onResponse', metricsOnResponse(metrics, { engineOf: (m) => engines.engineOf(m) ?? 'unknown' }));
    app.get('/metrics', metricsHandler(metrics));
  };
}
