/**
 * Body parsing: JSON whatever the content type says (clients often send none or text/plain),
 * a malformed body is invalid_json, and the size limit is the app's (413 via the handler).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { psrError } from '../core/errors.js';

/** Deepest accepted nesting of arrays/objects; real requests (JSON schemas included) stay far below. */
export const MAX_JSON_DEPTH = 256;

/**
 * True when `text` nests arrays/objects deeper than `limit`. Checked before JSON.parse because
 * the recursive code downstream (JSON.stringify to an upstream, schema compilers) overflows the
 * stack on a few thousand levels, which would turn bad input into a 5xx.
 */
function tooDeep(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // nesting deeper than `limit` takes more brackets than that
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

function parseJson(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.length === 0) return done(psrError('invalid_json', 'The request body is empty; expected a JSON object.'));
  if (tooDeep(text, MAX_JSON_DEPTH)) return done(psrError('invalid_json', `The JSON body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.`));
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
