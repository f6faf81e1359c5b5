/** `psr serve`: the OpenAI-compatible API server. */
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type PsrConfig } from '../../config.js';
import { runPrimary } from '../workers.js';

/** One-line description for `psr --help`. */
export const summary = 'serve the OpenAI-compatible API (PORT, HOST, UPSTREAM_URL, UPSTREAM_API_KEY, UPSTREAM_MODELS)';

const HELP = `usage: psr serve [--port N] [--host H] [--upstream-url URL] [--kb FILE ...] [--gguf PATH[:ID] ...] [--mock] [--body-limit SIZE] [--log]
                 [--no-playground] [--config FILE] [--workers N]

Serves /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models and /health.
The psycho-symbolic engine (psycho-symbolic-v1, -v1-fast, -embed-v1) always answers, offline.

options:
  --kb FILE         add knowledge (Turtle, N-Triples, N3 rules, JSON, YAML); repeatable
  --gguf PATH[:ID]  serve a local GGUF model with node-llama-cpp (id defaults to the file name); repeatable
  --mock            also serve the built-in mock upstream (a simulated reasoning LLM, model mock-reasoner)
  --config FILE     YAML or JSON config file (also PSR_CONFIG); check it with \`psr config check\`
  --workers N       run N worker processes sharing the port (share state through REDIS_URL)
  --trust-proxy     behind nginx: take the client address from X-Forwarded-For (also PSR_TRUST_PROXY=1)
  --no-playground   do not serve the web playground at / (also PSR_PLAYGROUND=0, config playground: false)

environment:
  PORT              listen port (default 3000)
  HOST              listen address (default 127.0.0.1; use 0.0.0.0 in containers)
  UPSTREAM_URL      forward to this OpenAI-compatible server (e.g. http://localhost:8000/v1); a comma-separated
                    list is a fallback chain, each target optionally named: fast=http://a:8000/v1,http://b:8000/v1
  UPSTREAM_API_KEY  bearer key for the upstream (never logged or returned); one per URL, comma-separated, if they differ
  UPSTREAM_MODELS   comma-separated model ids; default: discovered from the upstream's /v1/models
  PSR_BODY_LIMIT    largest accepted request body (default 8mb); larger bodies get 413
  PSR_KB            comma-separated knowledge files (like --kb)
  PSR_GGUF          comma-separated GGUF specs (like --gguf)
  PSR_MOCK=1        like --mock
  MOCK_PORT         port of the built-in mock upstream with --mock (default: any free port)
  PSR_LOG=1         log requests
  PSR_PHASES=off    no phased streaming (prompt summary → reasoning summary → answer; default on for chat)
  PSR_RAW_REASONING forward | summarize | both: raw reasoning to clients, summaries, or both (default per model)
  PSR_MODEL_CONFIG  YAML/JSON list of per-model entries (match, reasoning parser, summary, upstreams, timeouts…)
  PSR_BREAKER_FAILURES, PSR_BREAKER_OPEN_MS, PSR_RETRY_ATTEMPTS, PSR_CONNECT_TIMEOUT_MS,
                    PSR_UPSTREAM_CONNECTIONS (keep-alive connections per target, default 1024): upstream resilience
  REDIS_URL, CACHE_SIZE, MAX_TOKENS, ENABLE_STREAMING, PSR_API_KEYS, RATE_LIMIT_RPM, …: see README "Operations"
`;

/** Run the server until SIGINT/SIGTERM. */
export async function run(args: string[]): Promise<number | void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'upstream-url': { type: 'string' },
      'body-limit': { type: 'string' },
      log: { type: 'boolean' },
      playground: { type: 'boolean' },
      'trust-proxy': { type: 'boolean' },
      kb: { type: 'string', multiple: true },
      mock: { type: 'boolean' },
      gguf: { type: 'string', multiple: true },
      config: { type: 'string', short: 'c' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    // --no-playground
    allowNegative: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let cfg: PsrConfig;
  try {
    cfg = loadConfig(process.env, values);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`psr serve: ${err.message}\n`);
    return 1;
  }
  if (cfg.workers > 1 && cluster.isPrimary) {
    if (!cfg.redis) process.stderr.write('psr: --workers without REDIS_URL: each worker keeps its own cache, rate limits and usage\n');
    return runPrimary({ workers: cfg.workers, graceMs: cfg.shutdown.graceMs });
  }
  // loaded only now: a config error is reported without starting engines or loading models
  const { startServer } = await import('../../gateway/server.js');
  const server = await startServer(cfg);
  process.stdout.write(`psr listening on ${server.url}/v1 — engines: ${server.description}\n`);
  await new Promise<void>((resolve) => {
    const stop = (sig: NodeJS.Signals) => {
      resolve();
      // a second Ctrl-C skips the grace period; a worker leaves that to its primary
      if (!cluster.isWorker) process.once(sig, () => process.exit(130));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  // a worker's IPC channel to the primary would keep it alive after the server closed
  if (cluster.isWorker) process.disconnect();
  return 0;
}
