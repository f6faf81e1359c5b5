/**
 * Per-request state shared by the ops hooks and the Generate middlewares that only see a
 * GenerateRequest: who is calling, how to correct the token rate limit once real usage is
 * known, and the reply (for headers such as x-psr-cache). It lives in AsyncLocalStorage,
 * entered in onRequest and re-entered in preValidation, because Fastify runs the handler from
 * the request stream's 'end' event, in a different async context (see @fastify/request-context).
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Who is calling: never the key itself, only a stable id derived from it. */
export interface Principal {
  id: string;
  role: 'user' | 'admin';
}

/** The ops state of one HTTP request. */
export interface OpsContext {
  principal?: Principal;
  reply?: FastifyReply;
  /** Called with real token counts when a usage event passes (rate-limit correction). */
  onUsage: Array<(promptTokens: number, completionTokens: number) => void>;
}

const storage = new AsyncLocalStorage<OpsContext>();
const contexts = new WeakMap<FastifyRequest, { ctx: OpsContext; resource: AsyncResource }>();

/** The ops context of the request being handled, if any. */
export function currentOps(): OpsContext | undefined {
  return storage.getStore();
}

/** The ops context of a Fastify request (for handlers and later hooks). */
export function opsOf(request: FastifyRequest): OpsContext | undefined {
  return contexts.get(request)?.ctx;
}

/** Run `fn` with an ops context (tests, workers, anything outside Fastify). */
export function runWithOps<T>(ctx: OpsContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

type Done = (err?: Error) => void;

/**
 * The two hooks that carry the context through a request; register them before any other ops
 * hook: `app.addHook('onRequest', h.onRequest); app.addHook('preValidation', h.preValidation)`.
 */
export function opsContextHooks() {
  return {
    onRequest: function opsContextEnter(request: FastifyRequest, reply: FastifyReply, done: Done): void {
      const ctx: OpsContext = { reply, onUsage: [] };
      storage.run(ctx, () => {
        const resource = new AsyncResource('psr-ops-context');
        contexts.set(request, { ctx, resource });
        resource.runInAsyncScope(done, request.raw);
      });
    },
    preValidation: function opsContextReenter(request: FastifyRequest, _reply: FastifyReply, done: Done): void {
      const entry = contexts.get(request);
      if (entry) entry.resource.runInAsyncScope(done, request.raw);
      else done();
    },
  };
}
