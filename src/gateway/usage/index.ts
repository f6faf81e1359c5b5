/** The usage room: per-user counters on memory or Redis, the middleware and GET /v1/usage. */
export { MemoryUsageStore, RedisUsageStore, toReport, deltaFields } from './store.js';
export type { UsageStore, UsageDelta, UsageReport, UsageTotals } from './store.js';
export { withUsage, usageUser, MAX_USER_LENGTH } from './middleware.js';
export { usageHandler } from './handler.js';
export { usagePlugin } from './plugin.js';

import type { Redis } from 'ioredis';
import type { RedisLog } from '../redis.js';
import { MemoryUsageStore, RedisUsageStore, type UsageStore } from './store.js';

/** Usage counters on Redis when a client is given, else in memory. */
export function createUsageStore(redis?: Redis, log?: RedisLog): UsageStore {
  return redis ? new RedisUsageStore(redis, { log }) : new MemoryUsageStore();
}
