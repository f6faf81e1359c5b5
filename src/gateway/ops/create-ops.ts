/**
 * The production features of `psr serve`, assembled from the config in one place: Redis (when
 * REDIS_URL is set), the response cache, metrics, API keys, rate limits, usage counters and
 * graceful draining. startServer plugs the result into createApp; nothing here is required —
 * with nothing configured everything runs in memory and auth and limits are off.
 */
import type { Redis } from 'ioredis';
import type { PsrConfig } from '../../config.js';
import type { AppOptions, AppPlugin } from '../../api/app.js';
import type { ApiContext } from '../../api/context.js';
import { authPlugin, KeyStore } from '../auth/index.js';
import { cacheOutcomeHeader, cachePlugin, createResponseCache, warmCache, withCache, type ResponseCache, type WarmReport } from '../cache/index.js';
import type { GenerateMiddleware } from '../generate.js';
import { createMetrics, EngineIndex, engineTimer, metricsPlugin, withMetrics, type BreakerStateValue, type PsrMetrics } from '../metrics/index.js';
import { RateLimiter, rateLimitPlugin, withUsageReport } from '../ratelimit/index.js';
import { closeRedis, createRedis, waitForRedis, type RedisLog } from '../redis.js';
import { createUsageStore, usagePlugin, withUsage, type UsageStore } from '../usage/index.js';
import { Drain } from './drain.js';
import { opsHttpPlugin } from './http-hooks.js';
import { withMaxTokens } from './max-tokens.js';

/** What the upstream side (breakers, fallback) reports into; see {@link Ops.upstream}. */
export interface UpstreamObserver {
  /** A failed attempt against a target (feeds psr_upstream_errors_total). */
  onFailure(event: { target: string }): void;
  /** Where psr_breaker_state reads breaker states at scrape time. */
  setBreakerStates(read: () => Record<string, BreakerStateValue>): void;
}

/** The assembled ops features of one psr process. */
export interface Ops {
  redis?: Redis;
  cache: ResponseCache;
  usage: UsageStore;
  limiter: RateLimiter;
  keys: KeyStore;
  metrics: PsrMetrics;
  drain: Drain;
  /** createApp plugins, in order (auth first: later hooks read the caller it finds). */
  plugins: AppPlugin[];
  /** Pipeline middlewares, first = outermost. */
  middlewares: GenerateMiddleware[];
  /** createApp options with the ops plugins (first), middlewares (outermost) and engine timing added. */
  appOptions(base: AppOptions): AppOptions;
  /** Run cfg.cache.warm through the app's pipeline (after createApp); failures are reported. */
  warm(): Promise<WarmReport>;
  upstream: UpstreamObserver;
  close(): Promise<void>;
}

/**
 * Build the ops features for `cfg`; waits (briefly, never fatally) for Redis so warming and
 * the first requests see it.
 * @example const ops = await createOps(cfg, log); const app = await createApp(ops.appOptions({ engines })); await ops.warm()
 */
export async function createOps(cfg: PsrConfig, log?: RedisLog): Promise<Ops> {
  const redis = cfg.redis ? createRedis(cfg.redis.url, { name: 'psr', log }) : undefined;
  if (redis && !(await waitForRedis(redis, 3000))) log?.warn({ redis: 'psr' }, 'redis not reachable at start; running on memory fallbacks until it is');
  const keys = KeyStore.from(cfg.auth.keys);
  const cache = createResponseCache({ size: cfg.cache.size, maxBytes: cfg.cache.maxBytes, ttlMs: cfg.cache.ttlSeconds * 1000, redis, log });
  const usage = createUsageStore(redis, log);
  const limiter = new RateLimiter({ requestsPerMinute: cfg.rateLimit.requestsPerMinute, tokensPerMinute: cfg.rateLimit.tokensPerMinute, redis });
  let engines: EngineIndex | undefined;
  let api: ApiContext | undefined;
  let breakerStates: () => Record<string, BreakerStateValue> = () => ({});
  const metrics = createMetrics({
    cacheHitRatio: () => cache.counters().hitRatio,
    knownModel: (m) => engines?.known(m) ?? false,
    breakerStates: () => breakerStates(),
  });
  const drain = new Drain();
  const plugins: AppPlugin[] = [
    (_app, ctx) => void (api = ctx),
    authPlugin({ keys, metricsRequireAdmin: cfg.auth.metricsRequireAdmin, publicPaths: cfg.auth.publicPaths }),
    opsHttpPlugin({ cfg, cache, usage, metrics }),
    rateLimitPlugin(limiter, { defaultMaxTokens: cfg.maxTokens || undefined }),
  ];
  if (cfg.cache.enabled) plugins.push(cachePlugin());
  if (cfg.metrics.enabled) {
    plugins.push(async (app, ctx) => {
      engines = new EngineIndex(ctx.router);
      await metricsPlugin(metrics, engines)(app);
    });
  }
  if (cfg.usage.enabled) plugins.push(usagePlugin(usage, keys));
  // first = outermost: drain can end any stream; metrics sees cache hits; the cache is
  // innermost so replayed responses still count as usage and against token limits
  const middlewares: GenerateMiddleware[] = [drain.middleware(), withMaxTokens(cfg.maxTokens)];
  if (cfg.metrics.enabled) middlewares.push(withMetrics(metrics, { engineOf: (r) => engines?.forRequest(r) ?? 'unknown' }));
  middlewares.push(withUsageReport());
  if (cfg.usage.enabled) middlewares.push(withUsage(usage));
  if (cfg.cache.enabled) middlewares.push(withCache(cache, { onOutcome: cacheOutcomeHeader }));
  // Metrics time the engine's own pulls to tell psr's overhead apart.
  const engineMiddlewares: GenerateMiddleware[] = cfg.metrics.enabled ? [engineTimer] : [];
  return {
    redis, cache, usage, limiter, keys, metrics, drain, plugins, middlewares,
    appOptions: (base) => ({
      ...base,
      plugins: [...plugins, ...(base.plugins ?? [])],
      pipeline: {
        ...base.pipeline,
        middlewares: [...middlewares, ...(base.pipeline?.middlewares ?? [])],
        engineMiddlewares: [...(base.pipeline?.engineMiddlewares ?? []), ...engineMiddlewares],
      },
    }),
    warm: async () => (api && cfg.cache.enabled && cfg.cache.warm.length ? warmCache(api.generate, cfg.cache.warm) : { warmed: 0, failed: [] }),
    upstream: {
      onFailure: (e) => metrics.upstreamError(e.target),
      setBreakerStates: (read) => void (breakerStates = read),
    },
    close: async () => {
      if (redis) await closeRedis(redis);
    },
  };
}
