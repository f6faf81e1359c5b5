/**
 * The RequestContext of one HTTP request (core/types.ts): made on first use by whichever hook
 * or route needs it, then the same object for the rest of the request. Routes put it on the
 * GenerateRequest so gateway middlewares see the caller without AsyncLocalStorage. It lives in
 * a property of the Fastify request (declared by createApp, so every request has the same
 * shape), not in a WeakMap: weak tables keyed by short-lived objects make every GC slower.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../core/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** psr's per-request context; use requestContext(request) rather than reading it. */
    psrContext: RequestContext | null;
  }
}

/** A context bound to one reply, so middlewares can set headers until the response starts. */
class HttpRequestContext implements RequestContext {
  principal?: RequestContext['principal'];
  onUsage: RequestContext['onUsage'] = [];
  #reply: FastifyReply | undefined;

  constructor(reply: FastifyReply | undefined) {
    this.#reply = reply;
  }

  bind(reply: FastifyReply): void {
    this.#reply ??= reply;
  }

  setHeader(name: string, value: string): void {
    const reply = this.#reply;
    if (reply && !reply.sent && !reply.raw.headersSent) void reply.header(name, value);
  }
}

/** Give every request of `app` the (empty) context slot; createApp calls it. */
export function declareRequestContext(app: FastifyInstance): void {
  app.decorateRequest('psrContext', null);
}

/**
 * The context of `request`; pass `reply` where there is one so middlewares can set headers.
 * @example req.context = requestContext(request, reply)
 */
export function requestContext(request: FastifyRequest, reply?: FastifyReply): RequestContext {
  let ctx = request.psrContext as HttpRequestContext | null | undefined;
  if (!ctx) request.psrContext = ctx = new HttpRequestContext(reply);
  else if (reply) ctx.bind(reply);
  return ctx;
}
