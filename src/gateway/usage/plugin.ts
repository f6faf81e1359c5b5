/** The usage plugin for createApp's `plugins`: GET /v1/usage (admin key when auth is on). */
import type { FastifyInstance } from 'fastify';
import type { KeyStore } from '../auth/keys.js';
import { usageHandler } from './handler.js';
import type { UsageStore } from './store.js';

/**
 * Register GET /v1/usage?user=… .
 * @example plugins: [authPlugin({ keys }), usagePlugin(usageStore, keys)]
 */
export function usagePlugin(store: UsageStore, keys: KeyStore) {
  return function installUsage(app: FastifyInstance): void {
    app.get('/v1/usage', usageHandler(store, keys));
  };
}
