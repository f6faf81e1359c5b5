/**
 * Hermes / Qwen tool calls: `<tool_call>{"name": …, "arguments": {…}}</tool_call>`, any number
 * in a row, prose allowed before them. A call ends where its JSON balances, so a missing
 * `</tool_call>` before the next `<tool_call>` (or the end) still yields the call.
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
    let i = OPEN.length;
    while (i < buf.length && /\s/.test(buf[i])) i++;
    if (i === buf.length) return final ? { calls: [], consumed: i } : null;
    if (buf[i] !== '{' && buf[i] !== '[') {
      // Not JSON: show the whole tagged span as it was written.
      const close = buf.indexOf(CLOSE, i);
      if (close < 0 && !final) return null;
      return { release: true, consumed: close < 0 ? buf.length : close + CLOSE.length };
    }
    const end = this.jsonEnd(buf, i);
    if (end < 0 && !final) return null;
    const consumed = end < 0 ? buf.length : end;
    const calls = callsFromJsonText(buf.slice(i, consumed), true);
    if (calls && end < 0) for (const c of calls) c.truncated = true;
    return calls ? { calls, consumed } : { release: true, consumed };
  }
}
