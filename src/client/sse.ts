/**
 * Server-sent events decoding in thin layers: bytes → lines → messages. Each layer is a small
 * generator so a consumer that stops early (break, abort) unwinds all of them.
 */

/** One SSE message: the `event:` name (default "message") and its joined `data:` lines. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Split a byte stream into lines, accepting \n, \r\n and lone \r as terminators. */
export async function* decodeLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  // A \r at the end of a chunk may be the first half of \r\n: hold it until the next chunk.
  let pendingCr = false;
  for await (const chunk of chunks) {
    let text = decoder.decode(chunk, { stream: true });
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = false;
    buffer += text;
    let match: RegExpExecArray | null;
    const terminator = /\r\n|\r|\n/g;
    let start = 0;
    while ((match = terminator.exec(buffer)) !== null) {
      if (match[0] === '\r' && match.index === buffer.length - 1) {
        pendingCr = true;
      }
      yield buffer.slice(start, match.index);
      start = match.index + match[0].length;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  if (buffer.length > 0) yield buffer;
}

/** Group lines into SSE messages per the WHATWG event-stream rules (comments and retry ignored). */
export async function* decodeSse(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  for await (const line of decodeLines(chunks)) {
    if (line === '') {
      if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), ...(id ? { id } : {}) };
      event = '';
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  }
  // A stream cut without the final blank line still delivers what it carried.
  if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), ...(id ? { id } : {}) };
}
