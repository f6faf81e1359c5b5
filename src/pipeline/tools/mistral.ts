/**
 * Mistral tool calls. Older templates: `[TOOL_CALLS]` then a JSON array of `{name, arguments}`
 * (or one object). Newer (tokenizer v11+): `[TOOL_CALLS]name[ARGS]{…}`, optionally
 * `name[CALL_ID]abc123XYZ[ARGS]{…}`, repeated once per call.
 */
import { normalizeArguments } from './json-text.js';
import { callsFromJsonText, MarkerParser, type CallRead } from './marker-parser.js';
import type { ParsedToolCall } from './types.js';

const OPEN = '[TOOL_CALLS]';
const NAMED = /^([A-Za-z0-9_.-]+)(?:\[CALL_ID\]([A-Za-z0-9_-]+))?\[ARGS\]/;

/** Parser for `[TOOL_CALLS]`, both the JSON-array and the `name[ARGS]{…}` forms. */
export class MistralToolParser extends MarkerParser {
  constructor() {
    super([OPEN], null);
  }

  protected readCall(buf: string, final: boolean): CallRead | null {
    let i = OPEN.length;
    while (i < buf.length && /\s/.test(buf[i])) i++;
    if (i === buf.length) return final ? { calls: [], consumed: i } : null;
    if (buf[i] === '[' || buf[i] === '{') {
      const end = this.jsonEnd(buf, i);
      if (end < 0 && !final) return null;
      const consumed = end < 0 ? buf.length : end;
      const calls = callsFromJsonText(buf.slice(i, consumed), true);
      return calls ? { calls, consumed } : { release: true, consumed };
    }
    const head = NAMED.exec(buf.slice(i));
    if (!head) {
      // Still spelling out `name[CALL_ID]id[ARGS]`? Wait while nothing rules it out.
      const soFar = buf.slice(i);
      return !final && /^[A-Za-z0-9_.-]*(?:\[[A-Z_]*\]?[A-Za-z0-9_-]*)*$/.test(soFar) ? null : { release: true, consumed: buf.length };
    }
    return readNamedArgs(buf, i + head[0].length, head[1], head[2], final, (at) => this.jsonEnd(buf, at));
  }
}

function readNamedArgs(buf: string, start: number, name: string, id: string | undefined, final: boolean, jsonEnd: (at: number) => number): CallRead | null {
  let i = start;
  while (i < buf.length && /\s/.test(buf[i])) i++;
  if (i === buf.length && !final) return null;
  let end: number;
  if (buf[i] === '{') end = jsonEnd(i);
  else end = buf.indexOf(OPEN, i);
  if (end < 0 && !final) return null;
  const consumed = end < 0 ? buf.length : end;
  const args = normalizeArguments(buf.slice(i, consumed));
  const call: ParsedToolCall = { name, arguments: args.json };
  if (id) call.id = id;
  if (args.repaired || (end < 0 && buf[i] === '{')) call.truncated = true;
  return { calls: [call], consumed };
}
