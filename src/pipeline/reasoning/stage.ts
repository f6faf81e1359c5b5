/**
 * The reasoning splitter stage: runs a reasoning parser per choice over 'content' events and
 * turns them into 'reasoning' + 'content' events, in order. Everything else passes through.
 */
import type { EngineEvent } from '../../core/types.js';
import type { Stage } from '../stage.js';
import { passThroughParser, type ReasoningParser, type ReasoningPiece } from './parser.js';
import { createReasoningParser, type ReasoningSpec } from './registry.js';

type ContentEvent = Extract<EngineEvent, { type: 'content' }>;

/** Per-choice state: its own parser, and whether the parser has seen text yet. */
interface ChoiceState {
  parser: ReasoningParser;
  sawContent: boolean;
}

/** Turn parser pieces into events; logprobs of the chunk ride on its first answer piece. */
function* toEvents(pieces: ReasoningPiece[], choice: number, source?: ContentEvent): Generator<EngineEvent> {
  let logprobs = source?.logprobs;
  for (const piece of pieces) {
    if (piece.kind === 'reasoning') {
      yield { type: 'reasoning', choice, text: piece.text };
      continue;
    }
    yield logprobs ? { type: 'content', choice, text: piece.text, logprobs } : { type: 'content', choice, text: piece.text };
    logprobs = undefined;
  }
}

/**
 * A Stage that splits reasoning out of content with the named parser (or a full spec).
 * When the upstream already sends reasoning in its own field (a 'reasoning' event arrives
 * before any content of that choice), the content of that choice is left untouched: the
 * upstream did the split, and a `startsInReasoning` parser would otherwise swallow the answer.
 * @example pipe(events, req, reasoningStage({ parser: 'think_tags', startsInReasoning: true }))
 */
export function reasoningStage(spec: string | ReasoningSpec): Stage {
  createReasoningParser(spec); // fail at configuration time, with the list of known names
  return async function* reasoningSplitter(events) {
    const choices = new Map<number, ChoiceState>();
    const stateOf = (choice: number): ChoiceState => {
      let st = choices.get(choice);
      if (!st) choices.set(choice, (st = { parser: createReasoningParser(spec), sawContent: false }));
      return st;
    };
    const flush = (choice: number): Generator<EngineEvent> => {
      const st = choices.get(choice);
      choices.delete(choice);
      return toEvents(st ? st.parser.finish() : [], choice);
    };
    for await (const ev of events) {
      if (ev.type === 'content') {
        const st = stateOf(ev.choice);
        st.sawContent = true;
        yield* toEvents(st.parser.push(ev.text), ev.choice, ev);
      } else if (ev.type === 'reasoning') {
        const st = stateOf(ev.choice);
        if (!st.sawContent) st.parser = passThroughParser();
        yield ev;
      } else if (ev.type === 'finish') {
        yield* flush(ev.choice);
        yield ev;
      } else {
        yield ev;
      }
    }
    // A stream that ended without 'finish' still owes the text its parsers held back.
    for (const choice of [...choices.keys()]) yield* flush(choice);
  };
}
