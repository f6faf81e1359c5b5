/** psr's config file + environment loader (see load.ts) and its schema. */
export { loadConfig, configSource, ConfigError } from './load.js';
export type { LoadConfigOptions } from './load.js';
export { CONFIG_SCHEMA, ENV_KEYS, KEY_ENV } from './schema.js';
export type { PsrConfig } from './schema.js';
