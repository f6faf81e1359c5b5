/**
 * Server-sent events from a byte stream: bytes → lines → events, done synchronously per
 * chunk (one async hop per network read, not per line). Robust to chunks split anywhere
 * (inside a UTF-8 sequence, between \r and \n), comments, unknown fields and a stream that
 * ends without a blank line.
 */

/** One SSE event: its `event:` name (if any) and its `data:` lines joined by \n. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** An incremental SSE parser: push chunks, get the events they complete. */
export class SseParser {
  // The stream's BOM is dropped once in #text, whichever way its bytes were decoded.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The decoder holds the first bytes of a character split across chunks.
  #midChar = false;
  #begun = false;
  // Pieces of the line not yet ended (none holds \r or \n).
  #parts: string[] = [];
  // A \r at the very end of a chunk may be the first half of \r\n: skip a leading \n next time.
  #skipLf = false;
  #data: string[] = [];
  #name: string | undefined;

  /** Feed a chunk; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.#text(chunk);
    if (this.#skipLf && text.charCodeAt(0) === 10) text = text.slice(1);
    this.#skipLf = false;
    // A long line arrives in many chunks: keep its pieces until one holds a line end, so every
    // char is scanned once (re-scanning the partial line per chunk took 90 s for a 16 MiB line).
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    if (lf === -1 && cr === -1) {
      if (text) this.#parts.push(text);
      return [];
    }
    const head = this.#parts.join('');
    const buf = head + text;
    if (lf !== -1) lf += head.length;
    if (cr !== -1) cr += head.length;
    const out: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      if (end === -1) break;
      this.#line(buf, start, end, out);
      start = end + 1;
      if (end === cr) {
        if (start === buf.length) this.#skipLf = true;
        else if (buf.charCodeAt(start) === 10) start++;
        cr = buf.indexOf('\r', start);
      }
      if (lf !== -1 && lf < start) lf = buf.indexOf('\n', start);
    }
    this.#parts = start < buf.length ? [buf.slice(start)] : [];
    return out;
  }

  /** The stream ended: flush a last line and a last event without a blank line. */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    const rest = this.#parts.join('') + this.#decoder.decode();
    this.#parts = [];
    if (rest.length > 0) this.#line(rest, 0, rest.length, out);
    this.#dispatch(out);
    return out;
  }

  /**
   * Buffer#toString is several times cheaper than a streaming TextDecoder, and exact when the
   * chunk ends on a character boundary (its last byte is ASCII) with no character pending.
   */
  #text(chunk: Uint8Array): string {
    const last = chunk[chunk.length - 1];
    if (last === undefined) return '';
    let text: string;
    if (!this.#midChar && last < 0x80) text = (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)).toString();
    else {
      this.#midChar = last >= 0x80;
      text = this.#decoder.decode(chunk, { stream: true });
    }
    if (this.#begun || text.length === 0) return text;
    this.#begun = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  #dispatch(out: SseEvent[]): void {
    if (this.#data.length > 0) {
      const data = this.#data.length === 1 ? this.#data[0]! : this.#data.join('\n');
      out.push(this.#name === undefined ? { data } : { event: this.#name, data });
    }
    this.#data = [];
    this.#name = undefined;
  }

  /** The line buf[start, end): only `data` and `event` matter; comments and other fields are skipped. */
  #line(buf: string, start: number, end: number, out: SseEvent[]): void {
    if (start === end) return this.#dispatch(out);
    // A line ends at \r or \n, so a field name running past `end` cannot match.
    if (buf.startsWith('data', start)) {
      const value = fieldValue(buf, start + 4, end);
      if (value !== undefined) this.#data.push(value);
    } else if (buf.startsWith('event', start)) {
      const value = fieldValue(buf, start + 5, end);
      if (value !== undefined) this.#name = value;
    }
  }
}

/** The value of a field whose name ends at `at`: after ':' and one optional space; undefined if the name goes on. */
function fieldValue(buf: string, at: number, end: number): string | undefined {
  if (at === end) return '';
  if (buf.charCodeAt(at) !== 58) return undefined;
  const from = at + 1 < end && buf.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
  return buf.slice(from, end);
}

/** Bytes to SSE events, yielded in batches: all events completed by one chunk at a time. */
export async function* decodeSseBatches(chunks: AsyncIterable<Uint8Array | string>): AsyncIterable<SseEvent[]> {
  const parser = new SseParser();
  for await (const chunk of chunks) {
    const events = parser.push(chunk);
    if (events.length > 0) yield events;
  }
  const last = parser.end();
  if (last.length > 0) yield last;
}

/** Bytes to SSE events, one at a time. */
export async function* decodeSse(chunks: AsyncIterable<Uint8Array | string>): AsyncIterable<SseEvent> {
  for await (const batch of decodeSseBatches(chunks)) yield* batch;
}
