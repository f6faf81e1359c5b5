/**
 * Body parsing: JSON whatever the content type says (clients often send none or text/plain),
 * a malformed body is invalid_json, and the size limit is the app's (413 via the handler).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { psrError } from '../core/errors.js';

function parseJson(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.length === 0) return done(psrError('invalid_json', 'The request body is empty; expected a JSON object.'));
  try {
    done(null, JSON.parse(text));
  } catch (err) {
    done(psrError('invalid_json', `We could not parse the JSON body of your request. (${(err as Error).message})`));
  }
}

/** Replace Fastify's JSON parser with one that accepts any content type and fails in the envelope. */
export function installJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJson);
}
