/** The auth room: hashed API keys, the onRequest hook, admin checks and who is calling. */
export { KeyStore, hashKey } from './keys.js';
export type { KeyEntry } from './keys.js';
export { apiKeyAuth, requireAdmin, principalOf, bearerToken, DEFAULT_PUBLIC_PATHS, REDACT_PATHS } from './hook.js';
export type { ApiKeyAuthOptions } from './hook.js';
export type { Principal } from './context.js';
export { authPlugin } from './plugin.js';
