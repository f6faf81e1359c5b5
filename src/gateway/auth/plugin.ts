/**
 * The auth plugin for createApp's `plugins`: the per-request ops context hooks plus the API
 * key check. List it FIRST so every later ops hook finds the context.
 */
import type { FastifyInstance } from 'fastify';
import { opsContextHooks } from './context.js';
import { apiKeyAuth, type ApiKeyAuthOptions } from './hook.js';

/**
 * Install the ops context and API key hooks on `app` (auth is a no-op when no keys are set).
 * @example createApp({ engines, plugins: [authPlugin({ keys }), rateLimitPlugin(limiter), …] })
 */
export function authPlugin(opts: ApiKeyAuthOptions) {
  return function installAuth(app: FastifyInstance): void {
    const ctx = opsContextHooks();
    app.addHook('onRequest', ctx.onRequest);
    app.addHook('preValidation', ctx.preValidation);
    // Keys are fixed at start: with none, no hook to run on every request.
    if (opts.keys.enabled) app.addHook('onRequest', apiKeyAuth(opts));
  };
}
