/**
 * A minimal chat-completions client over HTTP (Node's fetch), so the tool loop works against any
 * OpenAI-compatible server without the `openai` package at run time. The interface matches
 * `openai.chat.completions`, so an official client can be passed instead.
 */
import type { ChatMessage } from '../core/types.js';

/** The parts of a chat completion response the tool loop reads. */
export interface ChatCompletionBody {
  id?: string;
  model?: string;
  choices: Array<{ index: number; message: ChatMessage; finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/**
 * Anything that can create a (non-streaming) chat completion. The official SDK fits through a
 * one-line adapter: `{ create: (b, o) => openai.chat.completions.create(b as never, o) }`.
 */
export interface ChatCompletionsClient {
  create(body: Record<string, unknown>, options?: { signal?: AbortSignal }): PromiseLike<unknown>;
}

/** An HTTP error from the server, with the OpenAI error envelope when there was one. */
export class ChatHttpError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, message: string, body: unknown) {
    super(message);
    this.name = 'ChatHttpError';
    this.status = status;
    this.body = body;
  }
}

/** Options for {@link httpChatClient}. */
export interface HttpChatClientOptions {
  /** Like the OpenAI SDK's baseURL, including `/v1`: `http://127.0.0.1:8080/v1`. */
  baseURL: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

/**
 * A client that POSTs to `${baseURL}/chat/completions`.
 * @example const client = httpChatClient({ baseURL: 'http://127.0.0.1:8080/v1', apiKey: 'sk-…' })
 */
export function httpChatClient(opts: HttpChatClientOptions): ChatCompletionsClient {
  const url = `${opts.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...opts.headers };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  return {
    async create(body, options = {}) {
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ ...body, stream: false }), signal: options.signal });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
      if (!res.ok) {
        const message = (parsed as { error?: { message?: string } })?.error?.message ?? text.slice(0, 200);
        throw new ChatHttpError(res.status, `chat completion failed (${res.status}): ${message}`, parsed);
      }
      return parsed;
    },
  };
}
