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
  readonly #decoder = new TextDecoder();
  // Pieces of the line not yet ended (none holds \r or \n).
  #parts: string[] = [];
  // A \r at the very end of a chunk may be the first half of \r\n: skip a leading \n next time.
  #skipLf = false;
  #data: string[] = [];
  #name: string | undefined;

  /** Feed a chunk; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (this.#skipLf && text.charCodeAt(0) === 10) text = text.slice(1);
    this.#skipLf = false;
    // A long line arrives in many chunks: keep its pieces until one holds a line end, so every
    // char is scanned once (re-scanning the partial line per chunk took 90 s for a 16 MiB line).
    if (!/[\r\n]/.test(text)) {
      if (text) this.#parts.push(text);
      return [];
    }
    const head = this.#parts.join('');
    const buf = head + text;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = head.length; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#line(buf.slice(start, i), out);
      if (c === 13) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 10) i++;
        } else this.#skipLf = true;
      }
      start = i + 1;
    }
    this.#parts = start < buf.length ? [buf.slice(start)] : [];
    return out;
  }

  /** The stream ended: flush a last line and a last event without a blank line. */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    const rest = this.#parts.join('') + this.#decoder.decode();
    this.#parts = [];
    if (rest.length > 0) this.#line(rest, out);
    this.#dispatch(out);
    return out;
  }

  #dispatch(out: SseEvent[]): void {
    if (this.#data.length > 0) {
      const data = this.#data.length === 1 ? this.#data[0]! : this.#data.join('\n');
      out.push(this.#name === undefined ? { data } : { event: this.#name, data });
    }
    this.#data = [];
    this.#name = undefined;
  }

  #line(line: string, out: SseEvent[]): void {
    if (line.length === 0) return this.#dispatch(out);
    if (line.charCodeAt(0) === 58) return; // comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#name = value;
  }
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
