/**
 * An upstream response body → EngineEvents, synchronously per network chunk: an SSE stream
 * event by event as its lines complete, a JSON body once it is whole. At the end (the body's
 * end or `data: [DONE]`) every choice that got no finish_reason is finished with `stop`, so
 * each choice ends exactly once even when an upstream forgets to say so.
 */
import { psrError } from '../../core/errors.js';
import type { EngineEvent } from '../../core/types.js';
import { chunkEvents, responseEvents } from './events.js';
import { SseParser, type SseEvent } from './sse-decoder.js';

type Obj = Record<string, unknown>;

/** Decodes one upstream response body; `done` turns true at `data: [DONE]`. */
export class ResponseDecoder {
  readonly #sse: SseParser | undefined;
  readonly #json: Buffer[] = [];
  readonly #seen = new Set<number>();
  readonly #finished = new Set<number>();
  /** The stream said `[DONE]`: it is complete, and whatever follows is ignored. */
  done = false;

  /**
   * @example new ResponseDecoder(contentType.includes('text/event-stream')).push(chunk) // events the chunk completed
   */
  constructor(sse: boolean) {
    this.#sse = sse ? new SseParser() : undefined;
  }

  /** The events `chunk` completes; throws a PsrError when the upstream streams an error. */
  push(chunk: Buffer): EngineEvent[] {
    if (this.done) return [];
    if (!this.#sse) {
      this.#json.push(chunk);
      return [];
    }
    return this.#sseEvents(this.#sse.push(chunk));
  }

  /** The body ended: its last events, then a finish for every choice left open. */
  end(): EngineEvent[] {
    if (this.done) return [];
    const out = this.#sse ? this.#sseEvents(this.#sse.end()) : this.#track(responseEvents(this.#body()));
    if (!this.done) this.#finishOpen(out);
    return out;
  }

  #body(): Obj {
    const parts = this.#json;
    const text = parts.length === 1 ? parts[0]!.toString() : Buffer.concat(parts).toString();
    return JSON.parse(text) as Obj;
  }

  #sseEvents(batch: SseEvent[]): EngineEvent[] {
    const out: EngineEvent[] = [];
    for (const sse of batch) {
      if (sse.data === '[DONE]') {
        this.done = true;
        break;
      }
      let chunk: Obj;
      try {
        chunk = JSON.parse(sse.data) as Obj;
      } catch {
        continue; // garbage between events: skip it, as tolerant clients do
      }
      if (sse.event === 'error' || chunk.error) throw psrError('upstream_error', `Upstream stream error: ${JSON.stringify(chunk.error ?? chunk).slice(0, 300)}`);
      chunkEvents(chunk, out);
    }
    this.#track(out);
    if (this.done) this.#finishOpen(out);
    return out;
  }

  #track(events: EngineEvent[]): EngineEvent[] {
    for (const ev of events) {
      if (ev.type === 'usage') continue;
      this.#seen.add(ev.choice);
      if (ev.type === 'finish') this.#finished.add(ev.choice);
    }
    return events;
  }

  #finishOpen(out: EngineEvent[]): void {
    for (const choice of this.#seen) if (!this.#finished.has(choice)) out.push({ type: 'finish', choice, reason: 'stop' });
  }
}
