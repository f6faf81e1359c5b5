/**
 * Text completion rendering (`text_completion` objects, streamed and whole). Reasoning, which
 * the completions shape has no field for, rides on an extra `reasoning_content` choice field;
 * `echo` puts the prompt before each choice's text.
 */
import type { Accumulated } from '../core/accumulate.js';
import type { EngineEvent, TokenLogprob } from '../core/types.js';
import { renderUsage, type ResponseHead } from './render-common.js';

type Obj = Record<string, unknown>;

function textLogprobs(lps: TokenLogprob[], offset: number): Obj {
  const textOffset: number[] = [];
  let at = offset;
  for (const t of lps) {
    textOffset.push(at);
    at += t.token.length;
  }
  return {
    tokens: lps.map((t) => t.token),
    token_logprobs: lps.map((t) => t.logprob),
    top_logprobs: lps.map((t) => Object.fromEntries(t.topLogprobs.map((x) => [x.token, x.logprob]))),
    text_offset: textOffset,
  };
}

/** Turns one request's events into `text_completion` chunks. */
export class TextChunkRenderer {
  readonly #head: ResponseHead;
  readonly #echo: ((choice: number) => string) | undefined;
  readonly #started = new Set<number>();
  readonly #offsets = new Map<number, number>();

  /** @param echo the prompt to put before a choice's first text, when the client asked for echo. */
  constructor(head: ResponseHead, echo?: (choice: number) => string) {
    this.#head = head;
    this.#echo = echo;
  }

  #chunk(choice: Obj): Obj {
    return { id: this.#head.id, object: 'text_completion', created: this.#head.created, model: this.#head.model, choices: [choice] };
  }

  #text(index: number, text: string, lps?: TokenLogprob[]): Obj {
    if (!this.#started.has(index)) {
      this.#started.add(index);
      if (this.#echo) text = this.#echo(index) + text;
    }
    const offset = this.#offsets.get(index) ?? 0;
    this.#offsets.set(index, offset + text.length);
    return this.#chunk({ text, index, logprobs: lps ? textLogprobs(lps, offset) : null, finish_reason: null });
  }

  /** The chunk for one event, or null when the completions shape has nothing to show. */
  render(ev: EngineEvent): Obj | null {
    switch (ev.type) {
      case 'content':
        return this.#text(ev.choice, ev.text, ev.logprobs);
      case 'reasoning': {
        const chunk = this.#text(ev.choice, '');
        (chunk.choices as Obj[])[0]!.reasoning_content = ev.text;
        return chunk;
      }
      case 'finish': {
        const prefix = this.#started.has(ev.choice) ? null : this.#text(ev.choice, '');
        const text = prefix ? ((prefix.choices as Obj[])[0]!.text as string) : '';
        return this.#chunk({ text, index: ev.choice, logprobs: null, finish_reason: ev.reason === 'tool_calls' ? 'stop' : ev.reason });
      }
      default:
        return null;
    }
  }

  /** The last chunk under stream_options.include_usage. */
  usageChunk(ev: Extract<EngineEvent, { type: 'usage' }>): Obj {
    return { id: this.#head.id, object: 'text_completion', created: this.#head.created, model: this.#head.model, choices: [], usage: renderUsage(ev) };
  }
}

/** The non-streaming `text_completion` body. */
export function renderTextBody(head: ResponseHead, acc: Accumulated, echo?: (choice: number) => string): Obj {
  const choices = acc.choices.map((c) => {
    const prefix = echo ? echo(c.index) : '';
    const out: Obj = {
      text: prefix + c.content,
      index: c.index,
      logprobs: c.logprobs ? textLogprobs(c.logprobs, prefix.length) : null,
      finish_reason: c.finishReason === 'tool_calls' || c.finishReason === 'function_call' ? 'stop' : c.finishReason,
    };
    if (c.reasoning) out.reasoning_content = c.reasoning;
    return out;
  });
  return { id: head.id, object: 'text_completion', created: head.created, model: head.model, choices, usage: renderUsage(acc.usage) };
}
