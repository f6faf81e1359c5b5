/**
 * `apiKeyAuth`: the onRequest hook that checks `Authorization: Bearer <key>` when keys are
 * configured. Off (a no-op) when none are. Public paths — the playground, /health and, unless
 * configured otherwise, /metrics — pass without a key.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { psrError } from '../../core/errors.js';
import { requestContext } from '../../api/request-context.js';
import type { Principal } from './context.js';
import type { KeyStore } from './keys.js';

/** Options for {@link apiKeyAuth}. */
export interface ApiKeyAuthOptions {
  keys: KeyStore;
  /** Paths served without a key; a trailing `*` matches a prefix (default: DEFAULT_PUBLIC_PATHS). */
  publicPaths?: string[];
  /** Require an admin key for /metrics (default false: scrapers usually sit inside the network). */
  metricsRequireAdmin?: boolean;
}

/** Served without a key by default: the playground page and its assets, health, metrics. */
export const DEFAULT_PUBLIC_PATHS = ['/', '/index.html', '/favicon.ico', '/playground*', '/static/*', '/web/*', '/health', '/metrics'];

/** The caller behind a request (undefined when auth is off or the path is public). */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return requestContext(request).principal;
}

/** Read the bearer token; anything else (Basic, empty, missing) is no token. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

function matches(path: string, patterns: string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

/**
 * Build the onRequest hook.
 * @example app.addHook('onRequest', apiKeyAuth({ keys: KeyStore.from(cfg.auth.keys, { user: cfg.auth.plainKeys }) }))
 */
export function apiKeyAuth(opts: ApiKeyAuthOptions) {
  const publicPaths = (opts.publicPaths ?? DEFAULT_PUBLIC_PATHS).filter((p) => !(opts.metricsRequireAdmin && p === '/metrics'));
  return async function apiKeyAuthHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!opts.keys.enabled) return;
    const path = request.url.split('?')[0];
    if (matches(path, publicPaths)) return;
    const token = bearerToken(request.headers.authorization);
    const principal = token === undefined ? undefined : opts.keys.verify(token);
    if (!principal) {
      // OpenAI's wording; the presented key is never echoed back (it may be a real secret).
      const message = token === undefined
        ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
        : 'Incorrect API key provided.';
      throw psrError('invalid_api_key', message);
    }
    requestContext(request, reply).principal = principal;
    if (path === '/metrics' && principal.role !== 'admin') {
      throw psrError('insufficient_permissions', 'An admin API key is required for /metrics');
    }
  };
}

/**
 * Throw unless the caller may use admin endpoints (/v1/usage). With auth off everything is
 * open, as the rest of the API is; with auth on only admin keys pass.
 */
export function requireAdmin(request: FastifyRequest, keys: KeyStore): void {
  if (!keys.enabled) return;
  const p = principalOf(request);
  if (!p) throw psrError('invalid_api_key', "You didn't provide an API key.");
  if (p.role !== 'admin') throw psrError('insufficient_permissions', 'This endpoint requires an admin API key');
}

/** pino redaction paths: authorization headers and keys never reach the logs. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'request.headers.authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'upstream.apiKey',
  'config.upstream.apiKey',
];
