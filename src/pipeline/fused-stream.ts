/**
 * Synchronous stages fused into one async layer. Every async-generator layer costs promises and
 * microtask hops for each event it passes on, and events from a network engine are never ready
 * synchronously. Most stages (reasoning splitter, tool-call parser, stop, max tokens, usage,
 * phases, the observing middlewares) decide each event synchronously: as StageRuns they share
 * one FusedStream, which pulls the source once per event and pushes it through every run.
 * The runs keep the order and the ending rules of the generator chain they replace.
 */
import { performance } from 'node:perf_hooks';
import { DONE, takeReady } from '../core/ready-events.js';
import type { EngineEvent, ReadyEvents } from '../core/types.js';

/** Where a run sends events on (the next run, or the consumer's queue). */
export interface EventSink {
  push(ev: EngineEvent): void;
}

/** One request's pass of a synchronous stage over the stream. */
export interface StageRun {
  /**
   * Called on the first pull, outermost run first; may emit events to send before any input.
   * Throwing fails the stream before its source is pulled (runs further in are not started).
   */
  start?(out: EventSink): void;
  /**
   * With `start`: its events wait until the source's first pull settles or the current
   * event-loop turn ends, so failures that need no I/O reject before anything is sent.
   */
  holdStart?: boolean;
  /**
   * One input event; send what follows from it to `out`, in order. Return true when this run is
   * done: its input is closed, later runs see the end. Without push, events pass untouched.
   */
  push?(ev: EngineEvent, out: EventSink): boolean | void;
  /** The input ended: send what was held back. */
  end?(out: EventSink): void;
  /**
   * The stream is over; runs once for every started run, innermost first. `complete` when it
   * ended normally and the consumer read it to the end; a returned promise is awaited.
   */
  close?(complete: boolean): void | Promise<void>;
}

/** Accumulates the time spent waiting on a stream's source (e.g. the engine). */
export interface SourceClock {
  engineMs: number;
}

/** Most held source events pushed through the runs after one pull (see #deliverHeld). */
const HELD_PER_TURN = 256;

function noop(): void {}

/** Resolves when `p` settles or the current event-loop turn ends, with `p`'s error if it rejected first. */
export function settledThisTurn(p: Promise<unknown>): Promise<{ error: unknown } | undefined> {
  return new Promise((resolve) => {
    const timer = setImmediate(resolve, undefined);
    const settle = (early: { error: unknown } | undefined) => {
      clearImmediate(timer);
      resolve(early);
    };
    p.then(() => settle(undefined), (error: unknown) => settle({ error }));
  });
}

const deliver = Symbol('deliver');

/** Run i's output: pushes each event into run i + 1 (or the consumer's queue after the last). */
class Sink implements EventSink {
  readonly #stream: FusedStream;
  readonly #next: number;

  constructor(stream: FusedStream, next: number) {
    this.#stream = stream;
    this.#next = next;
  }

  push(ev: EngineEvent): void {
    this.#stream[deliver](this.#next, ev);
  }
}

/**
 * An event stream: a source and the runs applied to it, innermost first. Runs may be added
 * until iteration begins, so a stage or middleware handed an unstarted FusedStream joins it
 * instead of wrapping it in another layer (see {@link fuse}).
 */
export class FusedStream implements AsyncIterableIterator<EngineEvent>, ReadyEvents {
  readonly #source: AsyncIterable<EngineEvent>;
  #it: AsyncIterator<EngineEvent> | undefined;
  readonly #runs: StageRun[] = [];
  #sealed = false;
  #begun = false;
  /** Events ready for the consumer: queue[head..count); the array is reused, never shrunk. */
  readonly #queue: EngineEvent[] = [];
  #head = 0;
  #count = 0;
  /** The run that said it is done (-1: none); runs up to it take no more input. */
  #cut = -1;
  /** Runs from this index on were started and are owed a close. */
  #openFrom = 0;
  #sourceDone = false;
  #ended = false;
  #finished = false;
  #busy = false;
  #pending: Promise<IteratorResult<EngineEvent>> | undefined;
  #pullStart = 0;
  /** What #advance is waiting for. */
  #waiting: 'pull' | 'return' | 'close' | undefined;
  #waitFor: Promise<unknown> | undefined;
  /** Run i's output goes to sinks[i], which pushes it into run i + 1 (or the queue). */
  readonly #sinks: EventSink[] = [];
  #clock: SourceClock | undefined;
  #interruptible = false;
  #reject: ((error: unknown) => void) | undefined;
  #failure: { error: unknown } | undefined;

  constructor(source: AsyncIterable<EngineEvent>) {
    this.#source = source;
  }

  /** Whether runs may still be added (iteration has not begun). */
  get open(): boolean {
    return !this.#sealed;
  }

