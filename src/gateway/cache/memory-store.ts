/**
 * A bounded in-memory LRU with per-entry TTL, limited both by entry count and by the bytes of
 * the serialized events (a few huge answers must not push the process past its memory limit).
 */
import type { CacheStore, CachedResponse } from './store.js';

/** Bounds for {@link MemoryCacheStore}. */
export interface MemoryStoreOptions {
  /** Most entries kept (CACHE_SIZE). */
  maxEntries: number;
  /** Most bytes kept, counted as UTF-16 length of the serialized events (default 64 MiB). */
  maxBytes?: number;
  /** Clock, for TTL tests. */
  now?: () => number;
}

interface Slot {
  value: CachedResponse;
  bytes: number;
  expiresAt: number;
}

/** LRU over a Map: insertion order is recency order, re-inserted on every hit. */
export class MemoryCacheStore implements CacheStore {
  readonly backend = 'memory' as const;
  #slots = new Map<string, Slot>();
  #bytes = 0;
  #maxEntries: number;
  #maxBytes: number;
  #now: () => number;

  constructor(opts: MemoryStoreOptions) {
    this.#maxEntries = Math.max(0, opts.maxEntries);
    this.#maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.#now = opts.now ?? Date.now;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    this.#slots.delete(key);
    if (slot.expiresAt <= this.#now()) {
      this.#bytes -= slot.bytes;
      return undefined;
    }
    this.#slots.set(key, slot);
    return slot.value;
  }

  async set(key: string, value: CachedResponse, ttlMs: number): Promise<void> {
    const bytes = JSON.stringify(value.events).length;
    this.#drop(key);
    if (this.#maxEntries === 0 || bytes > this.#maxBytes || ttlMs <= 0) return;
    this.#slots.set(key, { value, bytes, expiresAt: this.#now() + ttlMs });
    this.#bytes += bytes;
    this.#evict();
  }

  async size(): Promise<number> {
    return this.#slots.size;
  }

  /** Bytes currently held. */
  bytes(): number {
    return this.#bytes;
  }

  async clear(): Promise<void> {
    this.#slots.clear();
    this.#bytes = 0;
  }

  errors(): number {
    return 0;
  }

  #drop(key: string): void {
    const old = this.#slots.get(key);
    if (!old) return;
    this.#slots.delete(key);
    this.#bytes -= old.bytes;
  }

  // Oldest first: expired entries and least-recently-used ones go until both bounds hold.
  #evict(): void {
    const now = this.#now();
    for (const [key, slot] of this.#slots) {
      const over = this.#slots.size > this.#maxEntries || this.#bytes > this.#maxBytes;
      if (!over && slot.expiresAt > now) break;
      this.#drop(key);
    }
  }
}
