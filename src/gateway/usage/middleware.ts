/**
 * `withUsage`: count each response against its user — one request when the stream starts,
 * tokens when its usage event passes. The user is the request's `user` field, else the API
 * key's id, else nobody (not counted).
 */
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { fuse, type StageRun } from '../../pipeline/fused-stream.js';
import type { Generate, GenerateMiddleware } from '../generate.js';
import type { UsageStore } from './store.js';

/** Longest `user` value kept; longer ones are cut so clients cannot grow keys without bound. */
export const MAX_USER_LENGTH = 256;

/** The usage bucket for a request, or undefined when there is nobody to count it against. */
export function usageUser(req: GenerateRequest): string | undefined {
  if (typeof req.user === 'string' && req.user !== '') return req.user.slice(0, MAX_USER_LENGTH);
  const p = req.context?.principal;
  return p ? `key:${p.id}` : undefined;
}

/**
 * Wrap a Generate with per-user accounting (writes are not awaited by the stream).
 * @example composeGenerate(engine, withMetrics(m), withUsage(store), withCache(c))
 */
export function withUsage(store: UsageStore): GenerateMiddleware {
  return function usageMiddleware(next: Generate): Generate {
    // Nobody to count against: the inner stream untouched.
    return function countedGenerate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
      const user = usageUser(req);
      return user === undefined ? next(req, signal) : fuse(next(req, signal), usageRun(store, user, req.model));
    };
  };
}

/** Count one request when the stream starts and the tokens of its usage event as it passes. */
function usageRun(store: UsageStore, user: string, model: string): StageRun {
  return {
    start() {
      void store.record(user, model, { requests: 1 });
    },
    push(event, out) {
      if (event.type === 'usage') void store.record(user, model, { promptTokens: event.promptTokens, completionTokens: event.completionTokens });
      out.push(event);
    },
  };
}
