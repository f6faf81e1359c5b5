/** The ops room: production features of `psr serve` assembled from the config, draining, lifecycle, logging. */
export { createOps } from './create-ops.js';
export type { Ops, UpstreamObserver } from './create-ops.js';
export { Drain } from './drain.js';
export { opsHttpPlugin } from './http-hooks.js';
export type { OpsHttpOptions } from './http-hooks.js';
export { applyTimeouts, gracefulClose } from './lifecycle.js';
export type { ShutdownLog } from './lifecycle.js';
export { loggerOptions } from './logger.js';
export { withMaxTokens } from './max-tokens.js';
