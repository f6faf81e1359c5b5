/**
 * The auth plugin for createApp's `plugins`: the API key check. List it FIRST so later ops
 * hooks (rate limits, usage) know the caller.
 */
import type { FastifyInstance } from 'fastify';
import { apiKeyAuth, type ApiKeyAuthOptions } from './hook.js';

/**
 * Install the API key hook on `app` (none when no keys are set).
 * @example createApp({ engines, plugins: [authPlugin({ keys }), rateLimitPlugin(limiter), …] })
 */
export function authPlugin(opts: ApiKeyAuthOptions) {
  return function installAuth(app: FastifyInstance): void {
    // Keys are fixed at start: with none, no hook to run on every request.
    if (opts.keys.enabled) app.addHook('onRequest', apiKeyAuth(opts));
  };
}
