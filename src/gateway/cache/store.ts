/**
 * Where cached responses live. A response is stored as its EngineEvent list so a hit can be
 * replayed as a stream or accumulated into the same JSON body as the original.
 */
import type { EngineEvent } from '../../core/types.js';

/** One cached response. */
export interface CachedResponse {
  events: EngineEvent[];
  /** Epoch ms when it was stored. */
  storedAt: number;
}

/** Which backend answered. `none` means Redis is configured but unreachable right now. */
export type CacheBackend = 'memory' | 'redis' | 'none';

/** A key/value store with per-entry expiry; implementations never throw on backend outages. */
export interface CacheStore {
  readonly backend: CacheBackend;
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse, ttlMs: number): Promise<void>;
  /** Entries currently held (Redis: counted by scanning the namespace, bounded). */
  size(): Promise<number>;
  clear(): Promise<void>;
  /** Backend failures seen so far (always 0 for memory). */
  errors(): number;
}
