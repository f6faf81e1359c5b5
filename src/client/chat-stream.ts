/**
 * A streaming chat call against any OpenAI-compatible server: POST /v1/chat/completions with
 * `stream: true`, decoded into typed ChatStreamEvents with timings. Never throws for HTTP or
 * stream errors (they arrive as `error` events); always ends with one `done` event.
 */
import { ChunkReader } from './chunk-reader.js';
import type { ChatStreamEvent, ClientTimings, TextSection } from './events.js';
import { ClientHttpError, endpointHeaders, fetchOrExplain, httpError, resolveEndpoint, type Endpoint } from './endpoint.js';
import { decodeSse } from './sse.js';

/** A chat message as sent on the wire (OpenAI shape). */
export interface WireMessage {
  role: string;
  content: string | null;
  [key: string]: unknown;
}

/** What to ask. Optional parameters are omitted from the request when unset. */
export interface ChatCall {
  model: string;
  messages: WireMessage[];
  temperature?: number;
  maxTokens?: number;
  reasoningEffort?: string;
  tools?: unknown[];
  /** More request fields, sent as given. */
  extra?: Record<string, unknown>;
}

/** The JSON body for a ChatCall. */
export function chatBody(call: ChatCall): Record<string, unknown> {
  return {
    model: call.model,
    messages: call.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
    ...(call.maxTokens !== undefined ? { max_tokens: call.maxTokens } : {}),
    ...(call.reasoningEffort !== undefined ? { reasoning_effort: call.reasoningEffort } : {}),
    ...(call.tools && call.tools.length > 0 ? { tools: call.tools } : {}),
    ...call.extra,
  };
}

/** Measures one answer; tokens/s uses the server's usage when it sends one. */
class Clock {
  readonly #start = performance.now();
  readonly timings: ClientTimings = { totalMs: 0 };
  #deltas = 0;
  #completionTokens: number | undefined;

  now(): number {
    return Math.round((performance.now() - this.#start) * 10) / 10;
  }

  text(section: TextSection): void {
    if (section !== 'reasoning' && section !== 'content') return;
    this.#deltas++;
    this.timings.ttftMs ??= this.now();
    if (section === 'content') this.timings.firstContentMs ??= this.now();
  }

  usage(completionTokens: number): void {
    this.#completionTokens = completionTokens;
  }

  finish(): ClientTimings {
    const t = this.timings;
    t.totalMs = this.now();
    const rate = t.ttftMs === undefined ? undefined : tokenRate(this.#completionTokens ?? this.#deltas, t.totalMs - t.ttftMs);
    if (rate !== undefined) {
      t.tokensPerSecond = rate;
      if (this.#completionTokens === undefined) t.tokensEstimated = true;
    }
    return t;
  }
}

/** Below this the tokens came as one burst (an engine that computes first, then sends): no rate. */
export const MIN_RATE_WINDOW_MS = 50;

/**
 * Tokens per second after the first token (which only marks the start), to one decimal;
 * undefined when there is nothing to measure.
 */
export function tokenRate(tokens: number, windowMs: number): number | undefined {
  if (tokens < 2 || !(windowMs >= MIN_RATE_WINDOW_MS)) return undefined;
  return Math.round(((tokens - 1) / (windowMs / 1000)) * 10) / 10;
}

/** Stream one chat completion as typed events. Aborting `signal` ends it with `done.aborted`. */
export async function* streamChat(endpoint: Endpoint, call: ChatCall, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
  const clock = new Clock();
  // Our own controller so that a consumer that stops early also closes the connection.
  const local = new AbortController();
  const onAbort = (): void => local.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) local.abort();
  try {
    yield* run(endpoint, call, clock, local.signal);
  } catch (err) {
    if (!local.signal.aborted) yield { type: 'error', ...describe(err) };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    local.abort();
  }
  yield { type: 'done', aborted: signal?.aborted === true, timings: clock.finish() };
}

async function* run(endpoint: Endpoint, call: ChatCall, clock: Clock, signal: AbortSignal): AsyncGenerator<ChatStreamEvent> {
  const url = `${resolveEndpoint(endpoint.url).api}/chat/completions`;
  const res = await fetchOrExplain(url, {
    method: 'POST',
    headers: endpointHeaders(endpoint, { 'content-type': 'application/json', accept: 'text/event-stream' }),
    body: JSON.stringify(chatBody(call)),
    signal,
  });
  clock.timings.headersMs = clock.now();
  yield { type: 'open', status: res.status, ms: clock.timings.headersMs };
  if (!res.ok) throw await httpError(res);
  if (!res.body) throw new ClientHttpError(res.status, 'empty response body');
  const reader = new ChunkReader();
  let announced = false;
  for await (const message of decodeSse(firstByte(res.body, clock))) {
    if (!announced && clock.timings.ttfbMs !== undefined) {
      announced = true;
      yield { type: 'first_byte', ms: clock.timings.ttfbMs };
    }
    for (const event of reader.read(message)) {
      if (event.type === 'phase') {
        yield { ...event, ms: clock.now() };
        continue;
      }
      if (event.type === 'text') clock.text(event.section);
      if (event.type === 'usage') clock.usage(event.usage.completionTokens);
      yield event;
    }
    if (reader.done) return;
  }
}

async function* firstByte(body: AsyncIterable<Uint8Array>, clock: Clock): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    clock.timings.ttfbMs ??= clock.now();
    yield chunk;
  }
}

function describe(err: unknown): { message: string; status?: number; code?: string } {
  if (err instanceof ClientHttpError) {
    return { message: err.message, status: err.status, ...(err.code ? { code: err.code } : {}) };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}
