/** The response cache room: policy + key, memory/Redis stores, middleware, warming. */
export { cacheKey, canonicalRequest, cacheDirective, directiveFromHeader, isDeterministic, stableJson, CACHE_FIELD } from './key.js';
export type { CacheDirective } from './key.js';
export type { CacheStore, CachedResponse, CacheBackend } from './store.js';
export { MemoryCacheStore } from './memory-store.js';
export { RedisCacheStore } from './redis-store.js';
export { ResponseCache, createResponseCache } from './response-cache.js';
export type { CacheStats, CreateCacheOptions } from './response-cache.js';
export { withCache, isComplete } from './middleware.js';
export type { CacheOutcome, WithCacheOptions } from './middleware.js';
export { warmCache, warmRequest } from './warm.js';
export type { WarmEntry, WarmReport } from './warm.js';
export { cachePlugin, cacheOutcomeHeader, applyCacheHeader } from './plugin.js';
