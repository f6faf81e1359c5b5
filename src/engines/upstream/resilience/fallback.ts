/**
 * A fallback chain over upstream targets: try them in order, skip those whose breaker is
 * open, retry a target per the policy, and move on when it keeps failing. All of this
 * happens only before the first event reaches the caller; after that a failure propagates
 * (the SSE layer turns it into an `error` event), because a client cannot un-receive text.
 */
import { PsrError, psrError } from '../../../core/errors.js';
import { DONE, takeReady } from '../../../core/ready-events.js';
import type { EngineEvent, GenerateRequest, ReadyEvents } from '../../../core/types.js';
import type { Generate } from '../../../gateway/generate.js';
import type { CircuitBreaker, Permit } from './circuit-breaker.js';
import { classifyFailure, UpstreamHttpError, type FailureInfo } from './failure.js';
import { retryDelay, sleep as realSleep, type RetryPolicy } from './retry.js';

/** One upstream in the chain. Without a breaker it is always tried. */
export interface FallbackTarget {
  name: string;
  generate: Generate;
  breaker?: CircuitBreaker;
}

/** Options for the chain. */
export interface FallbackOptions {
  retry?: RetryPolicy;
  /** How to wait between retries (tests pass a recorder instead of real time). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told about every failed attempt, e.g. for logs and metrics. */
  onFailure?: (event: { target: string; attempt: number; error: unknown; info: FailureInfo; retryInMs?: number }) => void;
}

const NO_BREAKER: Permit = { probe: false, success() {}, failure() {}, release() {} };

/** Throw PsrError 'circuit_open' (503) naming the targets when every one has an open breaker. */
export function assertAvailable(targets: FallbackTarget[]): void {
  if (targets.length === 0 || !targets.every((t) => t.breaker?.state === 'open')) return;
  throw circuitOpen(targets.map((t) => t.breaker as CircuitBreaker));
}

function circuitOpen(breakers: CircuitBreaker[]): PsrError {
  const retryAt = Math.min(...breakers.map((b) => b.snapshot().retryAt ?? Date.now()));
  const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
  const names = breakers.map((b) => `'${b.name}'`).join(', ');
  return psrError('circuit_open', `Upstream ${names} unavailable: circuit breaker open after repeated failures; failing fast`, {
    headers: { 'retry-after': String(seconds) },
  });
}

