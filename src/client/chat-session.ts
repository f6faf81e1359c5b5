/**
 * A conversation with one server: the messages so far, the model and sampling parameters.
 * An answer that was cancelled or failed is not kept, so the next question starts clean.
 */
import { addEvent, emptyAnswer, type Answer } from './answer.js';
import { streamChat, type ChatCall, type WireMessage } from './chat-stream.js';
import type { Endpoint } from './endpoint.js';
import type { ChatStreamEvent } from './events.js';
import { splitInlineReasoning } from './inline-reasoning.js';

/** Parameters sent with every question of a session. */
export interface SessionParams {
  temperature?: number;
  maxTokens?: number;
  reasoningEffort?: string;
  tools?: unknown[];
}

/** One conversation; `ask` appends the question and, when it completes, the answer. */
export class ChatSession {
  readonly endpoint: Endpoint;
  model: string;
  readonly #system: string | undefined;
  readonly #params: SessionParams;
  #messages: WireMessage[] = [];

  constructor(endpoint: Endpoint, model: string, system?: string, params: SessionParams = {}) {
    this.endpoint = endpoint;
    this.model = model;
    this.#system = system;
    this.#params = params;
  }

  /** The conversation as it would be sent next (system prompt first). */
  get messages(): WireMessage[] {
    return [...(this.#system ? [{ role: 'system', content: this.#system }] : []), ...this.#messages];
  }

  /** Forget the conversation (the system prompt stays). */
  reset(): void {
    this.#messages = [];
  }

  /** Append messages produced outside a streamed answer (tool results). */
  append(...messages: WireMessage[]): void {
    this.#messages.push(...messages);
  }

  /** Ask one question; `onEvent` sees every stream event as it arrives. */
  async ask(prompt: string | null, onEvent: (e: ChatStreamEvent) => void, signal?: AbortSignal): Promise<Answer> {
    const before = this.#messages.length;
    if (prompt !== null) this.#messages.push({ role: 'user', content: prompt });
    const answer = emptyAnswer();
    for await (const event of splitInlineReasoning(streamChat(this.endpoint, this.#call(), signal))) {
      addEvent(answer, event);
      onEvent(event);
    }
    if (answer.aborted || answer.error) {
      this.#messages.length = before;
      return answer;
    }
    this.#messages.push(assistantMessage(answer));
    return answer;
  }

  #call(): ChatCall {
    const p = this.#params;
    return {
      model: this.model,
      messages: this.messages,
      ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
      ...(p.maxTokens !== undefined ? { maxTokens: p.maxTokens } : {}),
      ...(p.reasoningEffort !== undefined ? { reasoningEffort: p.reasoningEffort } : {}),
      ...(p.tools ? { tools: p.tools } : {}),
    };
  }
}

// Reasoning is not replayed: some OpenAI-compatible servers reject `reasoning_content` in input.
function assistantMessage(answer: Answer): WireMessage {
  const calls = answer.toolCalls.filter(Boolean);
  return { role: 'assistant', content: answer.content || (calls.length > 0 ? null : ''), ...(calls.length > 0 ? { tool_calls: calls } : {}) };
}
