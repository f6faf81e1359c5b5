/**
 * Hermes / Qwen tool calls: `<tool_call>{"name": …, "arguments": {…}}</tool_call>`, any number
 * in a row, prose allowed before them.
 */
import { callsFromJsonText, MarkerParser, type CallRead } from './marker-parser.js';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

/** Parser for the Hermes/Qwen `<tool_call>` JSON form. */
export class HermesToolParser extends MarkerParser {
  constructor() {
    super([OPEN], CLOSE);
  }

  protected readCall(buf: string, final: boolean): CallRead | null {
    const end = buf.indexOf(CLOSE, OPEN.length);
    if (end < 0 && !final) return null;
    const bodyEnd = end < 0 ? buf.length : end;
    const consumed = end < 0 ? buf.length : end + CLOSE.length;
    const calls = callsFromJsonText(buf.slice(OPEN.length, bodyEnd), true);
    if (calls && end < 0) for (const c of calls) c.truncated = true;
    return calls ? { calls, consumed } : { release: true, consumed };
  }
}
