/**
 * Retry policy: exponential backoff with jitter, honouring the upstream's Retry-After up to
 * a cap. A Retry-After longer than the cap means "not this target for now": we move on to
 * the next target (or hand the 429 and its Retry-After to the client) instead of stalling.
 */
import type { FailureInfo } from './failure.js';

/** How hard to retry one target; every field has a default. */
export interface RetryPolicy {
  /** Attempts per target, the first included (default 3; 1 disables retries). */
  attempts?: number;
  /** Delay before the first retry (default 250 ms). */
  baseMs?: number;
  /** Upper bound of one backoff delay (default 4 000 ms). */
  maxMs?: number;
  /** Growth per retry (default 2). */
  factor?: number;
  /** The longest Retry-After we wait for (default 10 000 ms). */
  retryAfterCapMs?: number;
  /** Random source in [0, 1) for jitter (default Math.random; fixed in tests). */
  random?: () => number;
}

/** The policy with defaults filled in. */
export function retryPolicy(p: RetryPolicy = {}): Required<RetryPolicy> {
  return { attempts: 3, baseMs: 250, maxMs: 4_000, factor: 2, retryAfterCapMs: 10_000, random: Math.random, ...p };
}

/**
 * The backoff before retry number `retry` (1 = first retry): half fixed, half random
 * ("equal jitter"), so concurrent clients spread out but never retry instantly.
 */
export function backoffDelay(retry: number, policy: RetryPolicy = {}): number {
  const p = retryPolicy(policy);
  const ceiling = Math.min(p.maxMs, p.baseMs * p.factor ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + p.random() * (ceiling / 2));
}

/**
 * How long to wait before attempt `attempt + 1` on the same target after a failure,
 * or undefined when we should not retry it (not retryable, out of attempts, Retry-After too long).
 */
export function retryDelay(attempt: number, info: FailureInfo, policy: RetryPolicy = {}): number | undefined {
  const p = retryPolicy(policy);
  if (!info.retryable || attempt >= p.attempts) return undefined;
  if (info.retryAfterMs !== undefined) return info.retryAfterMs <= p.retryAfterCapMs ? info.retryAfterMs : undefined;
  return backoffDelay(attempt, p);
}

/** Wait `ms`, or reject with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
