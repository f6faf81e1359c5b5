/**
 * One upstream generation as an async iterator of EngineEvents, fed straight from undici's
 * dispatch callbacks: each body chunk is decoded as it arrives into a queue the consumer reads,
 * with no Readable body, no AbortController and no generator layers in between. The stream
 * also enforces the first-byte and idle timeouts (one timer, re-armed per wait) and aborts the
 * upstream request when the caller's signal fires or the consumer stops early.
 *
 * Only time spent waiting on the upstream counts against the timeouts: a timer that runs out
 * while the consumer holds an event is ignored. A consumer that falls behind pauses the socket.
 */
import type { Dispatcher } from 'undici';
import { psrError } from '../../core/errors.js';
import { DONE } from '../../core/ready-events.js';
import type { EngineEvent, ReadyEvents } from '../../core/types.js';
import type { UpstreamClient } from './client.js';
import type { StreamSettler } from './resilience/fallback.js';
import { ResponseDecoder } from './response-decoder.js';

/** First-byte and idle timeouts in ms (0 or undefined: none) and the target named in their errors. */
export interface StreamLimits {
  /** Longest wait for the first event (reasoning models can think silently: be generous). */
  firstByteMs?: number;
  /** Longest wait between two events once the stream has started. */
  idleMs?: number;
  /** The target's name, for the timeout's message. */
  target?: string;
}

type Step = IteratorResult<EngineEvent>;

/** Events held for a slow consumer before the upstream socket is paused. */
const MAX_QUEUED = 1024;
/** Longest wait for the rest of a body after [DONE] before the connection is dropped instead. */
const DRAIN_AFTER_DONE_MS = 5_000;

const usable = (ms: number | undefined): number => (ms && ms > 0 && Number.isFinite(ms) ? ms : 0);

function header(raw: Buffer[] | string[] | null, name: string): string | undefined {
  if (!raw) return undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.length === name.length && raw[i]!.toString().toLowerCase() === name) return raw[i + 1]!.toString();
  return undefined;
}

function headerRecord(raw: Buffer[] | string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; raw && i + 1 < raw.length; i += 2) out[raw[i]!.toString().toLowerCase()] ??= raw[i + 1]!.toString();
  return out;
}

/**
 * The events of one upstream request. Start it by iterating; read it sequentially (one
 * `next()` at a time, as `for await` does).
 * @example for await (const ev of new UpstreamEventStream(client, '/chat/completions', body, signal, { idleMs: 30_000 })) use(ev);
 */
export class UpstreamEventStream implements AsyncIterableIterator<EngineEvent>, ReadyEvents, Dispatcher.DispatchHandler {
  readonly #client: UpstreamClient;
  readonly #path: string;
  readonly #body: unknown;
  readonly #signal: AbortSignal;
  readonly #firstByteMs: number;
  readonly #idleMs: number;
  readonly #target: string;
  #started = false;
  #listening = false;
  /** undici's abort for this request, once it is on a connection. */
  #abort: ((err?: Error) => void) | undefined;
  #abortPending = false;
  #pendingReason: Error | undefined;
  #resume: (() => void) | undefined;
  #paused = false;
  #status = 0;
  #rawHeaders: Buffer[] | string[] | null = null;
  /** A non-2xx response's body, read for its error message. */
  #errorBody: Buffer[] | undefined;
  #decoder: ResponseDecoder | undefined;
  #queue: EngineEvent[] = [];
  #head = 0;
  #received = false;
  /** Every event is queued (the body ended, or [DONE]). */
  #ended = false;
  #failed = false;
  #error: unknown;
  /** undici is done with the request (completed or errored). */
  #closed = false;
  #draining = false;
  #resolve: ((step: Step) => void) | undefined;
  #reject: ((err: unknown) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timerMs = 0;
  #settler: StreamSettler | undefined;

