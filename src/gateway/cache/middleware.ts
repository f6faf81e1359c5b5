/**
 * `withCache`: answer repeated requests from the response cache. A hit replays the stored
 * events, so streaming clients get a stream and non-streaming clients the same accumulated
 * body. Only complete responses are stored: not errored, not aborted, a finish for every choice.
 */
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import type { Generate, GenerateMiddleware } from '../generate.js';
import { withoutDirective } from './key.js';
import type { ResponseCache } from './response-cache.js';

/** What the cache did for one request. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/** Options for {@link withCache}. */
export interface WithCacheOptions {
  /** Told what happened, before the first event is yielded (e.g. to set an `x-psr-cache` header). */
  onOutcome?: (req: GenerateRequest, outcome: CacheOutcome) => void;
}

/** True when every choice finished: an interrupted stream must never become a cached answer. */
export function isComplete(events: EngineEvent[], n: number): boolean {
  const finished = new Set<number>();
  for (const e of events) if (e.type === 'finish') finished.add(e.choice);
  for (let i = 0; i < Math.max(1, n); i++) if (!finished.has(i)) return false;
  return true;
}

/**
 * Wrap a Generate with the response cache.
 * @example const generate = composeGenerate(engineGenerate, withMetrics(m), withCache(cache))
 */
export function withCache(cache: ResponseCache, opts: WithCacheOptions = {}): GenerateMiddleware {
  return function cacheMiddleware(next: Generate): Generate {
    // A request the cache does not keep gets the inner stream itself: no generator layer per event.
    return function cachedGenerate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
      const key = cache.keyFor(req);
      const engineReq = withoutDirective(req);
      if (key === undefined) {
        opts.onOutcome?.(req, 'bypass');
        return next(engineReq, signal);
      }
      return cachedStream(key, req, engineReq, signal);
    };
    async function* cachedStream(key: string, req: GenerateRequest, engineReq: GenerateRequest, signal: AbortSignal): AsyncGenerator<EngineEvent> {
      const found = await cache.get(key);
      if (found) {
        opts.onOutcome?.(req, 'hit');
        for (const event of found.events) {
          if (signal.aborted) return;
          yield event;
        }
        return;
      }
      opts.onOutcome?.(req, 'miss');
      const events: EngineEvent[] = [];
      for await (const event of next(engineReq, signal)) {
        events.push(event);
        yield event;
      }
      // Reached only when the engine ended normally and the consumer read to the end.
      if (!signal.aborted && isComplete(events, req.n)) await cache.set(key, { events, storedAt: Date.now() });
    }
  };
}
