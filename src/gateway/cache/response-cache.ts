/**
 * The response cache: policy (what may be cached), a store (memory LRU or Redis), TTL and
 * hit/miss statistics. `withCache` (./middleware.ts) puts it in front of a Generate.
 */
import type { Redis } from 'ioredis';
import type { GenerateRequest } from '../../core/types.js';
import type { RedisLog } from '../redis.js';
import { cacheDirective, cacheKey, isDeterministic } from './key.js';
import { MemoryCacheStore } from './memory-store.js';
import { RedisCacheStore } from './redis-store.js';
import type { CacheBackend, CacheStore, CachedResponse } from './store.js';

/** What /health shows about the cache. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses), 0 before the first lookup. */
  hitRatio: number;
  size: number;
  backend: CacheBackend;
  /** Backend failures (Redis outages) so far. */
  errors: number;
}

/** Options for {@link ResponseCache}. */
export interface ResponseCacheOptions {
  store: CacheStore;
  /** Entry lifetime (default 1 hour). */
  ttlMs?: number;
  /** Which requests are cacheable without a `force` directive (default: temperature 0 or a seed). */
  cacheable?: (req: GenerateRequest) => boolean;
  /** Key prefix, shared by every instance that should share entries. */
  namespace?: string;
}

/** Cache lookups and writes with statistics; never throws on backend trouble. */
export class ResponseCache {
  #store: CacheStore;
  #ttlMs: number;
  #cacheable: (req: GenerateRequest) => boolean;
  #namespace: string;
  #hits = 0;
  #misses = 0;

  constructor(opts: ResponseCacheOptions) {
    this.#store = opts.store;
    this.#ttlMs = opts.ttlMs ?? 3_600_000;
    this.#cacheable = opts.cacheable ?? isDeterministic;
    this.#namespace = opts.namespace ?? 'psr:cache:v1';
  }

  /** The key for a request, or undefined when this request must not use the cache. */
  keyFor(req: GenerateRequest): string | undefined {
    const directive = cacheDirective(req);
    if (directive === 'bypass') return undefined;
    if (directive === 'auto' && !this.#cacheable(req)) return undefined;
    return cacheKey(req, this.#namespace);
  }

  /** Look a key up, counting the hit or miss. */
  async get(key: string): Promise<CachedResponse | undefined> {
    const found = await this.#store.get(key);
    if (found) this.#hits++;
    else this.#misses++;
    return found;
  }

  /** Store a complete response. */
  async set(key: string, value: CachedResponse): Promise<void> {
    await this.#store.set(key, value, this.#ttlMs);
  }

  /** Hits, misses, ratio, size and backend, for /health. */
  async stats(): Promise<CacheStats> {
    return { ...this.counters(), size: await this.#store.size(), backend: this.#store.backend, errors: this.#store.errors() };
  }

  /** The synchronous part of the stats (for a metrics gauge). */
  counters(): { hits: number; misses: number; hitRatio: number } {
    const total = this.#hits + this.#misses;
    return { hits: this.#hits, misses: this.#misses, hitRatio: total === 0 ? 0 : this.#hits / total };
  }

  /** Drop every entry this cache owns. */
  async clear(): Promise<void> {
    await this.#store.clear();
  }
}

/** Config for {@link createResponseCache}. */
export interface CreateCacheOptions {
  /** Most entries in memory (CACHE_SIZE; 0 disables the memory cache). */
  size: number;
  maxBytes?: number;
  ttlMs?: number;
  /** When given, entries live in Redis (shared) instead of in memory. */
  redis?: Redis;
  namespace?: string;
  cacheable?: (req: GenerateRequest) => boolean;
  log?: RedisLog;
}

/**
 * A cache on Redis when a client is given, else a bounded memory LRU.
 * @example const cache = createResponseCache({ size: cfg.cache.size, ttlMs: cfg.cache.ttlSeconds * 1000, redis })
 */
export function createResponseCache(opts: CreateCacheOptions): ResponseCache {
  const namespace = opts.namespace ?? 'psr:cache:v1';
  const store = opts.redis
    ? new RedisCacheStore(opts.redis, { namespace, log: opts.log })
    : new MemoryCacheStore({ maxEntries: opts.size, maxBytes: opts.maxBytes });
  return new ResponseCache({ store, ttlMs: opts.ttlMs, cacheable: opts.cacheable, namespace });
}
