/**
 * Request ids: a proxy's `x-request-id` (nginx `$request_id`) when it looks like one, so logs
 * line up end to end, else a random UUID. Fastify binds it to the request's logger itself
 * (`requestId`), so no per-request child logger is needed for it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[\w.:@/-]{1,128}$/;

/** The id for one incoming request (Fastify's `genReqId`). */
export function requestIdFor(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