  constructor(client: UpstreamClient, path: string, body: unknown, signal: AbortSignal, limits: StreamLimits = {}) {
    this.#client = client;
    this.#path = path;
    this.#body = body;
    this.#signal = signal;
    this.#firstByteMs = usable(limits.firstByteMs);
    this.#idleMs = usable(limits.idleMs);
    this.#target = limits.target ?? 'upstream';
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<Step> {
    if (!this.#started) this.#start();
    if (this.#head < this.#queue.length) return Promise.resolve({ done: false, value: this.#take() });
    if (this.#failed) return Promise.reject(this.#thrown());
    if (this.#ended) {
      this.#drain();
      if (this.#settler) this.#settled().done();
      return Promise.resolve(DONE);
    }
    const ms = this.#received ? this.#idleMs : this.#firstByteMs;
    if (ms > 0) this.#arm(ms);
    return new Promise<Step>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /**
   * The consumer stopped early (client left, a stop sequence hit): drop the upstream request.
   * A `next()` still waiting (the consumer interrupting itself) reads as done.
   */
  return(): Promise<Step> {
    const waiting = this.#resolve;
    this.#resolve = this.#reject = undefined;
    this.#queue = [];
    this.#head = 0;
    if (!this.#ended && !this.#failed) {
      this.#ended = true;
      this.#cancel();
      this.#release();
    } else this.#drain();
    this.#failed = false;
    this.#error = undefined;
    this.#ended = true;
    waiting?.(DONE);
    return Promise.resolve(DONE);
  }

  /** Report the end and any failure to `settler` (the fallback chain) instead of it wrapping each event. */
  settleWith(settler: StreamSettler): void {
    this.#settler = settler;
  }

  /** The caller's signal fired (an EventListener object: no closure per request). */
  handleEvent(): void {
    this.#fail(this.#signal.reason);
  }

  #start(): void {
    this.#started = true;
    if (this.#signal.aborted) return this.#fail(this.#signal.reason);
    this.#signal.addEventListener('abort', this);
    this.#listening = true;
    try {
      this.#client.dispatch(this.#path, this.#body, this);
    } catch (err) {
      this.#fail(this.#client.bodyError(err)); // e.g. a body JSON cannot represent
    }
  }

  /** An event already decoded from the response, without a promise (see ReadyEvents). */
  takeReady(): EngineEvent | undefined {
    return this.#head < this.#queue.length ? this.#take() : undefined;
  }

  #take(): EngineEvent {
    const value = this.#queue[this.#head++]!;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
      if (this.#paused) {
        this.#paused = false;
        this.#resume?.();
      }
    }
    return value;
  }

  #push(events: EngineEvent[]): void {
    if (events.length === 0) return;
    this.#received = true;
    if (this.#head === this.#queue.length) {
      this.#queue = events;
      this.#head = 0;
    } else for (const ev of events) this.#queue.push(ev);
    const resolve = this.#resolve;
    if (resolve) {
      this.#resolve = this.#reject = undefined;
      resolve({ done: false, value: this.#take() });
    }
  }

  #end(): void {
    this.#ended = true;
    this.#release();
    const resolve = this.#resolve;
    if (resolve && this.#head === this.#queue.length) {
      this.#resolve = this.#reject = undefined;
      if (this.#settler) this.#settled().done();
      resolve(DONE);
    }
  }

  #fail(err: unknown): void {
    if (this.#ended || this.#failed) return;
    this.#failed = true;
    this.#error = err;
    this.#cancel(err instanceof Error ? err : undefined);
    this.#release();
    const reject = this.#reject;
    if (reject && this.#head === this.#queue.length) {
      this.#resolve = this.#reject = undefined;
      reject(this.#thrown());
    }
  }

  /** The failure, handed to the consumer once; later calls read as done, as a generator's do after it threw. */
  #thrown(): unknown {
    const err = this.#error;
    this.#error = undefined;
    this.#failed = false;
    this.#ended = true;
    return this.#settler ? this.#settled().fail(err) : err;
  }

  #settled(): StreamSettler {
    const settler = this.#settler!;
    this.#settler = undefined;
    return settler;
  }

  /** Abort the upstream request (now, or as soon as undici hands us its abort). */
  #cancel(reason?: Error): void {
    if (this.#closed || !this.#started) return;
    if (this.#abort) this.#abort(reason);
    else {
      this.#abortPending = true;
      this.#pendingReason = reason;
    }
  }

  /** Stop listening to the caller's signal and stop the timer. */
  #release(): void {
    if (this.#listening) {
      this.#signal.removeEventListener('abort', this);
      this.#listening = false;
    }
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /**
   * Complete at [DONE] while the body is still open: read its rest (normally already here) in
   * the background so the pooled connection stays reusable, but not for ever. Armed when the
   * consumer is done rather than at [DONE], by which time the body's end has usually been read.
   */
  #drain(): void {
    if (this.#decoder?.done && !this.#closed && !this.#draining) {
      this.#draining = true;
      this.#arm(DRAIN_AFTER_DONE_MS);
    }
  }

  #arm(ms: number): void {
    if (this.#timer && this.#timerMs === ms) this.#timer.refresh();
    else {
      clearTimeout(this.#timer);
      this.#timerMs = ms;
      this.#timer = setTimeout(UpstreamEventStream.#onTimer, ms, this);
    }
  }

  static #onTimer(s: UpstreamEventStream): void {
    if (s.#ended) {
      if (!s.#closed) s.#cancel(); // the body did not end after [DONE]: drop the connection
      return;
    }
    if (!s.#resolve) return; // the consumer holds an event: the upstream is not the one idling
    const what = s.#received ? 'nothing' : 'no first byte';
    s.#fail(psrError('upstream_timeout', `Upstream '${s.#target}' sent ${what} within ${s.#timerMs} ms`));
  }

  // undici's dispatch handler (the callback form its own request() uses).

  onConnect(abort: (err?: Error) => void): void {
    this.#abort = abort;
    if (this.#abortPending) abort(this.#pendingReason);
  }

  onHeaders(status: number, rawHeaders: Buffer[] | string[] | null, resume: () => void): boolean {
    if (status < 200) return true;
    this.#status = status;
    this.#resume = resume;
    this.#rawHeaders = rawHeaders;
    if (status >= 300) this.#errorBody = [];
    else this.#decoder = new ResponseDecoder((header(rawHeaders, 'content-type') ?? '').includes('text/event-stream'));
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#errorBody) {
      this.#errorBody.push(chunk);
      return true;
    }
    if (this.#ended || this.#failed) return true; // the rest after [DONE], read so the connection stays reusable
    try {
      this.#push(this.#decoder!.push(chunk));
    } catch (err) {
      this.#fail(this.#bodyError(err));
      return true;
    }
    if (this.#decoder!.done) this.#end();
    // Never paused once complete: the rest after [DONE] is read so the connection can be reused.
    if (this.#ended || this.#queue.length - this.#head < MAX_QUEUED) return true;
    this.#paused = true;
    return false;
  }

  onComplete(): void {
    this.#closed = true;
    if (this.#errorBody) return this.#fail(this.#statusError(Buffer.concat(this.#errorBody).toString()));
    if (this.#ended || this.#failed) return this.#release();
    try {
      this.#push(this.#decoder!.end());
    } catch (err) {
      return this.#fail(this.#bodyError(err));
    }
    this.#end();
  }

  onError(err: Error): void {
    this.#closed = true;
    if (this.#ended || this.#failed) return this.#release();
    if (this.#errorBody) return this.#fail(this.#statusError(''));
    this.#fail(this.#bodyError(err));
  }

  #statusError(text: string): Error {
    return this.#client.statusError(this.#status, text, headerRecord(this.#rawHeaders));
  }

  #bodyError(err: unknown): unknown {
    return (err as { name?: string } | null)?.name === 'PsrError' ? err : this.#client.bodyError(err);
  }
}
