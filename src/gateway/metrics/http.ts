/**
 * The HTTP side of metrics: an onResponse hook that counts every request with its final
 * status and total time (so 401s and 429s rejected before any engine runs are counted too),
 * and the GET /metrics handler.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PsrMetrics } from './registry.js';

/** Options for {@link metricsOnResponse}. */
export interface HttpMetricsOptions {
  /** The engine that serves a model (label value); default `unknown`. */
  engineOf?: (model: string) => string;
  /** Paths not counted (default: /metrics itself and /health, which scrapers poll). */
  ignore?: (path: string) => boolean;
}

const DEFAULT_IGNORED = new Set(['/metrics', '/health']);

function modelOf(request: FastifyRequest): unknown {
  const body = request.body;
  return body && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
}

/**
 * A Fastify onResponse hook counting psycho_symbolic_requests_total and observing
 * psycho_symbolic_response_time_seconds. For SSE responses onResponse fires when the stream ends.
 * @example app.addHook('onResponse', metricsOnResponse(metrics, { engineOf }))
 */
export function metricsOnResponse(metrics: PsrMetrics, opts: HttpMetricsOptions = {}) {
  const ignore = opts.ignore ?? ((p: string) => DEFAULT_IGNORED.has(p));
  // Callback style: no promise per request.
  return function metricsOnResponseHook(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
    // The route pattern, not the raw URL: ids and query strings must not become label values.
    const endpoint = request.routeOptions?.url ?? 'unmatched';
    if (!ignore(endpoint)) {
      const model = metrics.modelLabel(modelOf(request));
      const engine = model === 'none' || model === 'other' ? 'none' : (opts.engineOf?.(model) ?? 'unknown');
      metrics.requestFinished(model, engine, endpoint, reply.statusCode, reply.elapsedTime / 1000);
    }
    done();
  };
}

/**
 * The GET /metrics handler (Prometheus text format).
 * @example app.get('/metrics', metricsHandler(metrics))
 */
export function metricsHandler(metrics: PsrMetrics) {
  return async function metricsRoute(_request: FastifyRequest, reply: FastifyReply): Promise<string> {
    reply.header('content-type', metrics.contentType);
    return metrics.render();
  };
}
