/**
 * Chat completion rendering: EngineEvents → serialized `chat.completion.chunk`s (role on each
 * choice's first chunk, one id, tool-call delta rules, phases on a top-level `phase` field),
 * and an Accumulated response → one `chat.completion` body.
 */
import type { Accumulated, AccumulatedChoice } from '../core/accumulate.js';
import type { EngineEvent, FinishReason, Phase, TokenLogprob } from '../core/types.js';
import { renderUsage, type ResponseHead } from './render-common.js';

type Obj = Record<string, unknown>;

function logprobContent(lps: TokenLogprob[]): Obj[] {
  return lps.map((t) => ({
    token: t.token,
    logprob: t.logprob,
    bytes: t.bytes ?? null,
    top_logprobs: t.topLogprobs.map((x) => ({ token: x.token, logprob: x.logprob, bytes: x.bytes ?? null })),
  }));
}

function finishFor(reason: FinishReason, legacy: boolean): FinishReason {
  return legacy && reason === 'tool_calls' ? 'function_call' : reason;
}

/** The top-level field of answer chunks once their choice is in the final output phase. */
const FINAL_OUTPUT_TAIL = ',"phase":"final_output"';

/** Which field(s) carry reasoning to the client: `reasoning_content` (default), `reasoning`, or both. */
export type ReasoningField = 'reasoning_content' | 'reasoning' | 'both';

/** How chat responses are rendered for one request. */
export interface ChatRenderOptions {
  /** True for legacy `functions` clients: calls come back as `function_call`. */
  legacyFunctions?: boolean;
  reasoningField?: ReasoningField;
  /** Also send the seed's bare `event: phase` frames (custom clients ask for them; SDKs would crash). */
  phaseEvents?: boolean;
}

function reasoningDelta(text: string, field: ReasoningField = 'reasoning_content'): Obj {
  if (field === 'both') return { reasoning_content: text, reasoning: text };
  return { [field]: text };
}

/** Turns one request's events into chunk objects; keeps the per-choice "role sent" state. */
export class ChatChunkRenderer {
  readonly #head: ResponseHead;
  /** `{"id":…,"object":…,"created":…,"model":…,"choices":[` — the same for every chunk, serialized once. */
  readonly #prefix: string;
  readonly #legacy: boolean;
  readonly #opts: ChatRenderOptions;
  readonly #started = new Set<number>();
  /** Each choice's current phase, once the pipeline sent one. */
  readonly #phase = new Map<number, Phase>();

  constructor(head: ResponseHead, opts: ChatRenderOptions | boolean = {}) {
    this.#head = head;
    this.#prefix = `${JSON.stringify({ id: head.id, object: 'chat.completion.chunk', created: head.created, model: head.model }).slice(0, -1)},"choices":[`;
    this.#opts = typeof opts === 'boolean' ? { legacyFunctions: opts } : opts;
    this.#legacy = this.#opts.legacyFunctions ?? false;
  }

  /**
   * The bare `event: phase` frame to send before `ev`'s chunk, when the client asked for them
   * and `ev` moves its choice into a new phase; call before render().
   */
  phaseFrame(ev: EngineEvent): { name: string; data: Obj } | null {
    if (!this.#opts.phaseEvents || ev.type !== 'phase' || this.#phase.get(ev.choice) === ev.phase) return null;
    return { name: 'phase', data: { phase: ev.phase, index: ev.choice } };
  }

  /** Answer chunks carry `phase: final_output` once the choice is in it (the seed's shape). */
  #answerTail(choice: number): string {
    return this.#phase.get(choice) === 'final_output' ? FINAL_OUTPUT_TAIL : '';
  }

