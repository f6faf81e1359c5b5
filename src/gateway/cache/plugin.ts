/**
 * The HTTP side of the response cache: the `x-psr-cache` request header (force / no-cache)
 * becomes the request's `cache` field, and the outcome goes back as an `x-psr-cache` response
 * header (hit / miss / bypass) — set before the first byte, since the API pulls the first
 * event before it writes headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GenerateRequest } from '../../core/types.js';
import { CACHE_FIELD, directiveFromHeader } from './key.js';
import type { CacheOutcome } from './middleware.js';

/** Copy an `x-psr-cache` header into the JSON body's `cache` field (the body wins if it has one). */
export function applyCacheHeader(request: FastifyRequest): void {
  const directive = directiveFromHeader(request.headers['x-psr-cache']);
  const body = request.body;
  if (directive === undefined || !body || typeof body !== 'object' || Array.isArray(body)) return;
  const b = body as Record<string, unknown>;
  if (!(CACHE_FIELD in b)) b[CACHE_FIELD] = directive;
}

/**
 * Register the header mapping.
 * @example plugins: [authPlugin({ keys }), cachePlugin()]  and  withCache(cache, { onOutcome: cacheOutcomeHeader })
 */
export function cachePlugin() {
  return function installCacheHeader(app: FastifyInstance): void {
    app.addHook('preHandler', function cacheHeaderHook(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
      if (request.method === 'POST' && request.headers['x-psr-cache'] !== undefined) applyCacheHeader(request);
      done();
    });
  };
}

/** An `onOutcome` for withCache that reports the outcome as the `x-psr-cache` response header. */
export function cacheOutcomeHeader(req: GenerateRequest, outcome: CacheOutcome): void {
  req.context?.setHeader?.('x-psr-cache', outcome);
}
