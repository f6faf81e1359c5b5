/**
 * Server-sent events from a byte stream, in thin layers (STYLE.md §6): bytes → lines → events.
 * Robust to chunks split anywhere (inside a UTF-8 sequence, between \r and \n), comments,
 * unknown fields and a stream that ends without a blank line.
 */

/** One SSE event: its `event:` name (if any) and its `data:` lines joined by \n. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Split decoded text into lines; \n, \r\n and a lone \r all end a line. */
export async function* lines(chunks: AsyncIterable<Uint8Array | string>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let buf = '';
  // A \r at the very end of a chunk may be the first half of \r\n: skip a leading \n next time.
  let skipLf = false;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (skipLf && text.startsWith('\n')) text = text.slice(1);
    skipLf = false;
    buf += text;
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      yield buf.slice(start, i);
      if (c === 13) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 10) i++;
        } else skipLf = true;
      }
      start = i + 1;
    }
    buf = buf.slice(start);
  }
  buf += decoder.decode();
  if (buf.length > 0) yield buf;
}

/** Group lines into events; comments (`:`) and unknown fields are ignored. */
export async function* events(input: AsyncIterable<string>): AsyncIterable<SseEvent> {
  let data: string[] = [];
  let name: string | undefined;
  for await (const line of input) {
    if (line === '') {
      if (data.length > 0) yield name === undefined ? { data: data.join('\n') } : { event: name, data: data.join('\n') };
      data = [];
      name = undefined;
      continue;
    }
    if (line.charCodeAt(0) === 58) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') name = value;
  }
  if (data.length > 0) yield name === undefined ? { data: data.join('\n') } : { event: name, data: data.join('\n') };
}

/** Bytes to SSE events. */
export function decodeSse(chunks: AsyncIterable<Uint8Array | string>): AsyncIterable<SseEvent> {
  return events(lines(chunks));
}
