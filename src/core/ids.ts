/** Response ids in the OpenAI style (`chatcmpl-…`, `cmpl-…`, `call_…`). */
import { randomBytes } from 'node:crypto';

// One random prefix per process plus a counter: unique, and no crypto call per request.
const processPart = randomBytes(6).toString('hex');
let counter = 0;

/** A new unique id with the given prefix, e.g. `newId('chatcmpl')` → `chatcmpl-3f9a…`. */
export function newId(prefix: string): string {
  counter = (counter + 1) % 0x7fffffff;
  return `${prefix}-${processPart}${counter.toString(36).padStart(6, '0')}`;
}

/** Seconds since the epoch, as OpenAI's `created` fields use. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
