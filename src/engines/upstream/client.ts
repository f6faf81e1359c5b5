/**
 * The HTTP client for one OpenAI-compatible upstream: an undici Pool with keep-alive, the
 * base URL's path prefix (`…/v1` added when missing) and the bearer key. Failures before a
 * response become catalogued errors; non-2xx responses are read and mapped.
 */
import { Pool, type Dispatcher } from 'undici';
import { networkError, statusError } from './errors.js';

/** Options for UpstreamClient. */
export interface UpstreamClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8000` or `https://api.example.com/v1`. */
  url: string;
  apiKey?: string;
  /** Max sockets to the upstream (default 256). */
  connections?: number;
  /** Time to first response byte, ms (default 120 s: reasoning models think before answering). */
  headersTimeoutMs?: number;
  /** Max silence between body chunks, ms (default 120 s). */
  bodyTimeoutMs?: number;
  /** TCP/TLS connect timeout, ms (default undici's 10 s); a dead host fails fast and the chain moves on. */
  connectTimeoutMs?: number;
}

/** A successful upstream response. */
export interface UpstreamResponse {
  contentType: string;
  body: Dispatcher.ResponseData['body'];
}

/** Talks to one upstream over a keep-alive pool. */
export class UpstreamClient {
  readonly #pool: Pool;
  readonly #prefix: string;
  readonly #headers: Record<string, string>;
  readonly #secret: string | undefined;
  /** The base URL without credentials, for logs and health. */
  readonly origin: string;

  constructor(opts: UpstreamClientOptions) {
    const url = new URL(opts.url);
    this.origin = url.origin;
    const path = url.pathname.replace(/\/+$/, '');
    this.#prefix = path.endsWith('/v1') ? path : `${path}/v1`;
    this.#secret = opts.apiKey || undefined;
    this.#headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    if (this.#secret) this.#headers.authorization = `Bearer ${this.#secret}`;
    this.#pool = new Pool(url.origin, {
      connections: opts.connections ?? 256,
      keepAliveTimeout: 30_000,
      headersTimeout: opts.headersTimeoutMs ?? 120_000,
      bodyTimeout: opts.bodyTimeoutMs ?? 120_000,
      ...(opts.connectTimeoutMs !== undefined ? { connect: { timeout: opts.connectTimeoutMs } } : {}),
    });
  }

  /** Send a request to `path` (below the `/v1` prefix); throws a PsrError for any failure. */
  async request(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<UpstreamResponse> {
    let res: Dispatcher.ResponseData;
    try {
      res = await this.#pool.request({
        method,
        path: this.#prefix + path,
        headers: this.#headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw networkError(err, this.#secret);
    }
    if (res.statusCode >= 300) {
      const text = await res.body.text().catch(() => '');
      throw statusError(res.statusCode, text, res.headers, this.#secret);
    }
    const ct = res.headers['content-type'];
    return { contentType: (Array.isArray(ct) ? ct[0] : ct) ?? '', body: res.body };
  }

  /**
   * Send a POST to `path` (below the `/v1` prefix) with undici's low-level dispatch: `handler`
   * gets the response's callbacks directly, with no Readable body or AbortSignal in between.
   * @example client.dispatch('/chat/completions', body, new UpstreamEventStream(…))
   */
  dispatch(path: string, body: unknown, handler: Dispatcher.DispatchHandler): void {
    this.#pool.dispatch({ method: 'POST', path: this.#prefix + path, headers: this.#headers, body: JSON.stringify(body) }, handler);
  }

  /** The error for a non-2xx response (never contains the key). */
  statusError(status: number, body: string, headers: Record<string, string | string[] | undefined>): Error {
    return statusError(status, body, headers, this.#secret);
  }

  /** The error for a body that broke off mid-way (never contains the key). */
  bodyError(err: unknown): Error {
    return networkError(err, this.#secret);
  }

  /** Close the pool's sockets. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
