/**
 * Where a client talks to: a server URL given with or without `/v1`, an optional API key, and
 * the small non-streaming calls (`/v1/models`, `/health`).
 */

/** A server to talk to. `url` may end in `/v1` or not. */
export interface Endpoint {
  url: string;
  apiKey?: string;
}

/** A failed HTTP call, with the server's OpenAI-style error message when it sent one. */
export class ClientHttpError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly code?: string;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'ClientHttpError';
    this.status = status;
    if (code) this.code = code;
  }
}

/** The server root (no `/v1`) and the API base (`…/v1`), without trailing slashes. */
export function resolveEndpoint(url: string): { root: string; api: string } {
  const trimmed = url.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  if (/\/v1$/.test(withScheme)) return { root: withScheme.slice(0, -3), api: withScheme };
  return { root: withScheme, api: `${withScheme}/v1` };
}

/** Request headers for an endpoint. */
export function endpointHeaders(endpoint: Endpoint, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}), ...extra };
}

/** Turn a non-2xx response into a ClientHttpError carrying the server's own message. */
export async function httpError(res: Response): Promise<ClientHttpError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; code?: unknown } | string };
    const err = body.error;
    if (typeof err === 'string') return new ClientHttpError(res.status, err);
    if (err && typeof err.message === 'string') {
      return new ClientHttpError(res.status, err.message, typeof err.code === 'string' ? err.code : undefined);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return new ClientHttpError(res.status, `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

/** fetch() that reports an unreachable server as a ClientHttpError with status 0. */
export async function fetchOrExplain(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new ClientHttpError(0, `cannot reach ${url}: ${cause}`);
  }
}

/**
 * Whether a /v1/models entry can answer chat: psr lists `capabilities`; other servers do not,
 * so there an embedding model is told by its name.
 */
export function canChat(model: { id: string; capabilities?: unknown }): boolean {
  if (Array.isArray(model.capabilities)) return model.capabilities.includes('chat');
  return !/embed/i.test(model.id);
}

/** The model ids the server lists at GET /v1/models, in its order; `chatOnly` drops embedding models. */
export async function listModels(endpoint: Endpoint, signal?: AbortSignal, opts: { chatOnly?: boolean } = {}): Promise<string[]> {
  const url = `${resolveEndpoint(endpoint.url).api}/models`;
  const res = await fetchOrExplain(url, { headers: endpointHeaders(endpoint), ...(signal ? { signal } : {}) });
  if (!res.ok) throw await httpError(res);
  const body = (await res.json()) as { data?: Array<{ id?: unknown; capabilities?: unknown }> };
  const models = (body.data ?? []).filter((m): m is { id: string; capabilities?: unknown } => typeof m.id === 'string');
  return models.filter((m) => !opts.chatOnly || canChat(m)).map((m) => m.id);
}

/** GET /health at the server root: the HTTP status and the parsed body (or its text). */
export async function getHealth(endpoint: Endpoint, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const url = `${resolveEndpoint(endpoint.url).root}/health`;
  const res = await fetchOrExplain(url, { headers: endpointHeaders(endpoint), ...(signal ? { signal } : {}) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, body: text };
  }
}