  /** Add a run as the new outermost one. */
  add(run: StageRun): this {
    if (this.#sealed) throw new Error('FusedStream: runs can only be added before iteration begins');
    this.#runs.push(run);
    return this;
  }

  /** Add the time each pull waits on the source to `clock`. */
  timeSource(clock: SourceClock): this {
    this.#clock = clock;
    return this;
  }

  /** Let {@link interrupt} reject a pull in progress (one more promise per pull). */
  interruptible(): this {
    this.#interruptible = true;
    return this;
  }

  /**
   * Fail the stream with `error`: a pull in progress rejects now (when interruptible), else the
   * next pull does. The source is returned without waiting for it (it may not be listening).
   */
  interrupt(error: unknown): void {
    if (this.#finished || this.#failure) return;
    this.#failure = { error };
    this.#reject?.(error);
  }

  [Symbol.asyncIterator](): this {
    this.#sealed = true;
    return this;
  }

  /** A queued event without a promise (see ReadyEvents); nothing while a pull is in progress. */
  takeReady(): EngineEvent | undefined {
    return !this.#busy && this.#failure === undefined && this.#head < this.#count ? this.#take() : undefined;
  }

  next(): Promise<IteratorResult<EngineEvent>> {
    if (this.#failure === undefined && this.#head < this.#count) return Promise.resolve({ value: this.#take(), done: false });
    if (this.#finished) return Promise.resolve(DONE);
    return this.#advance();
  }

  async return(): Promise<IteratorResult<EngineEvent>> {
    this.#sealed = true;
    if (this.#finished) return DONE;
    if (!this.#begun) {
      this.#finished = true;
      return DONE;
    }
    const it = this.#it;
    const sourceOpen = it !== undefined && !this.#sourceDone;
    this.#sourceDone = true;
    if (this.#busy) {
      // A pull is in progress: returning would wait for the source's next event. Do not block on it.
      if (sourceOpen) void it.return?.()?.catch(noop);
      await this.#close(false);
      return DONE;
    }
    try {
      if (sourceOpen) await it.return?.();
    } finally {
      await this.#close(false);
    }
    return DONE;
  }

  #take(): EngineEvent {
    const ev = this.#queue[this.#head++]!;
    if (this.#head === this.#count) this.#head = this.#count = 0;
    return ev;
  }

  // Kept small: a suspended async function stores its whole register file, so the work is in
  // #work and #resume, and this loop only waits.
  async #advance(): Promise<IteratorResult<EngineEvent>> {
    this.#sealed = true;
    this.#busy = true;
    try {
      if (!this.#begun) {
        const held = this.#begin();
        if (held) await held;
      }
      for (;;) {
        const result = this.#work();
        if (result !== undefined) return result;
        this.#resume(await this.#waitFor);
      }
    } catch (error) {
      if (this.#waiting === 'pull') this.#pullFailed(error);
      await this.#abandon();
      throw error;
    } finally {
      this.#busy = false;
    }
  }

  /** The next result if one is ready; otherwise sets what to wait for (`#waitFor`) and returns undefined. */
  #work(): IteratorResult<EngineEvent> | undefined {
    for (;;) {
      if (this.#failure) throw this.#failure.error;
      if (this.#head < this.#count) return { value: this.#take(), done: false };
      if (this.#finished) return DONE;
      if (this.#ended) return this.#wait('close', this.#close(true));
      if (this.#sourceDone) {
        this.#endRuns();
      } else if (this.#cut >= 0) {
        // A run is done: close its input, as a generator stage returning from its for-await would.
        this.#sourceDone = true;
        const closing = this.#it?.return?.();
        if (closing) return this.#wait('return', closing);
      } else {
        return this.#wait('pull', this.#pull());
      }
    }
  }

  #wait(what: 'pull' | 'return' | 'close', p: Promise<unknown>): undefined {
    this.#waiting = what;
    this.#waitFor = p;
    return undefined;
  }

  /** What `#waitFor` settled to: a source pull's result goes through the runs. */
  #resume(settled: unknown): void {
    const what = this.#waiting;
    this.#waiting = undefined;
    this.#waitFor = undefined;
    if (what !== 'pull') return;
    this.#pulled();
    if (this.#finished || this.#failure) return;
    const r = settled as IteratorResult<EngineEvent>;
    if (r.done) this.#sourceDone = true;
    else {
      this.#deliver(0, r.value);
      this.#deliverHeld();
    }
  }

  /**
   * Events the source already holds (the rest of one network read) go through the runs now,
   * without a pull each, while a pull would have been the next step (see #work). At most
   * HELD_PER_TURN, so a huge read cannot keep the event loop for itself.
   */
  #deliverHeld(): void {
    const it = this.#it!;
    for (let n = 0; n < HELD_PER_TURN && !this.#finished && this.#failure === undefined && this.#cut < 0 && !this.#sourceDone; n++) {
      const ev = takeReady(it);
      if (ev === undefined) return;
      this.#deliver(0, ev);
    }
  }

  #pullFailed(error: unknown): void {
    this.#waiting = undefined;
    this.#waitFor = undefined;
    this.#pulled();
    this.#sourceFailed(error);
  }

  /** Start every run, outermost first; held starts wait for the first pull (see StageRun.holdStart). */
  #begin(): Promise<void> | undefined {
    this.#begun = true;
    for (let i = 0; i < this.#runs.length; i++) this.#sinks.push(new Sink(this, i + 1));
    let held: number[] | undefined;
    for (let i = this.#runs.length - 1; i >= 0; i--) {
      const run = this.#runs[i]!;
      this.#openFrom = i + 1;
      if (run.start === undefined) continue;
      if (run.holdStart) {
        (held ??= []).push(i);
        continue;
      }
      run.start(this.#sinks[i]!);
    }
    this.#openFrom = 0;
    return held && this.#heldStart(held);
  }

  async #heldStart(held: number[]): Promise<void> {
    const early = await settledThisTurn(this.#pull());
    if (early) {
      this.#pulled();
      this.#sourceFailed(early.error);
      throw early.error;
    }
    for (const i of held) this.#runs[i]!.start!(this.#sinks[i]!);
  }

  /** Start pulling the source (once): `#pending` until it is settled. */
  #pull(): Promise<IteratorResult<EngineEvent>> {
    if (this.#pending) return this.#pending;
    const it = (this.#it ??= this.#source[Symbol.asyncIterator]());
    if (this.#clock) this.#pullStart = performance.now();
    const p = it.next();
    if (!this.#interruptible) return (this.#pending = p);
    return (this.#pending = new Promise((resolve, reject) => {
      this.#reject = reject;
      p.then(resolve, reject);
    }));
  }

  /** The pull in progress settled: its time goes on the clock. */
  #pulled(): void {
    this.#pending = undefined;
    this.#reject = undefined;
    if (this.#clock) this.#clock.engineMs += performance.now() - this.#pullStart;
  }

  #sourceFailed(error: unknown): void {
    if (this.#failure === undefined || error !== this.#failure.error) this.#sourceDone = true;
  }

  /** Push `ev` into run `i` and on; see {@link Sink}. */
  [deliver](i: number, ev: EngineEvent): void {
    this.#deliver(i, ev);
  }

  #endRuns(): void {
    for (let i = this.#cut + 1; i < this.#runs.length; i++) {
      if (i <= this.#cut) continue;
      this.#runs[i]!.end?.(this.#sinks[i]!);
    }
    this.#ended = true;
  }

  /** Push `ev` into run `i` (the first from `i` on that has a push), or queue it after the last. */
  #deliver(i: number, ev: EngineEvent): void {
    // Runs up to a done one take no more input (what a done run emitted still goes on).
    if (i <= this.#cut) return;
    const runs = this.#runs;
    while (i < runs.length && runs[i]!.push === undefined) i++;
    if (i === runs.length) {
      this.#queue[this.#count++] = ev;
      return;
    }
    if (runs[i]!.push!(ev, this.#sinks[i]!) === true) this.#cut = Math.max(this.#cut, i);
  }

  /** After an error: return the source unless it failed itself, close the runs. */
  async #abandon(): Promise<void> {
    if (this.#finished) return;
    const it = this.#it;
    if (it !== undefined && !this.#sourceDone) {
      this.#sourceDone = true;
      // Interrupted: the source may be stuck waiting and deaf to return(); do not wait for it.
      if (this.#failure) void it.return?.()?.catch(noop);
      else await it.return?.()?.catch(noop);
    }
    await this.#close(false).catch(noop);
  }

  async #close(complete: boolean): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    this.#queue.length = 0;
    this.#head = this.#count = 0;
    let failure: { error: unknown } | undefined;
    for (let i = this.#openFrom; i < this.#runs.length; i++) {
      try {
        const p = this.#runs[i]!.close?.(complete);
        if (p) await p;
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

/**
 * `events` with `run` applied: joins `events` when it is a FusedStream not yet iterated,
 * otherwise starts one over it. Without a run, `events` itself. The caller hands `events` over.
 * @example return fuse(next(req, signal), { push: (ev, out) => void out.push(ev), close: () => done() })
 */
export function fuse(events: AsyncIterable<EngineEvent>, run: StageRun | undefined): AsyncIterable<EngineEvent> {
  if (run === undefined) return events;
  return fusedStream(events).add(run);
}

/** `events` as a FusedStream that runs may still join (itself when it is one not yet iterated). */
export function fusedStream(events: AsyncIterable<EngineEvent>): FusedStream {
  return events instanceof FusedStream && events.open ? events : new FusedStream(events);
}
