/**
 * OpenAI response objects → EngineEvents: streamed chunks (chat and text) and whole responses
 * alike, so both upstream transports feed the same pipeline. Reasoning comes from
 * `reasoning_content` or `reasoning` fields; inline tags are left for the reasoning stage.
 */
import type { EngineEvent, FinishReason, TokenLogprob } from '../../core/types.js';

type Obj = Record<string, unknown>;

const FINISH = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

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
    (d.tool_calls as Obj[]).forEach((call, i) => {
      const fn = (call.function ?? {}) as Obj;
      const ev: EngineEvent = { type: 'tool_call', choice, index: typeof call.index === 'number' ? call.index : i, argumentsDelta: typeof fn.arguments === 'string' ? fn.arguments : '' };
      if (typeof call.id === 'string') ev.id = call.id;
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
  const choice = typeof c.index === 'number' ? c.index : 0;
  if (part) {
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
  const ev: EngineEvent = { type: 'usage', promptTokens: Number(usage.prompt_tokens ?? 0), completionTokens: Number(usage.completion_tokens ?? 0) };
  if (typeof details?.reasoning_tokens === 'number') ev.reasoningTokens = details.reasoning_tokens;
  return ev;
}

/** The events in one streamed chunk (`chat.completion.chunk` or `text_completion`). */
export function chunkEvents(chunk: Obj): EngineEvent[] {
  const out: EngineEvent[] = [];
  if (Array.isArray(chunk.choices)) for (const c of chunk.choices as Obj[]) choiceEvents(out, c, c.delta as Obj | undefined);
  const u = usageEvent(chunk.usage);
  if (u) out.push(u);
  return out;
}

/** The events a whole (non-streamed) response amounts to. */
export function responseEvents(body: Obj): EngineEvent[] {
  const out: EngineEvent[] = [];
  if (Array.isArray(body.choices)) for (const c of body.choices as Obj[]) choiceEvents(out, c, c.message as Obj | undefined);
  const u = usageEvent(body.usage);
  if (u) out.push(u);
  return out;
}
