/** The rate-limit plugin for createApp's `plugins` (after authPlugin, which identifies callers). */
import type { FastifyInstance } from 'fastify';
import { rateLimitHook, type RateLimitHookOptions } from './hook.js';
import type { RateLimiter } from './limiter.js';

/**
 * Install the preHandler that admits or refuses requests (a no-op when no limit is set).
 * @example plugins: [authPlugin({ keys }), rateLimitPlugin(new RateLimiter({ requestsPerMinute: 60, tokensPerMinute: 0, redis }))]
 */
export function rateLimitPlugin(limiter: RateLimiter, opts: RateLimitHookOptions = {}) {
  return function installRateLimit(app: FastifyInstance): void {
    // Limits are fixed at start: with none, no hook to run on every request.
    if (!limiter.enabled) return;
    app.addHook('preHandler', rateLimitHook(limiter, { applies: (r) => r.method === 'POST', ...opts }));
  };
}