/** A failure as the client should see it: catalogued, and naming the target that failed. */
function asPsrError(err: unknown, target: string, info: FailureInfo): PsrError {
  if (err instanceof PsrError) {
    if (err.message.includes(`'${target}'`)) return err;
    return new PsrError(err.code, `Upstream '${target}': ${err.message}`, { param: err.param, status: err.status, headers: err.headers, cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  if (info.status !== undefined) return new UpstreamHttpError(target, info.status, detail, { cause: err });
  const code = info.retryable ? 'upstream_unavailable' : 'upstream_error';
  return psrError(code, `Upstream '${target}' failed: ${detail}`, { cause: err });
}

type Step = IteratorResult<EngineEvent>;

/** How a target's stream tells the chain it ended or failed, so the chain need not wrap each event. */
export interface StreamSettler {
  /** The stream ended normally. */
  done(): void;
  /** The stream failed after its first event: returns the error to throw in its place. */
  fail(err: unknown): unknown;
}

/** A stream that reports its own end (UpstreamEventStream does). */
interface SelfSettling extends AsyncIterator<EngineEvent> {
  settleWith(settler: StreamSettler): void;
}

const selfSettling = (it: AsyncIterator<EngineEvent>): it is SelfSettling => typeof (it as Partial<SelfSettling>).settleWith === 'function';

function noop(): void {}

/**
 * One request through the chain. Until the first event it is the retry and fallback loop;
 * from then on each `next()` is the chosen target's own (no generator layer per event): a
 * self-settling stream reports its end and failures to `done` and `fail`, any other gets one
 * `then` per event to the same effect.
 */
class FallbackStream implements AsyncIterableIterator<EngineEvent>, ReadyEvents, StreamSettler {
  readonly #targets: FallbackTarget[];
  readonly #opts: FallbackOptions;
  readonly #req: GenerateRequest;
  readonly #signal: AbortSignal;
  #state: 'idle' | 'streaming' | 'direct' | 'done' = 'idle';
  #inner: AsyncIterator<EngineEvent> | undefined;
  /** The attempt awaiting its first event, and whether the consumer has left meanwhile. */
  #inFlight: AsyncIterator<EngineEvent> | undefined;
  #stopped = false;
  #permit: Permit = NO_BREAKER;
  #target = '';

  constructor(targets: FallbackTarget[], opts: FallbackOptions, req: GenerateRequest, signal: AbortSignal) {
    this.#targets = targets;
    this.#opts = opts;
    this.#req = req;
    this.#signal = signal;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Held events of the upstream stream once it is passed through directly (see ReadyEvents). */
  takeReady(): EngineEvent | undefined {
    return this.#state === 'direct' ? takeReady(this.#inner!) : undefined;
  }

  next(): Promise<Step> {
    if (this.#state === 'direct') return this.#inner!.next();
    if (this.#state === 'streaming') return this.#inner!.next().then((step) => this.#step(step), (err: unknown) => {
      throw this.fail(err);
    });
    if (this.#state === 'done') return Promise.resolve(DONE);
    this.#state = 'done'; // until an attempt delivers; a failed chain reads as done afterwards
    return this.#first();
  }

  /**
   * The consumer stopped early: the target was serving fine. Called while the first event is
   * still awaited, it interrupts the attempt in flight (the pending `next()` then reads as done).
   */
  async return(): Promise<Step> {
    this.#stopped = true;
    const state = this.#state;
    this.#state = 'done';
    if (state === 'streaming' || state === 'direct') {
      this.#permit.success();
      await this.#inner!.return?.();
    } else void this.#inFlight?.return?.()?.catch(noop);
    return DONE;
  }

  done(): void {
    this.#state = 'done';
    this.#permit.success();
  }

  fail(err: unknown): unknown {
    this.#state = 'done';
    const info = this.#verdict(err, this.#permit);
    return this.#signal.aborted ? err : asPsrError(err, this.#target, info);
  }

  #step(step: Step): Step {
    if (step.done) this.done();
    return step;
  }

  /** Try targets in order until one delivers its first event (or ends without any). */
  async #first(): Promise<Step> {
    const { retry, onFailure, sleep = realSleep } = this.#opts;
    const open: CircuitBreaker[] = [];
    let last: { err: unknown; target: string; info: FailureInfo } | undefined;
    for (const target of this.#targets) {
      for (let attempt = 1; !this.#stopped; attempt++) {
        const permit = target.breaker ? target.breaker.acquire() : NO_BREAKER;
        if (!permit) {
          if (attempt === 1) open.push(target.breaker as CircuitBreaker);
          break;
        }
        try {
          return await this.#tryTarget(target, permit);
        } catch (err) {
          const info = this.#verdict(err, permit);
          if (this.#signal.aborted) throw err;
          // A client error (bad request, unknown model…) would fail the same way everywhere.
          if (!info.retryable && !info.countsAgainstTarget) throw asPsrError(err, target.name, info);
          const retryInMs = retryDelay(attempt, info, retry);
          onFailure?.({ target: target.name, attempt, error: err, info, retryInMs });
          last = { err, target: target.name, info };
          if (retryInMs === undefined) break;
          await sleep(retryInMs, this.#signal);
          this.#signal.throwIfAborted();
        }
      }
    }
    if (this.#stopped) return DONE;
    if (last) throw asPsrError(last.err, last.target, last.info);
    if (open.length) throw circuitOpen(open);
    throw psrError('upstream_unavailable', 'No upstream target is configured for this model');
  }

  /** One attempt on `target`: its first step; a stream that delivered an event is taken over. */
  async #tryTarget(target: FallbackTarget, permit: Permit): Promise<Step> {
    const inner = (this.#inFlight = target.generate(this.#req, this.#signal)[Symbol.asyncIterator]());
    let step: Step;
    try {
      step = await inner.next();
    } finally {
      this.#inFlight = undefined;
    }
    if (this.#stopped) {
      permit.release();
      if (!step.done) void inner.return?.()?.catch(noop);
      return DONE;
    }
    if (step.done) {
      permit.success();
      return step;
    }
    this.#inner = inner;
    this.#permit = permit;
    this.#target = target.name;
    this.#state = 'streaming';
    if (selfSettling(inner)) {
      inner.settleWith(this);
      this.#state = 'direct';
    }
    return step;
  }

  /** Settle a failed call's permit: a failure of the target, or no verdict (client errors, 429, client left). */
  #verdict(err: unknown, permit: Permit): FailureInfo {
    const info = classifyFailure(err, this.#signal);
    if (info.countsAgainstTarget) permit.failure();
    else permit.release();
    return info;
  }
}

/**
 * Combine targets into one Generate with breakers, retries and fallback. Each call's stream
 * is read one `next()` at a time (as `for await` does).
 * @example withFallback([{ name: 'a', generate: genA, breaker: board.get('a') }, { name: 'b', generate: genB, breaker: board.get('b') }], { retry: { attempts: 2 } })
 */
export function withFallback(targets: FallbackTarget[], opts: FallbackOptions = {}): Generate {
  return function fallbackGenerate(req, signal): AsyncIterable<EngineEvent> {
    return new FallbackStream(targets, opts, req, signal);
  };
}

/** Retries for a single upstream: a one-target chain without a breaker. */
export function withRetry(name: string, generate: Generate, policy?: RetryPolicy, sleep?: FallbackOptions['sleep']): Generate {
  return withFallback([{ name, generate }], { retry: policy, sleep });
}
