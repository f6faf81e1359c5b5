/**
 * Per-request ops state (who is calling, rate-limit settlement, response headers) is the
 * RequestContext the API layer keeps per HTTP request and hands to the pipeline on the
 * GenerateRequest (api/request-context.ts). Hooks reach it through the Fastify request,
 * Generate middlewares through `req.context`.
 */
import type { RequestContext } from '../../core/types.js';

export { requestContext as opsOf } from '../../api/request-context.js';

/** Who is calling: never the key itself, only a stable id derived from it. */
export type Principal = NonNullable<RequestContext['principal']>;

/** The ops state of one HTTP request. */
export type OpsContext = RequestContext;
