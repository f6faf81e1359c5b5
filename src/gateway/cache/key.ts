/**
 * What makes two requests "the same" for the response cache, and which requests may be cached.
 *
 * The key is a sha256 of the canonical request: stable JSON (sorted keys, undefined dropped)
 * of the normalized GenerateRequest with the fields that cannot change the engine's output
 * removed. `user` is left out: no engine here conditions its output on it (OpenAI uses it for
 * abuse monitoring only), so identical prompts from different users share one entry. Transport
 * fields (`stream`, `includeUsage`) are left out too: the stored events serve both modes.
 */
import { createHash } from 'node:crypto';
import type { GenerateRequest } from '../../core/types.js';

/** How a request treats the cache: `force` caches even sampled requests, `bypass` skips it. */
export type CacheDirective = 'auto' | 'force' | 'bypass';

/** The request field (inside `extra`) that carries a client's cache directive. */
export const CACHE_FIELD = 'cache';

/** Stable JSON: object keys sorted, undefined values dropped, so key order never matters. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** Fields some API layers add to the request that only decide how events are delivered. */
const TRANSPORT_FIELDS = ['stream', 'streamOptions', 'includeUsage'];

/** The request without cache-irrelevant fields, defaults folded so equivalent requests match. */
export function canonicalRequest(req: GenerateRequest): Record<string, unknown> {
  const { user: _user, context: _context, extra, n, stop, ...all } = req;
  const rest: Record<string, unknown> = { ...all };
  for (const f of TRANSPORT_FIELDS) delete rest[f];
  const { [CACHE_FIELD]: _directive, ...keptExtra } = extra ?? {};
  return {
    ...rest,
    n: n === 1 ? undefined : n,
    stop: stop.length === 0 ? undefined : stop,
    extra: Object.keys(keptExtra).length === 0 ? undefined : keptExtra,
  };
}

/** The cache key for a request (`namespace` separates incompatible formats and deployments). */
export function cacheKey(req: GenerateRequest, namespace = 'psr:cache:v1'): string {
  const digest = createHash('sha256').update(stableJson(canonicalRequest(req))).digest('hex');
  return `${namespace}:${digest}`;
}

/**
 * Read a client's directive: `extra.cache` true/"force" forces, false/"no-cache"/"bypass"
 * bypasses. The API layer maps the `x-psr-cache` header onto the same field.
 */
export function cacheDirective(req: GenerateRequest): CacheDirective {
  const v = req.extra?.[CACHE_FIELD];
  if (v === true || v === 'force') return 'force';
  if (v === false || v === 'no-cache' || v === 'no-store' || v === 'bypass') return 'bypass';
  return 'auto';
}

/** Map an `x-psr-cache` header value to the `extra.cache` value (undefined: header absent/unknown). */
export function directiveFromHeader(value: string | string[] | undefined): boolean | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
  if (v === 'force' || v === 'true' || v === '1') return true;
  if (v === 'no-cache' || v === 'no-store' || v === 'bypass' || v === 'false' || v === '0') return false;
  return undefined;
}

/** Sampled output differs run to run; only temperature 0 or a fixed seed repeats itself. */
export function isDeterministic(req: GenerateRequest): boolean {
  return req.sampling?.temperature === 0 || req.sampling?.seed !== undefined;
}

/** The request as the engine should see it: the cache directive is psr's, not the upstream's. */
export function withoutDirective(req: GenerateRequest): GenerateRequest {
  if (!req.extra || !(CACHE_FIELD in req.extra)) return req;
  const { [CACHE_FIELD]: _d, ...extra } = req.extra;
  return { ...req, extra };
}
