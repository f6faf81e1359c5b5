/**
 * Who is calling. Per-request ops state (the caller, rate-limit settlement, response headers)
 * is the RequestContext the API layer keeps per HTTP request (api/request-context.ts): hooks
 * reach it with `requestContext(request)`, Generate middlewares through `req.context`.
 */
import type { RequestContext } from '../../core/types.js';

/** Who is calling: never the key itself, only a stable id derived from it. */
export type Principal = NonNullable<RequestContext['principal']>;
