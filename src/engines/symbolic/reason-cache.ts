/** The reasoning cache: a bounded LRU of answers keyed by normalized question, context and user. */

/** Hit/miss counters as /health shows them. */
export interface ReasonCacheStats {
  hits: number;
  misses: number;
  hitRatio: number;
  size: number;
  capacity: number;
}

/** A least-recently-used map with stats. */
export class ReasonCache<V> {
  readonly #map = new Map<string, V>();
  readonly #capacity: number;
  #hits = 0;
  #misses = 0;

  constructor(capacity = 1000) {
    this.#capacity = Math.max(0, capacity);
  }

  /** The cached value, refreshed as most recent; counts a hit or a miss. */
  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#map.delete(key);
    this.#map.set(key, v);
    return v;
  }

  /** Store a value, evicting the least recently used past capacity. */
  set(key: string, value: V): void {
    if (this.#capacity === 0) return;
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#capacity) this.#map.delete(this.#map.keys().next().value!);
  }

  /** Counters for /health. */
  stats(): ReasonCacheStats {
    const total = this.#hits + this.#misses;
    return { hits: this.#hits, misses: this.#misses, hitRatio: total ? this.#hits / total : 0, size: this.#map.size, capacity: this.#capacity };
  }
}

/** The cache key: two different questions never share one. */
export function reasonKey(parts: { model: string; question: string; focus?: string; user?: string; system?: string }): string {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/[?.!\s]+$/, '').trim();
  return JSON.stringify([parts.model, norm(parts.question), parts.focus ?? '', parts.user ?? '', norm(parts.system ?? '')]);
}
