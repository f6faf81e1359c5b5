/**
 * One way to open Redis for the gateway's shared state (cache, rate limits, usage).
 * Every user of Redis here must survive Redis going away, so the connection fails fast
 * instead of queueing commands: a request never waits on a dead Redis.
 */
import { Redis } from 'ioredis';

/** Where Redis problems are reported; pino loggers fit. */
export interface RedisLog {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

/** Options for {@link createRedis}. */
export interface CreateRedisOptions {
  /** Shown in logs and as the client name on the server. */
  name?: string;
  log?: RedisLog;
  /** Milliseconds a single command may take before it counts as a failure (default 500). */
  commandTimeoutMs?: number;
}

/**
 * Open a Redis client that never queues commands while disconnected and keeps reconnecting
 * in the background (backoff up to 2 s), logging each outage once and each recovery once.
 * @example const redis = createRedis(config.redis.url, { name: 'psr-cache', log })
 */
export function createRedis(url: string, opts: CreateRedisOptions = {}): Redis {
  const name = opts.name ?? 'psr';
  const client = new Redis(url, {
    connectionName: name,
    // Commands while disconnected fail at once; callers degrade instead of piling up.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: opts.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    lazyConnect: false,
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    opts.log?.warn({ redis: name, err: err.message }, 'redis unavailable; shared state degraded');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    opts.log?.info({ redis: name }, 'redis reconnected');
  });
  return client;
}

/** True when the client can run commands right now. */
export function redisReady(client: Redis): boolean {
  return client.status === 'ready';
}

/** Wait until the client is ready, or give up after `timeoutMs` (resolves false, never throws). */
export async function waitForRedis(client: Redis, timeoutMs = 2000): Promise<boolean> {
  if (redisReady(client)) return true;
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ok);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}

/** Close a client without waiting on a server that may be gone. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    if (redisReady(client)) await client.quit();
    else client.disconnect();
  } catch {
    client.disconnect();
  }
}