  #answerChunk(choice: number, delta: Obj, logprobs?: TokenLogprob[]): string {
    return this.#chunk(choice, delta, null, this.#answerTail(choice), logprobs);
  }

  /** One serialized chunk: the shared prefix, this choice, then `tail` (serialized top-level fields, each after a comma). */
  #chunk(choice: number, delta: Obj, finish: FinishReason | null = null, tail = '', logprobs?: TokenLogprob[]): string {
    if (!this.#started.has(choice)) {
      this.#started.add(choice);
      delta = { role: 'assistant', ...delta };
    }
    const c: Obj = { index: choice, delta, finish_reason: finish };
    if (logprobs) c.logprobs = { content: logprobContent(logprobs), refusal: null };
    return `${this.#prefix}${JSON.stringify(c)}]${tail}}`;
  }

  /** The most common chunk, a piece of answer text after the first, written out directly: the same JSON as #chunk's. */
  #contentChunk(choice: number, text: string): string {
    return `${this.#prefix}{"index":${choice},"delta":{"content":${JSON.stringify(text)}},"finish_reason":null}]${this.#answerTail(choice)}}`;
  }

  #toolDelta(ev: Extract<EngineEvent, { type: 'tool_call' }>): Obj {
    if (this.#legacy) return { function_call: ev.name ? { name: ev.name, arguments: ev.argumentsDelta } : { arguments: ev.argumentsDelta } };
    const first = ev.id !== undefined || ev.name !== undefined;
    const call: Obj = first
      ? { index: ev.index, id: ev.id ?? `call_${ev.index}`, type: 'function', function: { name: ev.name ?? '', arguments: ev.argumentsDelta } }
      : { index: ev.index, function: { arguments: ev.argumentsDelta } };
    return { tool_calls: [call] };
  }

  /** The serialized chunk (JSON text) for one event, or null for usage (see usageChunk). */
  render(ev: EngineEvent): string | null {
    switch (ev.type) {
      case 'content':
        if (ev.logprobs === undefined && this.#started.has(ev.choice)) return this.#contentChunk(ev.choice, ev.text);
        return this.#answerChunk(ev.choice, { content: ev.text }, ev.logprobs);
      case 'reasoning':
        return this.#chunk(ev.choice, reasoningDelta(ev.text, this.#opts.reasoningField));
      case 'tool_call':
        return this.#answerChunk(ev.choice, this.#toolDelta(ev));
      case 'phase':
        // Summary text goes where SDKs show reasoning; the top-level `phase` says which summary it is.
        this.#phase.set(ev.choice, ev.phase);
        return this.#chunk(ev.choice, ev.text ? reasoningDelta(ev.text, this.#opts.reasoningField) : {}, null, `,"phase":${JSON.stringify(ev.phase)}`);
      case 'finish':
        return this.#chunk(ev.choice, {}, finishFor(ev.reason, this.#legacy));
      case 'meta':
        return this.#chunk(ev.choice, {}, null, `,"meta":${JSON.stringify({ [ev.key]: ev.value })}`);
      case 'usage':
        return null;
    }
  }

  /** The last chunk under stream_options.include_usage: no choices, just usage. */
  usageChunk(ev: Extract<EngineEvent, { type: 'usage' }>): Obj {
    return { id: this.#head.id, object: 'chat.completion.chunk', created: this.#head.created, model: this.#head.model, choices: [], usage: renderUsage(ev) };
  }
}

/** The summaries (in order), then the raw reasoning: what a streaming client concatenates, minus interleaving. */
function reasoningText(c: AccumulatedChoice): string {
  return c.phases.map((p) => p.text ?? '').join('') + c.reasoning;
}

function message(c: AccumulatedChoice, legacy: boolean, field: ReasoningField = 'reasoning_content'): Obj {
  const msg: Obj = { role: 'assistant', content: c.content.length > 0 || c.toolCalls.length === 0 ? c.content : null, refusal: null };
  const reasoning = reasoningText(c);
  if (reasoning) Object.assign(msg, reasoningDelta(reasoning, field));
  if (c.toolCalls.length > 0) {
    if (legacy) msg.function_call = { name: c.toolCalls[0]!.name, arguments: c.toolCalls[0]!.arguments };
    else msg.tool_calls = c.toolCalls.map((t) => ({ id: t.id || `call_${t.index}`, type: 'function', function: { name: t.name, arguments: t.arguments } }));
  }
  return msg;
}

/** The non-streaming `chat.completion` body. */
export function renderChatBody(head: ResponseHead, acc: Accumulated, opts: ChatRenderOptions | boolean = {}): Obj {
  const { legacyFunctions = false, reasoningField } = typeof opts === 'boolean' ? { legacyFunctions: opts } : opts;
  const choices = acc.choices.map((c) => {
    const out: Obj = {
      index: c.index,
      message: message(c, legacyFunctions, reasoningField),
      logprobs: c.logprobs ? { content: logprobContent(c.logprobs), refusal: null } : null,
      finish_reason: finishFor(c.finishReason, legacyFunctions),
    };
    if (c.phases.length > 0) out.phases = c.phases;
    if (Object.keys(c.meta).length > 0) out.meta = c.meta;
    return out;
  });
  return { id: head.id, object: 'chat.completion', created: head.created, model: head.model, choices, usage: renderUsage(acc.usage) };
}
