/**
 * What a failed upstream call means for resilience: may we try again, does it count against
 * the target's circuit breaker, and did the upstream say when to come back (Retry-After).
 * 4xx client errors are the caller's fault: neither retried nor counted. 429 is retried
 * (honouring Retry-After) but not counted: the upstream is healthy, only busy.
 */
import { PsrError, type ErrorCode } from '../../../core/errors.js';

/** The verdict on one failure. */
export interface FailureInfo {
  /** Worth another attempt, on this target or the next. */
  retryable: boolean;
  /** Counts as a failure of the target for its circuit breaker. */
  countsAgainstTarget: boolean;
  /** The upstream's HTTP status, when there was a response. */
  status?: number;
  /** How long the upstream asked us to wait (Retry-After / retry-after-ms), in ms. */
  retryAfterMs?: number;
}

/** An upstream answered with an HTTP error; carries its status and Retry-After for the policy. */
export class UpstreamHttpError extends PsrError {
  readonly upstreamStatus: number;
  readonly retryAfter?: string;

  constructor(target: string, status: number, detail: string, opts: { retryAfter?: string; cause?: unknown } = {}) {
    const code = codeForStatus(status);
    const headers: Record<string, string> = opts.retryAfter !== undefined && status === 429 ? { 'retry-after': opts.retryAfter } : {};
    super(code, `Upstream '${target}' returned HTTP ${status}${detail ? `: ${detail}` : ''}`, { headers, cause: opts.cause });
    this.upstreamStatus = status;
    this.retryAfter = opts.retryAfter;
  }
}

/** The psr error code a client sees for an upstream HTTP status. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 503) return 'upstream_unavailable';
  if (status === 504 || status === 408) return 'upstream_timeout';
  if (status === 400 || status === 422) return 'invalid_request';
  return 'upstream_error';
}

// Node/undici error codes for "could not reach or lost the server": always the target's fault.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);

/** Parse Retry-After (delta seconds or an HTTP date) into ms from `now`; undefined if unusable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Classify any thrown value. `signal` is the caller's: if it fired, the client left — nobody's fault. */
export function classifyFailure(err: unknown, signal?: AbortSignal, now = Date.now()): FailureInfo {
  if (signal?.aborted) return { retryable: false, countsAgainstTarget: false };
  const status = statusOf(err);
  if (status !== undefined) return { ...byStatus(status), status, retryAfterMs: retryAfterOf(err, now) };
  if (err instanceof PsrError) return { ...byCode(err.code), retryAfterMs: parseRetryAfter(err.headers['retry-after'], now) };
  if (chain(err).some((e) => NETWORK_CODES.has(String((e as { code?: unknown }).code)) || e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return { retryable: true, countsAgainstTarget: true };
  }
  // An unreadable or broken response: the target's fault, but trying the same thing again is unlikely to help.
  return { retryable: false, countsAgainstTarget: true };
}

function byStatus(status: number): FailureInfo {
  if (status === 429) return { retryable: true, countsAgainstTarget: false };
  if ([408, 502, 503, 504].includes(status)) return { retryable: true, countsAgainstTarget: true };
  if (status >= 500) return { retryable: false, countsAgainstTarget: true };
  return { retryable: false, countsAgainstTarget: false };
}

/**
 * For PsrErrors without the upstream status: 'upstream_error' covers 500/502, resets and broken
 * streams alike, so it is retried (before the first event, a retry of a generation is harmless).
 */
function byCode(code: ErrorCode): FailureInfo {
  if (code === 'upstream_timeout' || code === 'upstream_unavailable' || code === 'upstream_error') return { retryable: true, countsAgainstTarget: true };
  if (code === 'circuit_open' || code === 'rate_limit_exceeded') return { retryable: true, countsAgainstTarget: false };
  return { retryable: false, countsAgainstTarget: false };
}

/** The upstream HTTP status: ours, or `status` on a foreign error (e.g. the openai SDK's APIError). */
function statusOf(err: unknown): number | undefined {
  if (err instanceof UpstreamHttpError) return err.upstreamStatus;
  if (err instanceof PsrError || !(err instanceof Error)) return undefined;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function retryAfterOf(err: unknown, now: number): number | undefined {
  if (err instanceof UpstreamHttpError) return parseRetryAfter(err.retryAfter, now);
  const headers = (err as { headers?: unknown }).headers;
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers && typeof headers === 'object' ? (headers as Record<string, unknown>)[name] : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  return Number.isFinite(ms) && ms >= 0 && get('retry-after-ms') !== undefined ? ms : parseRetryAfter(get('retry-after'), now);
}

/** The error and its causes (undici wraps socket errors in `TypeError('fetch failed', { cause })`). */
function chain(err: unknown): Error[] {
  const out: Error[] = [];
  for (let e: unknown = err; e instanceof Error && out.length < 5; e = e.cause) out.push(e);
  return out;
}
