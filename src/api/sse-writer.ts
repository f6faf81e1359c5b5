/**
 * Server-sent events onto a raw Node response: `data:` frames, named `event:` frames, the
 * final `[DONE]`, with backpressure. A write to a client that left throws ClientGone so the
 * caller's loop ends and its `finally` aborts the engine (STYLE.md §6: never swallow it).
 */
import type { ServerResponse } from 'node:http';

/** Thrown when the client disconnected; the stream's consumer should stop and abort. */
export class ClientGone extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGone';
  }
}

/** The head of every event stream. */
const SSE_HEADERS = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // nginx and similar proxies would otherwise buffer the whole stream
  'x-accel-buffering': 'no',
});

/** Writes SSE frames to one response. */
export class SseWriter {
  readonly #res: ServerResponse;
  // Events decoded from one upstream read arrive in the same turn of the event loop: collect
  // their frames and write them once per turn (one syscall, not one per chunk).
  #pending = '';
  #scheduled = false;
  readonly #flush = () => {
    this.#scheduled = false;
    const frames = this.#pending;
    this.#pending = '';
    if (frames && !this.closed) this.#res.write(frames);
  };

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  /** Send the 200 head; `headers` are extra headers set earlier (e.g. by hooks). */
  open(headers: Record<string, string | number | string[] | undefined> = {}): void {
    // The hooks' few headers one by one and a constant head, rather than a merged object built
    // for every response (the head sent is the same; the SSE fields win over a hook's).
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined && !(name in SSE_HEADERS)) this.#res.setHeader(name, value);
    }
    this.#res.writeHead(200, SSE_HEADERS);
  }

  /** Whether the client is gone. */
  get closed(): boolean {
    return this.#res.destroyed || this.#res.writableEnded;
  }

  /**
   * Queue a frame. Returns undefined when the caller may go on at once (the common case: no
   * promise, no microtask per chunk), or a promise to await while a slow client drains.
   * Throws ClientGone when the client has left.
   */
  #write(frame: string): Promise<void> | undefined {
    if (this.closed) throw new ClientGone();
    this.#pending += frame;
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flush);
    }
    if (this.#pending.length < 65536 && !this.#res.writableNeedDrain) return undefined;
    // A big backlog or a slow client: write now and wait until the socket drains.
    this.#flush();
    if (!this.#res.writableNeedDrain) return undefined;
    return this.#drained();
  }

  async #drained(): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#res.off('drain', done);
        this.#res.off('close', done);
        resolve();
      };
      this.#res.on('drain', done);
      this.#res.on('close', done);
    });
    if (this.#res.destroyed) throw new ClientGone();
  }

  /** A `data:` frame with a JSON payload (see #write for the return value). */
  data(payload: unknown): Promise<void> | undefined {
    return this.#write(`data: ${JSON.stringify(payload)}\n\n`);
  }

  /** A `data:` frame whose payload is already JSON text (see #write for the return value). */
  json(text: string): Promise<void> | undefined {
    return this.#write(`data: ${text}\n\n`);
  }

  /** A named event frame, e.g. `event: error` (see #write for the return value). */
  event(name: string, payload: unknown): Promise<void> | undefined {
    return this.#write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  /** End the stream with `data: [DONE]`. */
  done(): void {
    if (this.closed) return;
    const frames = this.#pending + 'data: [DONE]\n\n';
    this.#pending = '';
    this.#res.end(frames);
  }

  /** End the stream without [DONE] (after an error frame). */
  end(): void {
    if (this.closed) return;
    const frames = this.#pending;
    this.#pending = '';
    this.#res.end(frames);
  }
}
