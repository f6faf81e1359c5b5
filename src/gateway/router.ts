/**
 * The model registry: model id → engine, built from each engine's models(). A miss asks
 * engines that can re-read their list (an upstream that was down at start) once, rate-limited.
 */
import { psrError } from '../core/errors.js';
import type { Engine, ModelCard } from '../core/types.js';

const REFRESH_EVERY_MS = 5_000;

/** Routes model ids to engines and lists every model. */
export class ModelRouter {
  readonly #engines: Engine[];
  #byModel = new Map<string, { engine: Engine; card: ModelCard }>();
  #lastRefresh = 0;

  /** @param engines in priority order: on a duplicate model id the first engine wins. */
  constructor(engines: Engine[]) {
    this.#engines = engines;
    this.#rebuild();
  }

  #rebuild(): void {
    const map = new Map<string, { engine: Engine; card: ModelCard }>();
    for (const engine of this.#engines) {
      for (const card of engine.models()) {
        if (!map.has(card.id)) map.set(card.id, { engine, card: { ...card, engine: engine.name } });
      }
    }
    this.#byModel = map;
  }

  /** Every engine, in priority order. */
  get engines(): readonly Engine[] {
    return this.#engines;
  }

  /** Every model card, each with its engine's name. */
  async list(): Promise<ModelCard[]> {
    if (this.#byModel.size === 0) await this.#refresh();
    return [...this.#byModel.values()].map((e) => e.card);
  }

  /** The engine and card for `model` if known right now (no refresh). */
  lookup(model: string): { engine: Engine; card: ModelCard } | undefined {
    return this.#byModel.get(model);
  }

  /** The engine and card for `model`; an unknown model is a 404 naming the `model` param. */
  async resolve(model: string): Promise<{ engine: Engine; card: ModelCard }> {
    const hit = this.#byModel.get(model);
    if (hit) return hit;
    await this.#refresh();
    const again = this.#byModel.get(model);
    if (again) return again;
    throw psrError('model_not_found', `The model '${model}' does not exist`, { param: 'model' });
  }

  async #refresh(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastRefresh < REFRESH_EVERY_MS) return;
    this.#lastRefresh = now;
    await Promise.allSettled(this.#engines.map((e) => e.refreshModels?.()));
    this.#rebuild();
  }

  /** Close every engine. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#engines.map((e) => e.close?.()));
  }
}
