/**
 * psr's configuration: environment variables and command-line flags, validated once at start
 * into one typed object. Errors name the offending key. (A config file can be layered in by
 * loadConfig's caller later: build the same object, then validate.)
 */

/** Everything `psr serve` needs. */
export interface PsrConfig {
  port: number;
  host: string;
  /** Maximum request body, bytes. */
  bodyLimit: number;
  upstream?: {
    url: string;
    apiKey?: string;
    /** Fixed model list; undefined means discover from the upstream. */
    models?: string[];
  };
  /** Port of the in-process mock upstream (0 = any), served when `mock` is set. */
  mockPort: number;
  /** Also serve the built-in mock upstream (a simulated reasoning LLM) as an engine. */
  mock: boolean;
  /** Extra knowledge files for the symbolic engine. */
  kb: string[];
  /** Local GGUF models, each `<path>[:<id>]`, served by the llama engine. */
  gguf: string[];
  /** Log requests (pino) */
  logRequests: boolean;
}

/** Flags that override the environment. */
export interface ConfigFlags {
  port?: string;
  host?: string;
  'upstream-url'?: string;
  'body-limit'?: string;
  log?: boolean;
  kb?: string[];
  mock?: boolean;
  gguf?: string[];
}

/** A configuration value that is wrong; the message names the key. */
export class ConfigError extends Error {
  constructor(key: string, why: string) {
    super(`config: ${key} ${why}`);
    this.name = 'ConfigError';
  }
}

function port(key: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(key, `must be a port number 0-65535, got '${raw}'`);
  return n;
}

function size(key: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const m = /^(\d+)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i.exec(raw.trim());
  if (!m) throw new ConfigError(key, `must be a size like 8mb or 1048576, got '${raw}'`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * mult;
}

function url(key: string, raw: string): string {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    return raw;
  } catch {
    throw new ConfigError(key, `must be an http(s) URL, got '${raw}'`);
  }
}

function list(raw: string | undefined): string[] {
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Build and validate the configuration from `env` and `flags`; throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): PsrConfig {
  const cfg: PsrConfig = {
    port: flags.port !== undefined ? port('--port', flags.port, 3000) : port('PORT', env.PORT, 3000),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    bodyLimit: flags['body-limit'] !== undefined ? size('--body-limit', flags['body-limit'], 0) : size('PSR_BODY_LIMIT', env.PSR_BODY_LIMIT, 8 * 1024 * 1024),
    mockPort: port('MOCK_PORT', env.MOCK_PORT, 0),
    mock: flags.mock ?? (env.PSR_MOCK === '1' || env.PSR_MOCK === 'true'),
    kb: flags.kb ?? list(env.PSR_KB),
    gguf: flags.gguf ?? list(env.PSR_GGUF),
    logRequests: flags.log ?? env.PSR_LOG === '1',
  };
  if (cfg.bodyLimit < 1024) throw new ConfigError('PSR_BODY_LIMIT', 'must be at least 1kb');
  const upstreamUrl = flags['upstream-url'] ?? env.UPSTREAM_URL;
  if (upstreamUrl) {
    const models = env.UPSTREAM_MODELS?.split(',').map((s) => s.trim()).filter(Boolean);
    cfg.upstream = { url: url(flags['upstream-url'] ? '--upstream-url' : 'UPSTREAM_URL', upstreamUrl) };
    if (env.UPSTREAM_API_KEY) cfg.upstream.apiKey = env.UPSTREAM_API_KEY;
    if (models && models.length > 0) cfg.upstream.models = models;
  } else if (env.UPSTREAM_API_KEY || env.UPSTREAM_MODELS) {
    throw new ConfigError(env.UPSTREAM_API_KEY ? 'UPSTREAM_API_KEY' : 'UPSTREAM_MODELS', 'is set but UPSTREAM_URL is not');
  }
  return cfg;
}
