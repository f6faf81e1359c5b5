/**
 * The upstream side of the gateway as one Engine: several OpenAI-compatible targets, each with
 * its own circuit breaker, tried in the model's fallback order with retries and first-byte /
 * idle timeouts. Each request is shaped for its model first (reasoning_effort mapped, history
 * reasoning in the upstream's form). An all-open chain fails before any output, so the client
 * gets a plain HTTP 503 naming the targets rather than a broken stream.
 */
import { psrError } from '../core/errors.js';
import type { Engine, EngineEvent, EngineHealth, EmbedRequest, EmbedResult, GenerateRequest, ModelCard, NativeSupport } from '../core/types.js';
import { UpstreamEngine } from '../engines/upstream/engine.js';
import type { BreakerBoard, CircuitBreaker } from '../engines/upstream/resilience/circuit-breaker.js';
import { assertAvailable, withFallback, type FallbackOptions, type FallbackTarget } from '../engines/upstream/resilience/fallback.js';
import type { Generate } from './generate.js';
import { effortFields, historyMessage, type ModelConfig, type ResolvedModelConfig } from './model-config.js';
import type { UpstreamTarget } from './upstream-targets.js';

/** Options for the chain engine. */
export interface UpstreamChainOptions extends Pick<FallbackOptions, 'retry' | 'onFailure' | 'sleep'> {
  /** Engine name (default 'upstream'). */
  name?: string;
  targets: UpstreamTarget[];
  /** Breakers, shared with /health and metrics; one per target name. */
  board: BreakerBoard;
  /** The configuration of a model (upstream order, timeouts, effort mapping, history form). */
  modelConfig: (model: string) => ResolvedModelConfig;
  /** TCP/TLS connect timeout per attempt (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** Keep-alive connections per target (default 1024). */
  connections?: number;
}

interface Member {
  target: UpstreamTarget;
  engine: UpstreamEngine;
  breaker: CircuitBreaker;
  /** Model ids of the target, rebuilt when its list changes. */
  ids: { list: readonly ModelCard[]; set: Set<string> };
  lastRefresh: number;
}

/** One model's way through the targets, kept while its config and the targets' model lists stand. */
interface Route {
  cfg: ResolvedModelConfig;
  /** The chain's members before filtering by model, and the model list each had. */
  candidates: Member[];
  lists: ReadonlyArray<readonly ModelCard[]>;
  /** The candidates serving the model, in fallback order, and their fallback targets. */
  members: Member[];
  targets: FallbackTarget[];
  generate: Generate;
}

const REDISCOVER_MS = 10_000;

