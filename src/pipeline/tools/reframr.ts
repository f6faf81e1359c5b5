/**
 * The Reframr marker form: `<tool_call>name {json}`. A call ends where its JSON object
 * balances; an optional `</tool_call>` after it is swallowed. Without JSON, the arguments are
 * the raw text up to `</tool_call>`, a newline or the end, wrapped as `{"input": …}` as in the
 * seed. `<tool_call>{"name": …}` (Hermes shape) is accepted too.
 */
import { normalizeArguments } from './json-text.js';
import { callsFromJsonText, MarkerParser, type CallRead } from './marker-parser.js';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
const NAME = /^[A-Za-z0-9_.-]+/;

/** Parser for `<tool_call>name {json}`. */
export class ReframrToolParser extends MarkerParser {
  constructor() {
    super([OPEN], CLOSE);
  }

  protected readCall(buf: string, final: boolean): CallRead | null {
    let i = OPEN.length;
    while (i < buf.length && /\s/.test(buf[i])) i++;
    if (i === buf.length) return final ? { calls: [], consumed: i } : null;
    if (buf[i] === '{') return readJsonCall(buf, i, final, this.jsonEnd(buf, i));
    const name = NAME.exec(buf.slice(i))?.[0];
    if (!name) return { release: true, consumed: i };
    let j = i + name.length;
    if (j === buf.length && !final) return null;
    while (j < buf.length && (buf[j] === ' ' || buf[j] === '\t')) j++;
    if (j === buf.length && !final) return null;
    if (buf[j] === '{') return readJsonArgs(buf, name, j, final, this.jsonEnd(buf, j));
    return readRawArgs(buf, name, j, final);
  }
}

function readJsonCall(buf: string, start: number, final: boolean, end: number): CallRead | null {
  if (end < 0 && !final) return null;
  const consumed = end < 0 ? buf.length : end;
  const calls = callsFromJsonText(buf.slice(start, consumed), true);
  return calls ? { calls, consumed } : { release: true, consumed };
}

function readJsonArgs(buf: string, name: string, start: number, final: boolean, end: number): CallRead | null {
  if (end < 0 && !final) return null;
  const consumed = end < 0 ? buf.length : end;
  const args = normalizeArguments(buf.slice(start, consumed));
  const truncated = end < 0 || args.repaired;
  return { calls: [{ name, arguments: args.json, ...(truncated ? { truncated } : {}) }], consumed };
}

function readRawArgs(buf: string, name: string, start: number, final: boolean): CallRead | null {
  const stops = [buf.indexOf(CLOSE, start), buf.indexOf('\n', start), buf.indexOf(OPEN, start)].filter((x) => x >= 0);
  if (stops.length === 0 && !final) return null;
  const end = stops.length ? Math.min(...stops) : buf.length;
  return { calls: [{ name, arguments: normalizeArguments(buf.slice(start, end)).json }], consumed: end };
}
