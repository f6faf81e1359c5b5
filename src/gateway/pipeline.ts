/**
 * The one request pipeline: route the model to its engine, fan out n when the engine can't,
 * run the stream stages, then the gateway middlewares around all of it.
 *
 *   middlewares[0]( … middlewares[k]( stages( fanOut?( engineMiddlewares( engine.generate ) ) ) ) )
 *   stages = before (reasoning splitter, tool-call parser) · central (stop, max tokens)
 *            · after · usage · last (phase summaries)
 *
 * Synchronous stages and middlewares join one FusedStream (pipeline/fused-stream.ts), so the
 * whole path costs about one async layer per event.
 */
import type { Engine, EngineEvent, GenerateRequest } from '../core/types.js';
import { centralStages } from '../pipeline/central.js';
import { fanOut } from '../pipeline/fan-out.js';
import { pipe, type Stage } from '../pipeline/stage.js';
import { usage } from '../pipeline/usage.js';
import { composeGenerate, type Generate, type GenerateMiddleware } from './generate.js';
import type { ModelRouter } from './router.js';

/** Where other features plug into the pipeline. */
export interface PipelineOptions {
  /** Stages right after the engine, before stop/max-tokens: reasoning splitter, tool-call parser. */
  before?: Stage[];
  /** Stages after the central ones, before usage. */
  after?: Stage[];
  /**
   * Stages after usage, which has already counted what they may drop: phase summaries (in
   * 'summarize' mode they replace raw reasoning, whose tokens the usage must still report).
   */
  last?: Stage[];
  /** Gateway middlewares around the whole pipeline, first = outermost: metrics, cache, usage accounting. */
  middlewares?: GenerateMiddleware[];
  /** Middlewares around each engine's own generate, innermost (e.g. metrics' engineTimer). */
  engineMiddlewares?: GenerateMiddleware[];
}

/** What one engine's requests run: its generate (fanned out when it can't do n) and its stages. */
interface EngineRoute {
  generate: Generate;
  stages: Stage[];
}

/** Build the Generate every route calls. Unknown models reject with model_not_found. */
export function createPipeline(router: ModelRouter, opts: PipelineOptions = {}): Generate {
  const routes = new Map<Engine, EngineRoute>(); // engines live as long as the router
  const routeOf = (engine: Engine): EngineRoute => {
    let route = routes.get(engine);
    if (route) return route;
    const native = engine.native ?? {};
    const base = composeGenerate((r, s) => engine.generate(r, s), ...(opts.engineMiddlewares ?? []));
    const stages = [...(opts.before ?? []), ...centralStages(native), ...(opts.after ?? []), usage, ...(opts.last ?? [])];
    route = { generate: native.n ? base : fanOut(base), stages };
    routes.set(engine, route);
    return route;
  };
  const run = (engine: Engine, req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> => {
    const route = routeOf(engine);
    return pipe(route.generate(req, signal), req, ...route.stages);
  };
  async function* afterRefresh(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const { engine } = await router.resolve(req.model);
    yield* run(engine, req, signal);
  }
  // A known model skips one generator layer per event; a miss may refresh the model lists first.
  const routed: Generate = function routedGenerate(req, signal) {
    const hit = router.lookup(req.model);
    return hit ? run(hit.engine, req, signal) : afterRefresh(req, signal);
  };
  return composeGenerate(routed, ...(opts.middlewares ?? []));
}
