/**
 * Turns decoded SSE messages from any OpenAI-compatible server into ChatStreamEvents. Accepts
 * psr's SDK-safe phases (a top-level `phase` on ordinary chunks), the seed's bare `event: phase`
 * frames, reasoning as `delta.reasoning_content` or `delta.reasoning`, and `error` frames.
 */
import type { SseMessage } from './sse.js';
import { toProofForest, type ChatStreamEvent, type ClientPhase, type TextSection } from './events.js';

type Json = Record<string, unknown>;
/** Events that do not need the clock: the stream adds `ms` to phase events. */
type ReadEvent = Exclude<ChatStreamEvent, { type: 'phase' | 'open' | 'first_byte' | 'done' }>
  | { type: 'phase'; phase: ClientPhase };

/** Per-stream state: the current phase; one reader per request (choice 0 is shown). */
export class ChunkReader {
  #phase: ClientPhase | undefined;
  #done = false;

  /** True once `data: [DONE]` arrived. */
  get done(): boolean {
    return this.#done;
  }

  /** Interpret one SSE message. */
  read(message: SseMessage): ReadEvent[] {
    if (message.data === '[DONE]') {
      this.#done = true;
      return [];
    }
    const json = parseJson(message.data);
    if (message.event === 'error' || (json && isObject(json.error))) return [errorEvent(json, message.data)];
    if (!json) return [];
    const out: ReadEvent[] = [];
    this.#phaseFrom(json.phase, out);
    if (message.event === 'phase') return out;
    const choices = Array.isArray(json.choices) ? (json.choices as Json[]) : [];
    const choice = choices.find((c) => isObject(c) && (c.index ?? 0) === 0);
    if (choice) this.#readChoice(choice, summaryPhase(json.phase), out);
    const proof = toProofForest(proofOf(json) ?? (choice ? proofOf(choice) : undefined));
    if (proof) out.push({ type: 'proof', proof });
    if (isObject(json.usage)) out.push({ type: 'usage', usage: toUsage(json.usage) });
    return out;
  }

  #phaseFrom(value: unknown, out: ReadEvent[]): void {
    if (typeof value !== 'string' || value === this.#phase) return;
    this.#phase = value;
    out.push({ type: 'phase', phase: value });
  }

  // Text on a chunk marked with a summary phase is that summary (psr puts it in
  // reasoning_content; the seed put it in content); reasoning elsewhere is the model's own.
  #readChoice(choice: Json, summary: TextSection | undefined, out: ReadEvent[]): void {
    const delta = isObject(choice.delta) ? choice.delta : isObject(choice.message) ? choice.message : {};
    const reasoning = firstString(delta.reasoning_content, delta.reasoning);
    if (reasoning) out.push({ type: 'text', section: summary ?? 'reasoning', text: reasoning });
    if (typeof delta.content === 'string' && delta.content !== '') {
      out.push({ type: 'text', section: summary ?? 'content', text: delta.content });
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls as Json[]) {
        const fn = isObject(call.function) ? call.function : {};
        out.push({
          type: 'tool_call',
          index: typeof call.index === 'number' ? call.index : 0,
          ...(typeof call.id === 'string' ? { id: call.id } : {}),
          ...(typeof fn.name === 'string' ? { name: fn.name } : {}),
          argumentsDelta: typeof fn.arguments === 'string' ? fn.arguments : '',
        });
      }
    }
    if (typeof choice.finish_reason === 'string') out.push({ type: 'finish', reason: choice.finish_reason });
  }
}

function summaryPhase(phase: unknown): TextSection | undefined {
  return phase === 'prompt_summary' || phase === 'reasoning_summary' ? phase : undefined;
}

// Proofs ride on `meta.proof` (psr's meta events), `proof`, or `psr.proof`, on the chunk or choice.
function proofOf(obj: Json): unknown {
  if (isObject(obj.meta) && obj.meta.proof !== undefined) return obj.meta.proof;
  if (obj.proof !== undefined) return obj.proof;
  return isObject(obj.psr) ? obj.psr.proof : undefined;
}

function errorEvent(json: Json | undefined, raw: string): ReadEvent {
  const err = json && isObject(json.error) ? json.error : json;
  const message = err && typeof err.message === 'string' ? err.message : raw || 'stream error';
  const code = err && typeof err.code === 'string' ? err.code : undefined;
  return { type: 'error', message, ...(code ? { code } : {}) };
}

function toUsage(u: Json): { promptTokens: number; completionTokens: number; totalTokens: number; reasoningTokens?: number } {
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const details = isObject(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const reasoning = details.reasoning_tokens;
  return {
    promptTokens: num(u.prompt_tokens),
    completionTokens: num(u.completion_tokens),
    totalTokens: num(u.total_tokens) || num(u.prompt_tokens) + num(u.completion_tokens),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {}),
  };
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}

function parseJson(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
