/** The rate-limit room: per-caller RPM/TPM limits on memory or Redis, headers, Fastify hook. */
export { RateLimiter } from './limiter.js';
export type { RateLimitOptions } from './limiter.js';
export { rateLimitHook, estimateTokens, limitIdentity, reportUsage, withUsageReport } from './hook.js';
export type { RateLimitHookOptions } from './hook.js';
export { formatReset, limitHeaders, retryAfter } from './headers.js';
export type { LimitState } from './headers.js';
export { rateLimitPlugin } from './plugin.js';
