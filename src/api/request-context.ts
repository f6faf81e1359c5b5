/**
 * The RequestContext of one HTTP request (core/types.ts): made on first use by whichever hook
 * or route needs it, then the same object for the rest of the request. Routes put it on the
 * GenerateRequest so gateway middlewares see the caller without AsyncLocalStorage.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../core/types.js';

const contexts = new WeakMap<FastifyRequest, RequestContext>();

function headerSetter(reply: FastifyReply): RequestContext['setHeader'] {
  return (name, value) => {
    if (!reply.sent && !reply.raw.headersSent) void reply.header(name, value);
  };
}

/**
 * The context of `request`; pass `reply` where there is one so middlewares can set headers.
 * @example req.context = requestContext(request, reply)
 */
export function requestContext(request: FastifyRequest, reply?: FastifyReply): RequestContext {
  let ctx = contexts.get(request);
  if (!ctx) {
    ctx = { onUsage: [] };
    contexts.set(request, ctx);
  }
  if (reply && !ctx.setHeader) ctx.setHeader = headerSetter(reply);
  return ctx;
}
