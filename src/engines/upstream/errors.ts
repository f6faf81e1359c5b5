/**
 * Upstream failures → catalogued PsrErrors. Client errors (4xx) pass through with their status
 * and message; upstream auth failures and 5xx become 502/503; network trouble 503/504. The
 * upstream key never appears in a message: messages are scrubbed of it before use.
 */
import { psrError, type PsrError } from '../../core/errors.js';

type Obj = Record<string, unknown>;

function scrub(text: string, secret: string | undefined): string {
  const limited = text.length > 500 ? `${text.slice(0, 500)}…` : text;
  return secret ? limited.split(secret).join('[redacted]') : limited;
}

function upstreamMessage(body: string): { message: string; param: string | null } {
  try {
    const err = (JSON.parse(body) as Obj).error as Obj | string | undefined;
    if (typeof err === 'string') return { message: err, param: null };
    if (err && typeof err.message === 'string') return { message: err.message, param: typeof err.param === 'string' ? err.param : null };
  } catch {
    // not JSON: use the text itself
  }
  return { message: body || 'no body', param: null };
}

/** The error for an upstream response with a non-2xx status. */
export function statusError(status: number, body: string, headers: Record<string, string | string[] | undefined>, secret?: string): PsrError {
  const { message, param } = upstreamMessage(body);
  const msg = scrub(message, secret);
  if (status === 401 || status === 403) return psrError('upstream_error', `The upstream rejected psr's credentials (status ${status})`);
  if (status === 404) return psrError('model_not_found', `Upstream: ${msg}`, { param: param ?? 'model' });
  if (status === 429) {
    const retry = headers['retry-after'];
    return psrError('rate_limit_exceeded', `Upstream rate limit: ${msg}`, { headers: typeof retry === 'string' ? { 'retry-after': retry } : {} });
  }
  if (status === 408) return psrError('upstream_timeout', `Upstream timed out: ${msg}`);
  if (status >= 400 && status < 500) return psrError('invalid_request', `Upstream: ${msg}`, { status, param });
  if (status === 503) return psrError('upstream_unavailable', `Upstream unavailable: ${msg}`);
  if (status === 504) return psrError('upstream_timeout', `Upstream timed out: ${msg}`);
  return psrError('upstream_error', `Upstream error (status ${status}): ${msg}`);
}

/** The error for a request that got no response (refused, reset, timed out). */
export function networkError(err: unknown, secret?: string): PsrError {
  const code = (err as { code?: string } | null)?.code ?? '';
  const text = scrub(err instanceof Error ? err.message : String(err), secret);
  if (/TIMEOUT/i.test(code)) return psrError('upstream_timeout', `Upstream timed out (${code})`, { cause: err });
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return psrError('upstream_unavailable', `Upstream unreachable (${code})`, { cause: err });
  }
  return psrError('upstream_error', `Upstream connection failed: ${text}${code ? ` (${code})` : ''}`, { cause: err });
}
