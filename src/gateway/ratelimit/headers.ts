/**
 * Rate-limit headers as OpenAI sends them: x-ratelimit-{limit,remaining,reset}-{requests,tokens},
 * where reset is a duration like "1s", "6m0s" or "250ms", plus Retry-After (whole seconds) on 429.
 */

/** The state of one limit after a request was admitted or refused. */
export interface LimitState {
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** Format milliseconds the way OpenAI's reset headers do (Go duration style). */
export function formatReset(ms: number): string {
  const clamped = Math.max(0, Math.ceil(ms));
  if (clamped < 1000) return `${clamped}ms`;
  const totalSeconds = clamped / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = +(totalSeconds - minutes * 60).toFixed(3);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** The headers for one limit kind. */
export function limitHeaders(kind: 'requests' | 'tokens', s: LimitState): Record<string, string> {
  return {
    [`x-ratelimit-limit-${kind}`]: String(s.limit),
    [`x-ratelimit-remaining-${kind}`]: String(Math.max(0, s.remaining)),
    [`x-ratelimit-reset-${kind}`]: formatReset(s.resetMs),
  };
}

/** Retry-After in whole seconds, at least 1. */
export function retryAfter(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
