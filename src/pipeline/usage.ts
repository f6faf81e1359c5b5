/**
 * Usage, always exactly once and last: the engine's own count when it reports one, otherwise
 * one synthesized with core/tokens from the prompt and everything the choices produced.
 */
import { countPromptTokens, countTokens } from '../core/tokens.js';
import type { EngineEvent, GenerateRequest } from '../core/types.js';

/** The usage stage; place it last so it counts what the client actually receives. */
export async function* usage(events: AsyncIterable<EngineEvent>, req: GenerateRequest): AsyncIterable<EngineEvent> {
  let reported: Extract<EngineEvent, { type: 'usage' }> | undefined;
  let completion = 0;
  let reasoning = 0;
  for await (const ev of events) {
    if (ev.type === 'usage') {
      reported = ev;
      continue;
    }
    if (ev.type === 'content') completion += countTokens(ev.text);
    else if (ev.type === 'reasoning') reasoning += countTokens(ev.text);
    else if (ev.type === 'tool_call') completion += countTokens(ev.argumentsDelta) + (ev.name ? 1 : 0);
    yield ev;
  }
  yield reported ?? {
    type: 'usage',
    promptTokens: countPromptTokens(req),
    completionTokens: completion + reasoning,
    reasoningTokens: reasoning > 0 ? reasoning : undefined,
  };
}
