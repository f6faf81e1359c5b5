/**
 * One error catalogue: every error psr can return, its stable code, HTTP status and OpenAI `type`.
 * Throw `psrError('model_not_found', …)` anywhere; the API layer renders the envelope.
 */

/** The OpenAI error envelope body. */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const CATALOGUE = {
  invalid_json: { status: 400, type: 'invalid_request_error' },
  invalid_request: { status: 400, type: 'invalid_request_error' },
  invalid_type: { status: 400, type: 'invalid_request_error' },
  invalid_value: { status: 400, type: 'invalid_request_error' },
  missing_required_parameter: { status: 400, type: 'invalid_request_error' },
  unsupported_parameter: { status: 400, type: 'invalid_request_error' },
  context_length_exceeded: { status: 400, type: 'invalid_request_error' },
  invalid_api_key: { status: 401, type: 'invalid_request_error' },
  insufficient_permissions: { status: 403, type: 'permission_error' },
  model_not_found: { status: 404, type: 'invalid_request_error' },
  not_found: { status: 404, type: 'invalid_request_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  request_timeout: { status: 408, type: 'timeout_error' },
  body_too_large: { status: 413, type: 'invalid_request_error' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  rate_limit_exceeded: { status: 429, type: 'rate_limit_error' },
  queue_full: { status: 429, type: 'rate_limit_error' },
  internal_error: { status: 500, type: 'server_error' },
  upstream_error: { status: 502, type: 'upstream_error' },
  upstream_unavailable: { status: 503, type: 'upstream_error' },
  circuit_open: { status: 503, type: 'upstream_error' },
  engine_unavailable: { status: 503, type: 'server_error' },
  shutting_down: { status: 503, type: 'server_error' },
  upstream_timeout: { status: 504, type: 'upstream_error' },
} as const satisfies Record<string, { status: number; type: string }>;

/** Every stable error code psr uses. */
export type ErrorCode = keyof typeof CATALOGUE;

/** An error that knows how to present itself as an OpenAI error envelope. */
export class PsrError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { param?: string | null; status?: number; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'PsrError';
    this.code = code;
    this.status = opts.status ?? CATALOGUE[code].status;
    this.type = CATALOGUE[code].type;
    this.param = opts.param ?? null;
    this.headers = opts.headers ?? {};
  }

  /** The `{ error: … }` body. */
  toBody(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/**
 * Create a catalogued error.
 * @example throw psrError('model_not_found', `The model 'x' does not exist`, { param: 'model' })
 */
export function psrError(code: ErrorCode, message: string, opts?: ConstructorParameters<typeof PsrError>[2]): PsrError {
  return new PsrError(code, message, opts);
}

/** Any thrown value as a PsrError; unknown errors become a 500 that hides internals. */
export function toPsrError(err: unknown): PsrError {
  if (err instanceof PsrError) return err;
  if (err instanceof Error && err.name === 'AbortError') return psrError('request_timeout', 'The request was aborted');
  return psrError('internal_error', 'The server had an error while processing your request', { cause: err });
}

/** The HTTP status and `type` for a code, for code that builds envelopes itself. */
export function catalogueEntry(code: ErrorCode): { status: number; type: string } {
  return CATALOGUE[code];
}
