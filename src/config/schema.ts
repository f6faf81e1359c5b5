/**
 * The shape of psr's configuration (config file + environment + `psr serve` flags), its
 * defaults and its JSON Schema. src/config.ts re-exports it: there is one PsrConfig.
 */
import type { KeyEntry } from '../gateway/auth/keys.js';
import type { WarmEntry } from '../gateway/cache/warm.js';
import type { ModelConfigEntry } from '../gateway/model-config.js';

/** The whole configuration, validated and with defaults filled. */
export interface PsrConfig {
  port: number;
  host: string;
  bodyLimit: number;
  /** `url` may list several targets, comma-separated, each optionally `name=url`. */
  upstream?: { url: string; apiKey?: string; models?: string[] };
  /** Port of the in-process mock upstream (0 = any), served when `mock` is set. */
  mockPort: number;
  /** Also serve the built-in mock upstream (a simulated reasoning LLM) as an engine. */
  mock: boolean;
  /** Extra knowledge files for the symbolic engine. */
  kb: string[];
  /** Local GGUF models, each `<path>[:<id>]`, served by the llama engine. */
  gguf: string[];
  /** Log one line per request (method, path, status, time; never the prompt). */
  logRequests: boolean;
  /** Serve the web playground at `/` (PSR_PLAYGROUND=0 or --no-playground turns it off). */
  playground: boolean;
  /** Trust X-Forwarded-For from a reverse proxy (nginx) so per-IP limits see the real client. */
  trustProxy: boolean;
  /** The symbolic engine: questions whose reasoning is computed at start. */
  symbolic: { warm: string[] };
  /** Per-model gateway settings (reasoning parser, summaries, upstream order, timeouts…); first match wins. */
  models: ModelConfigEntry[];
  /** Default and ceiling for max_tokens (MAX_TOKENS); 0 leaves max_tokens to the client and the model. */
  maxTokens: number;
  /** When false, stream: true requests are answered as one JSON body (ENABLE_STREAMING). */
  enableStreaming: boolean;
  redis?: { url: string };
  cache: { enabled: boolean; size: number; maxBytes: number; ttlSeconds: number; warm: WarmEntry[] };
  auth: { keys: KeyEntry[]; metricsRequireAdmin: boolean; publicPaths?: string[] };
  rateLimit: { requestsPerMinute: number; tokensPerMinute: number };
  usage: { enabled: boolean };
  metrics: { enabled: boolean };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'; prompts: boolean };
  workers: number;
  shutdown: { graceMs: number };
  timeouts: { requestMs: number; headersMs: number; keepAliveMs: number };
}

const int = (minimum: number, dflt: number, maximum?: number) => ({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }), default: dflt });
const bool = (dflt: boolean) => ({ type: 'boolean', default: dflt });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required, default: {} });
const url = { type: 'string', pattern: '^(https?|rediss?)://' };
const strings = { type: 'array', items: { type: 'string', minLength: 1 }, default: [] };
// one or more upstream targets: `http://a/v1` or `fast=http://a/v1, http://b/v1`
const TARGET = '([A-Za-z0-9_.:-]+=)?https?://[^,\\s]+';
const targets = { type: 'string', pattern: `^\\s*${TARGET}(\\s*,\\s*${TARGET})*\\s*$` };

