/**
 * Llama 3 JSON tool calls: the whole message is `{"name": …, "parameters": {…}}` (or
 * `"arguments"`), perhaps after `<|python_tag|>`, several separated by `;`. A message that
 * begins with `{` is held back until its object closes, then shown as content if it is not a
 * call (a model answering in JSON must not be mistaken for a call).
 */
import { continueJsonScan, isObject, jsonScanState, repairJson, tryParse, type JsonScanState } from './json-text.js';
import { callFromObject } from './marker-parser.js';
import type { ParsedToolCall, ParserOutput, ToolCallParser } from './types.js';

const TAG = '<|python_tag|>';

/** Options: when tool names are known, only objects naming one of them count as calls. */
export interface Llama3JsonOptions {
  toolNames?: readonly string[];
}

/** Parser for Llama 3 style JSON calls. */
export class Llama3JsonToolParser implements ToolCallParser {
  readonly #names: ReadonlySet<string> | null;
  #buf = '';
  #emitted = 0;
  // Resumed JSON scan of the current object: linear time however small the pieces.
  #scan: { lead: number; state: JsonScanState } | null = null;
  #mode: 'start' | 'json' | 'content' = 'start';

  constructor(opts: Llama3JsonOptions = {}) {
    this.#names = opts.toolNames?.length ? new Set(opts.toolNames) : null;
  }

  /** Feed more model text. */
  push(text: string): ParserOutput {
    const base = this.#buf.length;
    this.#buf += text;
    // Inside an object, only the new piece is scanned until it closes.
    if (this.#mode === 'json' && this.#scan && this.#scan.state.end < 0 && continueJsonScan(text, this.#scan.state, base) < 0) return { content: '', calls: [] };
    return this.#drain(false);
  }

  /** Flush at the end of the text. */
  finish(): ParserOutput {
    return this.#drain(true);
  }

  #drain(final: boolean): ParserOutput {
    const out: ParserOutput = { content: '', calls: [] };
    while (this.#buf !== '') {
      if (this.#mode === 'content') {
        out.content += this.#buf;
        this.#buf = '';
        break;
      }
      const step = this.#mode === 'start' ? this.#start(final) : this.#json(final, out.calls);
      if (step === 'wait') break;
      if (step === 'release') this.#mode = 'content';
    }
    return out;
  }

  /** Decide from the first characters whether this message may be a call. */
  #start(final: boolean): 'wait' | 'release' | 'go' {
    const t = this.#buf.trimStart();
    if (t.startsWith(TAG) || t.startsWith('{')) {
      this.#mode = 'json';
      return 'go';
    }
    if (!final && (t === '' || TAG.startsWith(t))) return 'wait';
    return 'release';
  }

  /** Read one JSON object (after an optional tag and `;` separators) as a call. */
  #json(final: boolean, calls: ParsedToolCall[]): 'wait' | 'release' | 'go' {
    const lead = /^\s*(?:<\|python_tag\|>)?[\s;]*/.exec(this.#buf)![0].length;
    if (lead === this.#buf.length) {
      if (!final) return 'wait';
      if (this.#emitted === 0) return 'release';
      this.#buf = '';
      return 'go';
    }
    if (this.#buf[lead] !== '{') return 'release';
    if (this.#scan?.lead !== lead) this.#scan = { lead, state: jsonScanState(lead) };
    const end = continueJsonScan(this.#buf, this.#scan.state);
    if (end < 0 && !final) return 'wait';
    const text = this.#buf.slice(lead, end < 0 ? undefined : end);
    const call = this.#asCall(end < 0 ? repairJson(text) : tryParse(text), end < 0);
    if (!call) return 'release';
    calls.push(call);
    this.#emitted++;
    this.#buf = end < 0 ? '' : this.#buf.slice(end);
    this.#scan = null;
    return 'go';
  }

  #asCall(value: unknown, truncated: boolean): ParsedToolCall | null {
    if (!isObject(value) || !('parameters' in value || 'arguments' in value)) return null;
    if (this.#names && !this.#names.has(String(value.name))) return null;
    return callFromObject(value, truncated);
  }
}
