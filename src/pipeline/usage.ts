/**
 * Usage, always exactly once and last: the engine's own count when it reports one, otherwise
 * one synthesized with core/tokens from the prompt and everything the choices produced.
 */
import { countPromptTokens, countTokens } from '../core/tokens.js';
import type { EngineEvent, GenerateRequest } from '../core/types.js';

/** The usage stage; place it last so it counts what the client actually receives. */
export async function* usage(events: AsyncIterable<EngineEvent>, req: GenerateRequest): AsyncIterable<EngineEvent> {
  let reported: Extract<EngineEvent, { type: 'usage' }> | undefined;
  // Texts are kept (string concatenation is cheap) and counted only when the engine reports nothing.
  let completion = '';
  let reasoning = '';
  let toolNames = 0;
  for await (const ev of events) {
    if (ev.type === 'usage') {
      reported = ev;
      continue;
    }
    if (ev.type === 'content') completion += ev.text;
    else if (ev.type === 'reasoning') reasoning += ev.text;
    else if (ev.type === 'tool_call') {
      completion += ev.argumentsDelta;
      if (ev.name) toolNames++;
    }
    yield ev;
  }
  if (reported) return yield reported;
  const reasoningTokens = countTokens(reasoning);
  yield {
    type: 'usage',
    promptTokens: countPromptTokens(req),
    completionTokens: countTokens(completion) + toolNames + reasoningTokens,
    reasoningTokens: reasoningTokens > 0 ? reasoningTokens : undefined,
  };
}
