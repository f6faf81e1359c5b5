/** The metrics room: one prom-client registry per app, stream middleware, HTTP hook and handler. */
export { createMetrics, PsrMetrics, BREAKER_STATE_VALUE } from './registry.js';
export type { MetricsOptions, BreakerStateValue } from './registry.js';
export { withMetrics, engineTimer } from './middleware.js';
export { metricsPlugin, EngineIndex } from './plugin.js';
export type { ModelLister } from './plugin.js';
export type { WithMetricsOptions } from './middleware.js';
export { metricsOnResponse, metricsHandler } from './http.js';
export type { HttpMetricsOptions } from './http.js';
