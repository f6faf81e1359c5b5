/**
 * The HTTP-level ops hooks of `psr serve`: a request id on every request and log line, cache
 * stats in /health, usage and rate-limit settlement for /v1/embeddings (which does not go
 * through the Generate pipeline), ENABLE_STREAMING=false, and opt-in prompt logging.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from '../../api/context.js';
import type { PsrConfig } from '../../config.js';
import { principalOf } from '../auth/index.js';
import type { ResponseCache } from '../cache/index.js';
import type { PsrMetrics } from '../metrics/index.js';
import { reportUsage } from '../ratelimit/index.js';
import { MAX_USER_LENGTH, type UsageStore } from '../usage/index.js';

/** What the hooks need. */
export interface OpsHttpOptions {
  cfg: PsrConfig;
  cache: ResponseCache;
  usage: UsageStore;
  metrics: PsrMetrics;
}

type Body = Record<string, unknown>;

function bodyOf(request: FastifyRequest): Body | undefined {
  const b = request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : undefined;
}

/** createApp chose the id (the proxy's `x-request-id` when safe) and bound it to request.log; echo it. */
function requestId(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', request.id);
}

async function embeddingsUsage(o: OpsHttpOptions, ctx: ApiContext, request: FastifyRequest, payload: Body): Promise<void> {
  const usage = payload.usage as { prompt_tokens?: number } | undefined;
  const tokens = typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
  const model = typeof payload.model === 'string' ? payload.model : '';
  reportUsage(request, tokens, 0);
  const body = bodyOf(request);
  const p = principalOf(request);
  const user = typeof body?.user === 'string' && body.user !== '' ? body.user.slice(0, MAX_USER_LENGTH) : p ? `key:${p.id}` : undefined;
  if (user && o.cfg.usage.enabled) void o.usage.record(user, model, { requests: 1, promptTokens: tokens });
  const engine = await ctx.router.resolve(model).then((r) => r.engine.name, () => 'unknown');
  o.metrics.tokens.inc({ model: o.metrics.modelLabel(model), engine, direction: 'in' }, tokens);
}

/**
 * Install the hooks; list after authPlugin so embeddings usage knows the caller.
 * @example plugins: [authPlugin({ keys }), opsHttpPlugin({ cfg, cache, usage, metrics })]
 */
export function opsHttpPlugin(o: OpsHttpOptions) {
  return function installOpsHttp(app: FastifyInstance, ctx: ApiContext): void {
    app.addHook('onRequest', function requestIdHook(request, reply, done) {
      requestId(request, reply);
      done();
    });
    if (!o.cfg.enableStreaming) {
      app.addHook('preValidation', async function streamingSwitch(request) {
        const body = bodyOf(request);
        if (body?.stream !== true) return;
        body.stream = false;
        delete body.stream_options;
      });
    }
    if (o.cfg.log.prompts) {
      app.addHook('preHandler', async function promptLog(request) {
        const body = bodyOf(request);
        if (request.method === 'POST' && body) request.log.info({ model: body.model, messages: body.messages, prompt: body.prompt, input: body.input }, 'request prompt');
      });
    }
    // Only the two routes that need it get a payload hook; completions pay nothing for it.
    const healthPayload = async (_request: FastifyRequest, _reply: FastifyReply, payload: unknown) =>
      payload && typeof payload === 'object' ? { ...(payload as Body), cache: o.cfg.cache.enabled ? await o.cache.stats() : { backend: 'off' } } : payload;
    const embeddingsPayload = async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
      if (payload && typeof payload === 'object') await embeddingsUsage(o, ctx, request, payload as Body);
      return payload;
    };
    app.addHook('onRoute', function opsPayloadHooks(route) {
      const methods = [route.method].flat();
      const hook = route.url === '/health' ? healthPayload : route.url.endsWith('/embeddings') && methods.includes('POST') ? embeddingsPayload : undefined;
      if (hook) route.preSerialization = [hook, ...[route.preSerialization ?? []].flat()];
    });
  };
}
