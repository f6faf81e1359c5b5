/**
 * OpenAI response objects → EngineEvents: streamed chunks (chat and text) and whole responses
 * alike, so both upstream transports feed the same pipeline. Reasoning comes from
 * `reasoning_content` or `reasoning` fields; inline tags are left for the reasoning stage.
 */
import type { EngineEvent, FinishReason, TokenLogprob } from '../../core/types.js';

type Obj = Record<string, unknown>;

const FINISH = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/**
 * An upstream's choice / tool-call index, trusted only as a small non-negative integer: a
 * garbage index (1.5, -1, 1e9) would otherwise reach clients as an invalid chunk, or size
 * per-choice state. Missing means 0, as some servers omit it; anything else is dropped.
 */
function index(v: unknown, fallback: number, max: number): number | undefined {
  if (v === undefined || v === null) return fallback;
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < max ? (v as number) : undefined;
}

/** A token count from an upstream: a finite non-negative integer, else 0. */
function count(v: unknown): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0;
}

function logprobs(v: unknown): TokenLogprob[] | undefined {
  const content = (v as Obj | null | undefined)?.content;
  if (!Array.isArray(content)) return undefined;
  return (content as Obj[]).map((t) => ({
    token: String(t.token),
    logprob: Number(t.logprob),
    bytes: (t.bytes as number[] | null | undefined) ?? null,
    topLogprobs: Array.isArray(t.top_logprobs) ? (t.top_logprobs as Obj[]).map((x) => ({ token: String(x.token), logprob: Number(x.logprob), bytes: (x.bytes as number[] | null | undefined) ?? null })) : [],
  }));
}

function toolCalls(out: EngineEvent[], choice: number, d: Obj): void {
  if (Array.isArray(d.tool_calls)) {
    (d.tool_calls as Array<Obj | null>).forEach((call, i) => {
      const at = call && typeof call === 'object' ? index(call.index, i, 1024) : undefined;
      if (at === undefined) return;
      const fn = (call!.function ?? {}) as Obj;
      const ev: EngineEvent = { type: 'tool_call', choice, index: at, argumentsDelta: typeof fn.arguments === 'string' ? fn.arguments : '' };
      if (typeof call!.id === 'string') ev.id = call!.id;
      if (typeof fn.name === 'string') ev.name = fn.name;
      out.push(ev);
    });
  } else if (d.function_call && typeof d.function_call === 'object') {
    const fc = d.function_call as Obj;
    const ev: EngineEvent = { type: 'tool_call', choice, index: 0, argumentsDelta: typeof fc.arguments === 'string' ? fc.arguments : '' };
    if (typeof fc.name === 'string') ev.name = fc.name;
    out.push(ev);
  }
}

function choiceEvents(out: EngineEvent[], c: Obj, part: Obj | undefined): void {
  const choice = index(c.index, 0, 128); // n is at most 128
  if (choice === undefined) return;
  if (part && typeof part === 'object') {
    const reasoning = part.reasoning_content ?? part.reasoning;
    if (typeof reasoning === 'string' && reasoning) out.push({ type: 'reasoning', choice, text: reasoning });
    if (typeof part.content === 'string' && part.content) {
      const lp = logprobs(c.logprobs);
      out.push(lp ? { type: 'content', choice, text: part.content, logprobs: lp } : { type: 'content', choice, text: part.content });
    }
    toolCalls(out, choice, part);
  }
  if (typeof c.text === 'string' && c.text) out.push({ type: 'content', choice, text: c.text });
  if (typeof c.finish_reason === 'string' && FINISH.has(c.finish_reason)) {
    const reason = c.finish_reason === 'function_call' ? 'tool_calls' : (c.finish_reason as FinishReason);
    out.push({ type: 'finish', choice, reason });
  }
}

function usageEvent(u: unknown): EngineEvent | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const usage = u as Obj;
  const details = usage.completion_tokens_details as Obj | undefined;
  const ev: EngineEvent = { type: 'usage', promptTokens: count(usage.prompt_tokens), completionTokens: count(usage.completion_tokens) };
  if (typeof details?.reasoning_tokens === 'number') ev.reasoningTokens = count(details.reasoning_tokens);
  return ev;
}

/** The events in one streamed chunk (`chat.completion.chunk` or `text_completion`), appended to `out`. */
export function chunkEvents(chunk: Obj, out: EngineEvent[] = []): EngineEvent[] {
  if (Array.isArray(chunk.choices)) for (const c of chunk.choices as Obj[]) if (c && typeof c === 'object') choiceEvents(out, c, c.delta as Obj | undefined);
  const u = usageEvent(chunk.usage);
  if (u) out.push(u);
  return out;
}

/** The events a whole (non-streamed) response amounts to. */
export function responseEvents(body: Obj): EngineEvent[] {
  const out: EngineEvent[] = [];
  if (Array.isArray(body.choices)) for (const c of body.choices as Obj[]) if (c && typeof c === 'object') choiceEvents(out, c, c.message as Obj | undefined);
  const u = usageEvent(body.usage);
  if (u) out.push(u);
  return out;
}
