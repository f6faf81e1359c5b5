/**
 * A small Fastify app wired the way the integrator wires psr's ops hooks, for testing them
 * before (and independently of) the real API server: auth, rate limit, usage
 * route, metrics, and one POST route that runs a composed Generate.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { PsrError, toPsrError } from '../../src/core/errors.js';
import type { GenerateRequest } from '../../src/core/types.js';
import type { Generate } from '../../src/gateway/generate.js';
import { requestContext } from '../../src/api/request-context.js';
import { apiKeyAuth, type KeyStore } from '../../src/gateway/auth/index.js';
import { rateLimitHook, type RateLimiter } from '../../src/gateway/ratelimit/index.js';
import { usageHandler, type UsageStore } from '../../src/gateway/usage/index.js';
import { metricsHandler, metricsOnResponse, type PsrMetrics } from '../../src/gateway/metrics/index.js';
import { chatRequest, drain, textOf } from './ops-fixtures.js';

/** What to wire. */
export interface OpsAppParts {
  keys: KeyStore;
  generate: Generate;
  limiter?: RateLimiter;
  usage?: UsageStore;
  metrics?: PsrMetrics;
  logStream?: { write(line: string): void };
}

/** Build the app (not listening; use app.inject or app.listen). */
export async function opsApp(parts: OpsAppParts): Promise<FastifyInstance> {
  const app = Fastify({ logger: parts.logStream ? { stream: parts.logStream, level: 'info' } : false });
  app.setErrorHandler((err, _req, reply) => {
    const e = err instanceof PsrError ? err : toPsrError(err);
    void reply.code(e.status).headers(e.headers).send(e.toBody());
  });
  app.addHook('onRequest', apiKeyAuth({ keys: parts.keys }));
  if (parts.limiter) app.addHook('preHandler', rateLimitHook(parts.limiter));
  if (parts.metrics) {
    app.addHook('onResponse', metricsOnResponse(parts.metrics, { engineOf: () => 'symbolic' }));
    app.get('/metrics', metricsHandler(parts.metrics));
  }
  if (parts.usage) app.get('/v1/usage', usageHandler(parts.usage, parts.keys));
  app.get('/health', async () => ({ status: 'ok' }));
  app.post('/v1/chat/completions', async (request, reply) => {
    const body = request.body as { model?: string; content?: string; user?: string; temperature?: number };
    const req: GenerateRequest = chatRequest(body.content ?? 'hi', { model: body.model ?? 'psr-test', user: body.user, sampling: { temperature: body.temperature ?? 0 }, context: requestContext(request, reply) });
    const events = await drain(parts.generate(req, new AbortController().signal));
    return { text: textOf(events) };
  });
  await app.ready();
  return app;
}