/** The JSON Schema every config is validated against (ajv, with defaults applied). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    port: int(0, 3000, 65535),
    host: { type: 'string', minLength: 1, default: '127.0.0.1' },
    bodyLimit: int(1024, 8 * 1024 * 1024),
    upstream: {
      type: 'object', additionalProperties: false, required: ['url'],
      properties: { url: targets, apiKey: { type: 'string' }, models: { type: 'array', items: { type: 'string', minLength: 1 } } },
    },
    mockPort: int(0, 0, 65535),
    mock: bool(false),
    kb: strings,
    gguf: strings,
    logRequests: bool(false),
    playground: bool(true),
    trustProxy: bool(false),
    symbolic: obj({ warm: strings }),
    // Entries are checked in depth (parser names, enums) by gateway/gateway-settings.ts checkModelEntry.
    models: { type: 'array', default: [], items: { type: 'object', required: ['match'], properties: { match: { type: 'string', minLength: 1 } } } },
    maxTokens: int(0, 0),
    enableStreaming: bool(true),
    redis: { type: 'object', additionalProperties: false, required: ['url'], properties: { url: { ...url, pattern: '^rediss?://' } } },
    cache: obj({
      enabled: bool(true), size: int(0, 10_000), maxBytes: int(0, 64 * 1024 * 1024), ttlSeconds: int(1, 3600),
      warm: {
        type: 'array', default: [],
        items: {
          type: 'object', additionalProperties: false, required: ['model'],
          properties: {
            model: { type: 'string', minLength: 1 }, prompt: { type: 'string' }, maxTokens: { type: 'integer', minimum: 1 },
            temperature: { type: 'number', minimum: 0, maximum: 2 },
            messages: { type: 'array', items: { type: 'object', required: ['role', 'content'], properties: { role: { enum: ['system', 'developer', 'user', 'assistant'] }, content: { type: 'string' } }, additionalProperties: false } },
          },
        },
      },
    }),
    auth: obj({
      keys: {
        type: 'array', default: [],
        items: {
          type: 'object', additionalProperties: false, required: ['sha256'],
          properties: { sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' }, name: { type: 'string', minLength: 1 }, role: { enum: ['user', 'admin'] } },
        },
      },
      metricsRequireAdmin: bool(false),
      publicPaths: { type: 'array', items: { type: 'string', pattern: '^/' } },
    }),
    rateLimit: obj({ requestsPerMinute: int(0, 0), tokensPerMinute: int(0, 0) }),
    usage: obj({ enabled: bool(true) }),
    metrics: obj({ enabled: bool(true) }),
    log: obj({ level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }, prompts: bool(false) }),
    workers: int(1, 1, 64),
    shutdown: obj({ graceMs: int(0, 10_000) }),
    timeouts: obj({ requestMs: int(0, 600_000), headersMs: int(0, 60_000), keepAliveMs: int(0, 72_000) }),
  },
} as const;

/** Environment variables and the config key each one sets. */
export const ENV_KEYS = {
  PORT: { path: 'port', kind: 'int' },
  HOST: { path: 'host', kind: 'string' },
  PSR_BODY_LIMIT: { path: 'bodyLimit', kind: 'size' },
  UPSTREAM_URL: { path: 'upstream.url', kind: 'string' },
  UPSTREAM_API_KEY: { path: 'upstream.apiKey', kind: 'string' },
  UPSTREAM_MODELS: { path: 'upstream.models', kind: 'list' },
  MOCK_PORT: { path: 'mockPort', kind: 'int' },
  PSR_MOCK: { path: 'mock', kind: 'bool' },
  PSR_KB: { path: 'kb', kind: 'list' },
  PSR_GGUF: { path: 'gguf', kind: 'list' },
  PSR_LOG: { path: 'logRequests', kind: 'bool' },
  PSR_PLAYGROUND: { path: 'playground', kind: 'bool' },
  PSR_TRUST_PROXY: { path: 'trustProxy', kind: 'bool' },
  PSR_SYMBOLIC_WARM: { path: 'symbolic.warm', kind: 'list' },
  MAX_TOKENS: { path: 'maxTokens', kind: 'int' },
  ENABLE_STREAMING: { path: 'enableStreaming', kind: 'bool' },
  REDIS_URL: { path: 'redis.url', kind: 'string' },
  CACHE_SIZE: { path: 'cache.size', kind: 'int' },
  CACHE_TTL_SECONDS: { path: 'cache.ttlSeconds', kind: 'int' },
  PSR_CACHE: { path: 'cache.enabled', kind: 'bool' },
  RATE_LIMIT_RPM: { path: 'rateLimit.requestsPerMinute', kind: 'int' },
  RATE_LIMIT_TPM: { path: 'rateLimit.tokensPerMinute', kind: 'int' },
  LOG_LEVEL: { path: 'log.level', kind: 'string' },
  PSR_LOG_PROMPTS: { path: 'log.prompts', kind: 'bool' },
  PSR_WORKERS: { path: 'workers', kind: 'int' },
  PSR_SHUTDOWN_GRACE_MS: { path: 'shutdown.graceMs', kind: 'int' },
} as const;

/** `psr serve` flags and the config key each one sets (flags win over the environment). */
export const FLAG_KEYS = {
  port: { path: 'port', kind: 'int' },
  host: { path: 'host', kind: 'string' },
  'upstream-url': { path: 'upstream.url', kind: 'string' },
  'body-limit': { path: 'bodyLimit', kind: 'size' },
  log: { path: 'logRequests', kind: 'bool' },
  playground: { path: 'playground', kind: 'bool' },
  'trust-proxy': { path: 'trustProxy', kind: 'bool' },
  kb: { path: 'kb', kind: 'list' },
  mock: { path: 'mock', kind: 'bool' },
  gguf: { path: 'gguf', kind: 'list' },
  workers: { path: 'workers', kind: 'int' },
} as const;

/** Plain API keys from the environment, hashed at load (never kept in plain form). */
export const KEY_ENV = { PSR_API_KEYS: 'user', PSR_ADMIN_KEYS: 'admin' } as const;
