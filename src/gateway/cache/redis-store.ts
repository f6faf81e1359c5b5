/**
 * The shared cache: entries as JSON with an EX ttl, so several psr instances (or workers)
 * answer each other's repeated requests. Redis going away turns every call into a miss or a
 * skipped write — never an error for the request — and the outage is logged once.
 */
import type { Redis } from 'ioredis';
import type { RedisLog } from '../redis.js';
import type { CacheBackend, CacheStore, CachedResponse } from './store.js';

/** Options for {@link RedisCacheStore}. */
export interface RedisStoreOptions {
  /** Key prefix the store owns; `size()` and `clear()` touch only keys under it. */
  namespace?: string;
  log?: RedisLog;
  /** Most keys `size()` counts before it stops scanning (default 100 000). */
  maxScan?: number;
}

/** A {@link CacheStore} on Redis that degrades to "no cache" on any Redis failure. */
export class RedisCacheStore implements CacheStore {
  #redis: Redis;
  #namespace: string;
  #log?: RedisLog;
  #maxScan: number;
  #errors = 0;
  #failing = false;

  constructor(redis: Redis, opts: RedisStoreOptions = {}) {
    this.#redis = redis;
    this.#namespace = opts.namespace ?? 'psr:cache:v1';
    this.#log = opts.log;
    this.#maxScan = opts.maxScan ?? 100_000;
  }

  get backend(): CacheBackend {
    // ioredis stays 'ready' for a moment after the socket dies; the last call's result counts too.
    return this.#redis.status === 'ready' && !this.#failing ? 'redis' : 'none';
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const raw = await this.#try(() => this.#redis.get(key));
    if (typeof raw !== 'string') return undefined;
    try {
      const parsed = JSON.parse(raw) as CachedResponse;
      return Array.isArray(parsed.events) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: CachedResponse, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await this.#try(() => this.#redis.set(key, JSON.stringify(value), 'PX', Math.ceil(ttlMs)));
  }

  async size(): Promise<number> {
    const counted = await this.#try(async () => {
      let cursor = '0';
      let n = 0;
      do {
        const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${this.#namespace}:*`, 'COUNT', 1000);
        cursor = next;
        n += keys.length;
      } while (cursor !== '0' && n < this.#maxScan);
      return n;
    });
    return counted ?? 0;
  }

  async clear(): Promise<void> {
    await this.#try(async () => {
      let cursor = '0';
      do {
        const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${this.#namespace}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await this.#redis.del(...keys);
      } while (cursor !== '0');
    });
  }

  errors(): number {
    return this.#errors;
  }

  // Every Redis call goes through here: count the failure, log the first of an outage, move on.
  async #try<T>(op: () => Promise<T>): Promise<T | undefined> {
    if (this.#redis.status !== 'ready') {
      this.#fail(new Error(`redis ${this.#redis.status}`));
      return undefined;
    }
    try {
      const out = await op();
      if (this.#failing) this.#log?.info({ cache: 'redis' }, 'response cache: redis back');
      this.#failing = false;
      return out;
    } catch (err) {
      this.#fail(err);
      return undefined;
    }
  }

  #fail(err: unknown): void {
    this.#errors++;
    if (this.#failing) return;
    this.#failing = true;
    this.#log?.warn({ cache: 'redis', err: err instanceof Error ? err.message : String(err) }, 'response cache: redis unavailable, serving without cache');
  }
}
