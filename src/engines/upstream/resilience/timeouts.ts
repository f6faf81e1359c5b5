/**
 * First-byte and idle timeouts over an upstream event stream. The connect timeout belongs
 * to the HTTP client (it knows when the socket is up); these two only need the event stream.
 * Only time spent waiting on the upstream counts: a slow client reading our output does not
 * make the upstream look idle.
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

const TIMED_OUT = Symbol('timed out');

/** Settle with `p`, or with TIMED_OUT after `ms`. */
async function within<T>(p: Promise<T>, ms: number | undefined): Promise<T | typeof TIMED_OUT> {
  if (!ms || ms <= 0 || !Number.isFinite(ms)) return p;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, ms, TIMED_OUT)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wrap a Generate so a silent upstream fails with PsrError 'upstream_timeout' (504). On
 * timeout the inner call's signal is aborted so its socket closes.
 * @example withTimeouts(upstream.generate, { firstByteMs: 60_000, idleMs: 30_000, target: 'vllm-a' })
 */
export function withTimeouts(inner: Generate, opts: StreamTimeouts): Generate {
  return async function* timedGenerate(req, signal): AsyncIterable<EngineEvent> {
    const ctl = new AbortController();
    const forward = () => ctl.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    const it = inner(req, ctl.signal)[Symbol.asyncIterator]();
    let first = true;
    let done = false;
    try {
      for (;;) {
        const ms = first ? opts.firstByteMs : opts.idleMs;
        const res = await within(it.next(), ms);
        if (res === TIMED_OUT) {
          const what = first ? 'no first byte' : 'nothing';
          const err = psrError('upstream_timeout', `Upstream '${opts.target ?? 'upstream'}' sent ${what} within ${ms} ms`);
          ctl.abort(err);
          throw err;
        }
        if (res.done) {
          done = true;
          return;
        }
        first = false;
        yield res.value;
      }
    } finally {
      signal.removeEventListener('abort', forward);
      if (!done) {
        ctl.abort();
        // Not awaited: an upstream that ignores its signal must not hold the client hostage.
        it.return?.().catch(() => {});
      }
    }
  };
}
