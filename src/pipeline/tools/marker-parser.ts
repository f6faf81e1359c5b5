/**
 * A template for parsers whose calls start with a marker (`<tool_call>`, `[TOOL_CALLS]`):
 * the template handles content, held-back marker prefixes and what follows a call; a subclass
 * only says how to read one call that starts at the marker (STYLE.md §3).
 */
import { continueJsonScan, isObject, jsonScanState, normalizeArguments, repairJson, tryParse, type JsonScanState } from './json-text.js';
import { scanForMarker, skipAfterCall } from './marker-scan.js';
import type { ParsedToolCall, ParserOutput, ToolCallParser } from './types.js';

/** How a subclass answers for the text starting at a marker. */
export type CallRead =
  | { calls: ParsedToolCall[]; consumed: number }
  /** Not a call after all: `consumed` characters go out as content, unchanged. */
  | { release: true; consumed: number };

/** Base class: content mode, call mode, and the gap after a call. */
export abstract class MarkerParser implements ToolCallParser {
  readonly #markers: readonly string[];
  readonly #closeTag: string | null;
  #buf = '';
  #mode: 'content' | 'call' | 'after' = 'content';
  #scan: JsonScanState | null = null;
  #scanStart = -1;

  /** @param closeTag a tag that may follow a call and is swallowed with it. */
  constructor(markers: readonly string[], closeTag: string | null) {
    this.#markers = markers;
    this.#closeTag = closeTag;
  }

  /** Read one call from `buf` (which starts with a marker); null while more text is needed. */
  protected abstract readCall(buf: string, final: boolean): CallRead | null;

  /**
   * End of the JSON value at `start` in the call buffer, or -1 while open. The scan resumes
   * where it stopped, so a long call streamed in small pieces costs linear time, not quadratic.
   */
  protected jsonEnd(buf: string, start: number): number {
    if (this.#scan === null || this.#scanStart !== start) {
      this.#scan = jsonScanState(start);
      this.#scanStart = start;
    }
    return continueJsonScan(buf, this.#scan);
  }

  /** Feed more model text. */
  push(text: string): ParserOutput {
    const base = this.#buf.length;
    this.#buf += text;
    // Inside a call's JSON, only the new piece is scanned until the value closes.
    if (this.#mode === 'call' && this.#scan && this.#scan.end < 0 && continueJsonScan(text, this.#scan, base) < 0) return { content: '', calls: [] };
    return this.#drain(false);
  }

  /** Flush at the end of the text. */
  finish(): ParserOutput {
    return this.#drain(true);
  }

  #drain(final: boolean): ParserOutput {
    const out: ParserOutput = { content: '', calls: [] };
    for (;;) {
      if (this.#mode === 'after') {
        const rest = skipAfterCall(this.#buf, this.#closeTag, final);
        if (rest === null) break;
        this.#buf = rest;
        this.#mode = 'content';
      }
      if (this.#mode === 'content') {
        const scan = scanForMarker(this.#buf, this.#markers, final);
        out.content += scan.content;
        this.#buf = scan.rest;
        if (!scan.found) break;
        this.#mode = 'call';
      }
      const read = this.readCall(this.#buf, final) ?? (final ? { release: true as const, consumed: this.#buf.length } : null);
      if (read === null) break;
      const taken = this.#buf.slice(0, read.consumed);
      this.#buf = this.#buf.slice(read.consumed);
      this.#scan = null;
      if ('release' in read) {
        out.content += taken;
        this.#mode = 'content';
        if (final && this.#buf === '') break;
        continue;
      }
      out.calls.push(...read.calls);
      this.#mode = 'after';
    }
    return out;
  }
}

/** A call from an object `{name, arguments|parameters}` (also `{function: {name, arguments}}`). */
export function callFromObject(value: unknown, truncated = false): ParsedToolCall | null {
  if (!isObject(value)) return null;
  const fn = isObject(value.function) ? value.function : value;
  if (typeof fn.name !== 'string' || fn.name === '') return null;
  const args = normalizeArguments(fn.arguments ?? fn.parameters);
  const call: ParsedToolCall = { name: fn.name, arguments: args.json };
  if (typeof value.id === 'string' && value.id !== '') call.id = value.id;
  if (truncated || args.repaired) call.truncated = true;
  return call;
}

/**
 * Calls from JSON text holding one call object or an array of them; null if it holds none.
 * With `repair`, JSON that does not parse is completed/cleaned first (and the calls marked).
 */
export function callsFromJsonText(text: string, repair: boolean): ParsedToolCall[] | null {
  const direct = tryParse(text.trim());
  const truncated = direct === undefined;
  const value = truncated && repair ? repairJson(text.trim()) : direct;
  const items = Array.isArray(value) ? value : [value];
  const calls = items.map((v) => callFromObject(v, truncated));
  if (calls.length === 0 || calls.some((c) => c === null)) return null;
  return calls as ParsedToolCall[];
}
