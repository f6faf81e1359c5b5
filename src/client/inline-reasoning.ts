/**
 * For servers that leave reasoning inline (`<think>…</think>` at the start of the answer, as
 * llama.cpp or vLLM do without a reasoning parser): split it out of the content on the client,
 * with psr's own streaming parser in its safe `auto` mode, which only acts when the answer
 * starts with `<think>` and so never eats text from a model that does not reason.
 */
import { createReasoningParser } from '../pipeline/reasoning/registry.js';
import type { ReasoningPiece } from '../pipeline/reasoning/parser.js';
import type { ChatStreamEvent } from './events.js';

function* asEvents(pieces: ReasoningPiece[]): Generator<ChatStreamEvent> {
  for (const p of pieces) {
    if (p.text !== '') yield { type: 'text', section: p.kind === 'reasoning' ? 'reasoning' : 'content', text: p.text };
  }
}

/** Pass a stream through, moving a leading inline reasoning block from content to reasoning. */
export async function* splitInlineReasoning(events: AsyncIterable<ChatStreamEvent>): AsyncGenerator<ChatStreamEvent> {
  let parser: ReturnType<typeof createReasoningParser> | undefined = createReasoningParser('auto');
  for await (const event of events) {
    if (parser && event.type === 'text' && event.section === 'content') {
      yield* asEvents(parser.push(event.text));
      continue;
    }
    if (parser && (event.type === 'finish' || event.type === 'done' || event.type === 'tool_call')) {
      // text held back at a possible tag boundary belongs before the end (or the tool call)
      yield* asEvents(parser.finish());
      parser = undefined;
    }
    yield event;
  }
}
