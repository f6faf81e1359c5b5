/**
 * psr's configuration, one object for everything: defaults < config file (`--config` or
 * PSR_CONFIG, YAML or JSON) < environment variables < `psr serve` flags, validated once at
 * start. The loader and schema live in src/config/; this is the entry point `psr serve` uses.
 * A ConfigError names every bad key and where it came from (`file:line`, `env NAME`, `flag --x`).
 */
import { loadConfig as load } from './config/load.js';
import type { PsrConfig } from './config/schema.js';

export { ConfigError } from './config/load.js';
export type { PsrConfig } from './config/schema.js';

/** `psr serve` flags (parseArgs values); they override the file and the environment. */
export interface ConfigFlags {
  config?: string;
  port?: string;
  host?: string;
  'upstream-url'?: string;
  'body-limit'?: string;
  log?: boolean;
  playground?: boolean;
  'trust-proxy'?: boolean;
  kb?: string[];
  mock?: boolean;
  gguf?: string[];
  workers?: string;
}

/** Build and validate the configuration from the config file, `env` and `flags`; throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}): PsrConfig {
  const { config, ...rest } = flags;
  return load({ argvPath: config, env, flags: rest });
}
