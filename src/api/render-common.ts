/** Pieces shared by the chat and text renderers. */
import type { AccumulatedUsage } from '../core/accumulate.js';
import { newId, nowSeconds } from '../core/ids.js';

/** The id, timestamp and model every chunk of one response carries. */
export interface ResponseHead {
  id: string;
  created: number;
  model: string;
}

/** A fresh head for a response (`chatcmpl-…` or `cmpl-…`). */
export function responseHead(prefix: 'chatcmpl' | 'cmpl', model: string): ResponseHead {
  return { id: newId(prefix), created: nowSeconds(), model };
}

/** OpenAI's `usage` object; zeros when nothing was counted. */
export function renderUsage(u: AccumulatedUsage | undefined): Record<string, unknown> {
  const prompt = u?.promptTokens ?? 0;
  const completion = u?.completionTokens ?? 0;
  const usage: Record<string, unknown> = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (u?.reasoningTokens !== undefined) usage.completion_tokens_details = { reasoning_tokens: u.reasoningTokens };
  return usage;
}