/** Nested objects merged key by key; `top` wins on conflicts. */
function deepMerge(base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) {
    const b = out[k];
    const both = [b, v].every((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
    out[k] = both ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/**
 * The request as this model's upstreams want it: reasoning_effort under the upstream's own
 * field (the client's explicit extra fields still win), replayed reasoning in its form.
 */
export function shapeForUpstream(req: GenerateRequest, cfg: Pick<ModelConfig, 'reasoningEffort' | 'historyReasoning'>): GenerateRequest {
  const out: GenerateRequest = { ...req };
  if (req.reasoningEffort !== undefined) {
    delete out.reasoningEffort;
    out.extra = deepMerge(effortFields(cfg.reasoningEffort, req.reasoningEffort), req.extra);
  }
  if (req.input.kind === 'chat') out.input = { kind: 'chat', messages: req.input.messages.map((m) => historyMessage(m, cfg.historyReasoning)) };
  return out;
}

/** Several upstream targets behind breakers, retries, timeouts and fallback. */
export class UpstreamChainEngine implements Engine {
  readonly name: string;
  readonly native: NativeSupport = { n: true, stop: true, maxTokens: true };
  readonly #members: Member[];
  readonly #opts: UpstreamChainOptions;
  readonly #routes = new Map<string, Route>();

  constructor(opts: UpstreamChainOptions) {
    this.name = opts.name ?? 'upstream';
    this.#opts = opts;
    this.#members = opts.targets.map((target) => ({
      target,
      // Always stream from the upstream: first-byte and idle timeouts then mean the same for
      // streamed and whole responses. Per-model timeouts replace undici's fixed ones.
      engine: new UpstreamEngine({
        url: target.url, apiKey: target.apiKey, models: target.models, name: target.name,
        streamUpstream: true, connectTimeoutMs: opts.connectTimeoutMs ?? 10_000, headersTimeoutMs: 0, bodyTimeoutMs: 0,
        connections: opts.connections ?? 1024,
      }),
      breaker: opts.board.get(target.name),
      ids: { list: [], set: new Set() },
      lastRefresh: 0,
    }));
  }

  /** The targets, in default fallback order. */
  get targets(): readonly UpstreamTarget[] {
    return this.#members.map((m) => m.target);
  }

  models(): ModelCard[] {
    const seen = new Map<string, ModelCard>();
    for (const m of this.#members) for (const card of m.engine.models()) if (!seen.has(card.id)) seen.set(card.id, card);
    return [...seen.values()];
  }

  async refreshModels(): Promise<void> {
    await Promise.allSettled(this.#members.map((m) => this.#refresh(m)));
  }

  #refresh(m: Member): Promise<void> {
    m.lastRefresh = Date.now();
    return m.engine.refreshModels();
  }

  #serves(m: Member, model: string): boolean {
    const list = m.engine.models();
    if (m.ids.list !== list) m.ids = { list, set: new Set(list.map((c) => c.id)) };
    if (list.length === 0) this.#rediscover(m);
    return m.ids.set.has(model);
  }

  /** A target that was down at start has no list yet: look again now and then, in the background. */
  #rediscover(m: Member): void {
    if (Date.now() - m.lastRefresh > REDISCOVER_MS) this.#refresh(m).catch(() => undefined);
  }

  /**
   * The route for `model`: its members in fallback order and the fallback chain over them,
   * built once and rebuilt when its configuration or a candidate's model list changes.
   */
  #route(model: string): Route {
    const cfg = this.#opts.modelConfig(model);
    const hit = this.#routes.get(model);
    if (hit && hit.cfg === cfg && this.#fresh(hit)) return hit;
    const route = this.#build(model, cfg);
    if (this.#routes.size >= 1_000) this.#routes.clear(); // model ids are few; this only bounds a flood of odd ones
    this.#routes.set(model, route);
    return route;
  }

  #fresh(route: Route): boolean {
    const { candidates, lists } = route;
    for (let i = 0; i < candidates.length; i++) {
      const list = candidates[i]!.engine.models();
      if (list !== lists[i]) return false;
      if (list.length === 0) this.#rediscover(candidates[i]!);
    }
    return true;
  }

  /** The route's members: named ones first, 'default' = all the rest, then those that serve `model`. */
  #build(model: string, cfg: ResolvedModelConfig): Route {
    const byName = new Map(this.#members.map((m) => [m.target.name, m]));
    const order: Member[] = [];
    for (const name of cfg.upstreams) {
      const named = byName.get(name);
      if (named) order.push(named);
      else if (name === 'default' || name === '*') order.push(...this.#members);
    }
    const candidates = [...new Set(order)];
    const lists = candidates.map((m) => m.engine.models());
    const members = candidates.filter((m) => this.#serves(m, model));
    const { firstByteMs, idleMs } = cfg.timeouts;
    const targets: FallbackTarget[] = members.map((m) => {
      const limits = { firstByteMs, idleMs, target: m.target.name };
      return { name: m.target.name, breaker: m.breaker, generate: (r, s) => m.engine.stream(r, s, limits) };
    });
    const { retry, onFailure, sleep } = this.#opts;
    return { cfg, candidates, lists, members, targets, generate: withFallback(targets, { retry, onFailure, sleep }) };
  }

  /** Synchronous checks first (no target, all breakers open), so they surface as HTTP errors. */
  generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const route = this.#route(req.model);
    if (route.members.length === 0) throw psrError('model_not_found', `The model '${req.model}' is not served by any upstream target of its chain (${route.cfg.upstreams.join(', ')})`, { param: 'model' });
    assertAvailable(route.targets);
    return route.generate(shapeForUpstream(req, route.cfg), signal);
  }

  /** Embeddings go to the first target that serves the model and whose breaker lets us through. */
  async embed(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
    const { members } = this.#route(req.model);
    const member = members.find((m) => m.breaker.state !== 'open') ?? members[0];
    if (!member) throw psrError('model_not_found', `The model '${req.model}' does not exist`, { param: 'model' });
    return member.engine.embed(req, signal);
  }

  /** Each target's reachability and breaker; ok while at least one target can serve. */
  async health(): Promise<EngineHealth> {
    const targets = await Promise.all(
      this.#members.map(async (m) => {
        const h = await m.engine.health();
        return { name: m.target.name, ok: h.ok, ...(h.error ? { error: h.error } : {}), url: h.detail?.url, models: m.engine.models().length, breaker: m.breaker.snapshot() };
      }),
    );
    const ok = targets.some((t) => t.ok && t.breaker.state !== 'open');
    return { ok, detail: { targets }, ...(ok ? {} : { error: 'no upstream target is available' }) };
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#members.map((m) => m.engine.close()));
  }
}
