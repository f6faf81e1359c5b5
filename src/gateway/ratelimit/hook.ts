/**
 * The Fastify side of rate limiting: a preHandler (after body parsing, so the token estimate
 * can read the body) that admits or refuses the request, and a Generate middleware that feeds
 * real usage back so the token charge is corrected.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngineEvent, GenerateRequest, RequestContext } from '../../core/types.js';
import { requestContext } from '../../api/request-context.js';
import { principalOf } from '../auth/hook.js';
import { fuse, type StageRun } from '../../pipeline/fused-stream.js';
import type { Generate, GenerateMiddleware } from '../generate.js';
import type { RateLimiter } from './limiter.js';

/** Options for {@link rateLimitHook}. */
export interface RateLimitHookOptions {
  /** Which requests are limited (default: POST under /v1/). */
  applies?: (request: FastifyRequest) => boolean;
  /** Output tokens assumed when a request sets no max_tokens (default 256). */
  defaultMaxTokens?: number;
}

/**
 * A cheap upper-ish token estimate from an OpenAI request body: ~4 characters per prompt token
 * plus the output the request may ask for (max_tokens × n), as OpenAI estimates before running.
 */
export function estimateTokens(body: unknown, defaultMaxTokens = 256): number {
  if (!body || typeof body !== 'object') return 1;
  const b = body as Record<string, unknown>;
  const promptChars = JSON.stringify(b.messages ?? b.prompt ?? b.input ?? '').length;
  const maxOut = [b.max_completion_tokens, b.max_tokens, b.max_output_tokens].find((v) => typeof v === 'number') as number | undefined;
  const isEmbedding = b.messages === undefined && b.prompt === undefined && b.input !== undefined;
  const n = typeof b.n === 'number' && b.n > 0 ? b.n : 1;
  return Math.ceil(promptChars / 4) + (isEmbedding ? 0 : (maxOut ?? defaultMaxTokens) * n);
}

/** Who is limited: the API key's id when auth is on, else the client IP. */
export function limitIdentity(request: FastifyRequest): string {
  const p = principalOf(request);
  return p ? `key:${p.id}` : `ip:${request.ip}`;
}

/**
 * Build the preHandler. Refusals are thrown as PsrError rate_limit_exceeded (429) with headers;
 * admitted requests get the x-ratelimit-* headers on their reply.
 * @example app.addHook('preHandler', rateLimitHook(limiter))
 */
export function rateLimitHook(limiter: RateLimiter, opts: RateLimitHookOptions = {}) {
  const applies = opts.applies ?? ((r: FastifyRequest) => r.method === 'POST' && r.url.startsWith('/v1/'));
  return async function rateLimitPreHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!limiter.enabled || !applies(request)) return;
    const id = limitIdentity(request);
    const estimate = estimateTokens(request.body, opts.defaultMaxTokens);
    const headers = await limiter.admit(id, estimate);
    reply.headers(headers);
    requestContext(request, reply).onUsage.push((prompt, completion) => void limiter.settle(id, estimate, prompt + completion));
  };
}

/** Tell a request's listeners (rate-limit settlement) about real usage, once. */
export function settleUsage(ctx: RequestContext | undefined, promptTokens: number, completionTokens: number): void {
  for (const fn of ctx?.onUsage.splice(0) ?? []) fn(promptTokens, completionTokens);
}

/** {@link settleUsage} for paths outside the Generate pipeline, such as embeddings. */
export function reportUsage(request: FastifyRequest, promptTokens: number, completionTokens: number): void {
  settleUsage(requestContext(request), promptTokens, completionTokens);
}

/** Settles the request's listeners when the usage event passes. */
function reportingRun(ctx: RequestContext): StageRun {
  return {
    push(event, out) {
      if (event.type === 'usage') settleUsage(ctx, event.promptTokens, event.completionTokens);
      out.push(event);
    },
  };
}

/**
 * Feed usage events of the stream to the request's listeners (once per request).
 * @example composeGenerate(engine, withMetrics(m), withUsageReport(), withCache(c))
 */
export function withUsageReport(): GenerateMiddleware {
  return function usageReportMiddleware(next: Generate): Generate {
    // Listeners are added before the handler runs (the rate-limit preHandler): with none, the
    // inner stream untouched.
    return function reportingGenerate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
      return req.context?.onUsage.length ? fuse(next(req, signal), reportingRun(req.context)) : next(req, signal);
    };
  };
}
