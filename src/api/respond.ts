/**
 * The one response path: pull the first event (so errors before any output get a proper HTTP
 * status), then either stream rendered chunks as SSE or accumulate the same events into a
 * JSON body. A client that leaves aborts the pipeline's signal.
 */
import type { FastifyReply } from 'fastify';
import { accumulateEvent, type Accumulated, type AccumulatedChoice } from '../core/accumulate.js';
import { PsrError, toPsrError } from '../core/errors.js';
import { takeReady } from '../core/ready-events.js';
import type { EngineEvent } from '../core/types.js';
import { ClientGone, SseWriter } from './sse-writer.js';

type Obj = Record<string, unknown>;

/** How to render a JSON answer. */
export interface BodyRenderer {
  body(acc: Accumulated): Obj;
}

/** How to render one kind of response, streamed or not. */
export interface Renderer extends BodyRenderer {
  /** The chunk for `ev` as an object, or already serialized as JSON text; null for none. */
  chunk(ev: EngineEvent): Obj | string | null;
  usageChunk(ev: Extract<EngineEvent, { type: 'usage' }>): Obj;
  /** A named SSE frame to send before `ev`'s chunk (e.g. opt-in `event: phase`), or null. */
  event?(ev: EngineEvent): { name: string; data: Obj } | null;
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
export function clientSignal(reply: FastifyReply): AbortController {
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac;
}

/** An event the pipeline already holds, as a result, without a promise; undefined: await `next()`. */
function held(it: AsyncIterator<EngineEvent>): IteratorResult<EngineEvent> | undefined {
  const ev = takeReady(it);
  return ev === undefined ? undefined : { done: false, value: ev };
}

async function accumulateFrom(first: IteratorResult<EngineEvent>, it: AsyncIterator<EngineEvent>): Promise<Accumulated> {
  const acc: Accumulated = { choices: [] };
  const byIndex = new Map<number, AccumulatedChoice>();
  for (let r = first; !r.done; r = held(it) ?? (await it.next())) accumulateEvent(acc, r.value, byIndex);
  acc.choices.sort((a, b) => a.index - b.index);
  for (const c of acc.choices) c.toolCalls.sort((a, b) => a.index - b.index);
  return acc;
}

async function streamOut(reply: FastifyReply, first: IteratorResult<EngineEvent>, it: AsyncIterator<EngineEvent>, r: Renderer, includeUsage: boolean, ac: AbortController): Promise<void> {
  const sse = new SseWriter(reply.raw);
  sse.open(reply.getHeaders());
  try {
    for (let res = first; !res.done; res = held(it) ?? (await it.next())) {
      const ev = res.value;
      // A write hands back a promise only while a slow client drains: await just those.
      let wait: Promise<void> | undefined;
      if (ev.type === 'usage') {
        if (includeUsage) wait = sse.data(r.usageChunk(ev));
      } else {
        const named = r.event?.(ev);
        if (named) wait = sse.event(named.name, named.data);
        if (wait) await wait;
        const chunk = r.chunk(ev);
        wait = chunk === null ? undefined : typeof chunk === 'string' ? sse.json(chunk) : sse.data(chunk);
      }
      if (wait) await wait;
    }
    sse.done();
  } catch (err) {
    // Stop the pipeline (its finally blocks abort the engine's work).
    void it.return?.()?.catch(() => undefined);
    // Aborted with a PsrError reason: the server ended it (shutdown deadline); tell the client.
    const serverEnded = ac.signal.aborted && ac.signal.reason instanceof PsrError;
    if (err instanceof ClientGone || (ac.signal.aborted && !serverEnded)) return;
    reply.log.warn({ err }, 'stream failed after the first byte');
    // Failures after the first byte: an `error` event with the envelope, then close.
    try {
      await sse.event('error', toPsrError(serverEnded ? ac.signal.reason : err).toBody());
    } catch {
      // the client left meanwhile: nobody to tell
    }
    sse.end();
  }
}

/**
 * Respond to a completion request from `events` (the pipeline's output for it).
 * Throws (to the error handler) only when the failure comes before anything was sent.
 */
export async function respond(
  reply: FastifyReply,
  events: AsyncIterable<EngineEvent>,
  r: Renderer | BodyRenderer,
  opts: { stream: boolean; includeUsage: boolean; ac: AbortController },
): Promise<void> {
  const it = events[Symbol.asyncIterator]();
  const first = await it.next();
  if (!opts.stream) {
    await reply.send(r.body(await accumulateFrom(first, it)));
    return;
  }
  if (!('chunk' in r)) throw new Error('respond(): a streamed response needs a chunk renderer');
  reply.hijack();
  await streamOut(reply, first, it, r, opts.includeUsage, opts.ac);
}
