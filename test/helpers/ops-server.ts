/**
 * A real psr (createApp on 127.0.0.1:0) with every ops feature wired piece by piece (psr serve
 * itself gets the same from src/gateway/ops/create-ops.ts). The engine is scripted so the
 * tests can count how often it really ran.
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../src/api/app.js';
import type { Engine, EngineEvent, GenerateRequest, ModelCard } from '../../src/core/types.js';
import { authPlugin, KeyStore } from '../../src/gateway/auth/index.js';
import { cacheOutcomeHeader, cachePlugin, createResponseCache, withCache, type ResponseCache } from '../../src/gateway/cache/index.js';
import { createMetrics, EngineIndex, engineTimer, metricsPlugin, withMetrics, type PsrMetrics } from '../../src/gateway/metrics/index.js';
import { RateLimiter, rateLimitPlugin, withUsageReport } from '../../src/gateway/ratelimit/index.js';
import { closeRedis, createRedis, waitForRedis } from '../../src/gateway/redis.js';
import { createUsageStore, usagePlugin, withUsage } from '../../src/gateway/usage/index.js';

/** Answers `echo <last user message>` word by word; counts its runs. */
export class CountingEngine implements Engine {
  readonly name = 'counting';
  calls = 0;
  constructor(readonly paceMs = 5) {}
  models(): ModelCard[] {
    return [{ id: 'ops-model', ownedBy: 'psr-tests', capabilities: ['chat', 'completions'] }];
  }
  async health(): Promise<{ ok: boolean }> {
    return { ok: true };
  }
  async *generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    this.calls++;
    const m = req.input.kind === 'chat' ? req.input.messages.at(-1)?.content : req.input.prompt;
    const words = `echo ${typeof m === 'string' ? m : ''} run ${this.calls}`.split(' ');
    for (const [i, w] of words.entries()) {
      await sleep(this.paceMs, undefined, { signal });
      yield { type: 'content', choice: 0, text: (i ? ' ' : '') + w };
    }
    yield { type: 'finish', choice: 0, reason: 'stop' };
  }
}

/** What to turn on. */
export interface OpsServerOptions {
  redisUrl?: string;
  userKeys?: string[];
  adminKeys?: string[];
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  engine?: CountingEngine;
}

/** A listening psr with ops features. */
export interface OpsServer {
  url: string;
  engine: CountingEngine;
  cache: ResponseCache;
  metrics: PsrMetrics;
  close(): Promise<void>;
}

/** Start one instance (two with the same redisUrl share cache, limits and usage). */
export async function startOpsServer(o: OpsServerOptions = {}): Promise<OpsServer> {
  const redis = o.redisUrl ? createRedis(o.redisUrl, { name: 'psr-test' }) : undefined;
  if (redis) await waitForRedis(redis, 5000); // before warming or first requests; never fatal
  const keys = KeyStore.from([], { user: o.userKeys, admin: o.adminKeys });
  const cache = createResponseCache({ size: 100, ttlMs: 60_000, redis });
  const usage = createUsageStore(redis);
  const limiter = new RateLimiter({ requestsPerMinute: o.requestsPerMinute ?? 0, tokensPerMinute: o.tokensPerMinute ?? 0, redis });
  const engine = o.engine ?? new CountingEngine();
  let engines: EngineIndex | undefined;
  const metrics = createMetrics({ cacheHitRatio: () => cache.counters().hitRatio, knownModel: (m) => engines?.known(m) ?? false });
  const app = await createApp({
    engines: [engine],
    pipeline: {
      // as createOps wires it: metrics time the engine's own generate
      engineMiddlewares: [engineTimer],
      // first = outermost: metrics sees hits too; cache innermost so replays are counted as usage
      middlewares: [withMetrics(metrics, { engineOf: (r) => engines?.forRequest(r) ?? 'unknown' }), withUsageReport(), withUsage(usage), withCache(cache, { onOutcome: cacheOutcomeHeader })],
    },
    plugins: [
      authPlugin({ keys }),
      rateLimitPlugin(limiter),
      cachePlugin(),
      async (a, ctx) => {
        engines = new EngineIndex(ctx.router);
        await metricsPlugin(metrics, engines)(a);
      },
      usagePlugin(usage, keys),
    ],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    cache,
    metrics,
    async close() {
      await app.close();
      if (redis) await closeRedis(redis);
    },
  };
}
