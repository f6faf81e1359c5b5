/**
 * `psr config check [--config file]`: load and validate the configuration exactly as
 * `psr serve` would (file + environment) and say what it amounts to, or name every bad key.
 * `psr config show` prints the effective configuration with secrets masked.
 */
import { parseArgs } from 'node:util';
import { ConfigError, configSource, loadConfig, type PsrConfig } from '../../config/index.js';

/** One line for `psr --help`. */
export const summary = 'check or show the configuration (config file + environment): psr config check [--config file]';

function describe(cfg: PsrConfig): string[] {
  return [
    `listen: ${cfg.host}:${cfg.port}${cfg.workers > 1 ? ` x ${cfg.workers} workers` : ''}`,
    `upstream: ${cfg.upstream?.url ?? 'none (symbolic engine + mock upstream)'}`,
    `cache: ${!cfg.cache.enabled ? 'off' : cfg.redis ? `redis (${cfg.redis.url.replace(/\/\/[^@]*@/, '//***@')})` : `memory, ${cfg.cache.size} entries`}, ttl ${cfg.cache.ttlSeconds}s, ${cfg.cache.warm.length} warm-up requests`,
    `api keys: ${cfg.auth.keys.length === 0 ? 'off' : `${cfg.auth.keys.length} (${cfg.auth.keys.filter((k) => k.role === 'admin').length} admin)`}`,
    `rate limits: ${cfg.rateLimit.requestsPerMinute || 'no'} requests/min, ${cfg.rateLimit.tokensPerMinute || 'no'} tokens/min per caller`,
    `max tokens: ${cfg.maxTokens || 'client/model default'}; streaming ${cfg.enableStreaming ? 'on' : 'off'}; metrics ${cfg.metrics.enabled ? 'on' : 'off'}; usage ${cfg.usage.enabled ? 'on' : 'off'}`,
  ];
}

function masked(cfg: PsrConfig): unknown {
  return {
    ...cfg,
    upstream: cfg.upstream && { ...cfg.upstream, apiKey: cfg.upstream.apiKey ? '***' : undefined },
    redis: cfg.redis && { url: cfg.redis.url.replace(/\/\/[^@]*@/, '//***@') },
    auth: { ...cfg.auth, keys: cfg.auth.keys.map((k) => ({ ...k, sha256: `${k.sha256.slice(0, 8)}…` })) },
  };
}

/** Run `psr config <check|show>`; exit 0 when valid, 1 when not, 2 on usage errors. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string', short: 'c' } } });
  const action = positionals[0] ?? 'check';
  if (action !== 'check' && action !== 'show') {
    process.stderr.write(`psr config: unknown action '${action}'; use 'check' or 'show'\n`);
    return 2;
  }
  const opts = { argvPath: values.config, env: process.env };
  try {
    const cfg = loadConfig(opts);
    if (action === 'show') {
      process.stdout.write(JSON.stringify(masked(cfg), null, 2) + '\n');
      return 0;
    }
    process.stdout.write(`config ok (${configSource(opts) ?? 'no config file; defaults + environment'})\n`);
    for (const line of describe(cfg)) process.stdout.write(`  ${line}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`psr config: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}\n`);
    for (const p of err.problems) process.stderr.write(`  ${p}\n`);
    return 1;
  }
}
