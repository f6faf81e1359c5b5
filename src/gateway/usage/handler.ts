/** GET /v1/usage?user=…: a user's counters, for admin keys (or anyone when auth is off). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { psrError } from '../../core/errors.js';
import { requireAdmin } from '../auth/hook.js';
import type { KeyStore } from '../auth/keys.js';
import { toReport, type UsageReport, type UsageStore } from './store.js';

/**
 * The route handler.
 * @example app.get('/v1/usage', usageHandler(usageStore, keys))
 */
export function usageHandler(store: UsageStore, keys: KeyStore) {
  return async function usageRoute(request: FastifyRequest, _reply: FastifyReply): Promise<UsageReport> {
    requireAdmin(request, keys);
    const user = (request.query as Record<string, unknown> | undefined)?.user;
    if (typeof user !== 'string' || user === '') {
      throw psrError('missing_required_parameter', "Missing required parameter: 'user'", { param: 'user' });
    }
    return toReport(user, await store.fields(user));
  };
}
