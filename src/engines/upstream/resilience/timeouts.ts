/**
 * First-byte and idle timeouts over an upstream event stream. The connect timeout belongs
 * to the HTTP client (it knows when the socket is up); these two only need the event stream.
 * Only time spent waiting on the upstream counts: a slow client reading our output does not
 * make the upstream look idle. The upstream chain enforces the same rules inside its
 * UpstreamEventStream (one layer per request); this wrapper serves any other Generate.
 */
import { psrError } from '../../../core/errors.js';
import type { EngineEvent } from '../../../core/types.js';
import type { Generate } from '../../../gateway/generate.js';

/** Timeouts in ms; 0 or undefined disables one. */
export interface StreamTimeouts {
  /** Longest wait for the first event (reasoning models can think silently: be generous). */
  firstByteMs?: number;
  /** Longest wait between two events once the stream has started. */
  idleMs?: number;
  /** The target's name, for the error message. */
  target?: string;
}

type Step = IteratorResult<EngineEvent>;

const usable = (ms: number | undefined): number => (ms && ms > 0 && Number.isFinite(ms) ? ms : 0);

/**
 * One timer per stream, re-armed for each wait (`refresh()`, no new timer or race per event).
 * It fires into the wait in progress only: a timer that runs out while the consumer holds an
 * event is ignored, and the next wait re-arms it.
 */
class WaitTimer {
  #timer: NodeJS.Timeout | undefined;
  #ms = 0;
  #reject: ((err: Error) => void) | undefined;
  readonly #onTimeout: (ms: number) => Error;

  constructor(onTimeout: (ms: number) => Error) {
    this.#onTimeout = onTimeout;
  }

  readonly #fire = (): void => {
    const reject = this.#reject;
    this.#reject = undefined;
    reject?.(this.#onTimeout(this.#ms));
  };

  /** `step`, or a rejection with the timeout's error after `ms` (0: no limit). */
  wait(step: Promise<Step>, ms: number): Promise<Step> {
    if (ms === 0) return step;
    if (this.#timer && this.#ms === ms) this.#timer.refresh();
    else {
      clearTimeout(this.#timer);
      this.#ms = ms;
      this.#timer = setTimeout(this.#fire, ms);
    }
    return new Promise<Step>((resolve, reject) => {
      this.#reject = reject;
      step.then(
        (r) => {
          this.#reject = undefined;
          resolve(r);
        },
        (err: unknown) => {
          this.#reject = undefined;
          reject(err);
        },
      );
    });
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#reject = undefined;
  }
}

/**
 * Wrap a Generate so a silent upstream fails with PsrError 'upstream_timeout' (504). On
 * timeout the inner call's signal is aborted so its socket closes.
 * @example withTimeouts(upstream.generate, { firstByteMs: 60_000, idleMs: 30_000, target: 'vllm-a' })
 */
export function withTimeouts(inner: Generate, opts: StreamTimeouts): Generate {
  const [firstByteMs, idleMs] = [usable(opts.firstByteMs), usable(opts.idleMs)];
  // Nothing to time: the inner stream itself, no generator layer per event.
  if (firstByteMs === 0 && idleMs === 0) return inner;
  return async function* timedGenerate(req, signal): AsyncIterable<EngineEvent> {
    const ctl = new AbortController();
    const forward = () => ctl.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    const it = inner(req, ctl.signal)[Symbol.asyncIterator]();
    let first = true;
    let done = false;
    const timer = new WaitTimer((ms) => {
      const what = first ? 'no first byte' : 'nothing';
      const err = psrError('upstream_timeout', `Upstream '${opts.target ?? 'upstream'}' sent ${what} within ${ms} ms`);
      ctl.abort(err);
      return err;
    });
    try {
      for (;;) {
        const res = await timer.wait(it.next(), first ? firstByteMs : idleMs);
        if (res.done) {
          done = true;
          return;
        }
        first = false;
        yield res.value;
      }
    } finally {
      timer.clear();
      signal.removeEventListener('abort', forward);
      if (!done) {
        ctl.abort();
        // Not awaited: an upstream that ignores its signal must not hold the client hostage.
        it.return?.().catch(() => {});
      }
    }
  };
}
