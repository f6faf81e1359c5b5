/**
 * The reasoning splitter stage: runs a reasoning parser per choice over 'content' events and
 * turns them into 'reasoning' + 'content' events, in order. Everything else passes through.
 */
import type { EngineEvent } from '../../core/types.js';
import type { EventSink, StageRun } from '../fused-stream.js';
import { syncStage, type Stage } from '../stage.js';
import { passThroughParser, type ReasoningParser, type ReasoningPiece } from './parser.js';
import { reasoningParserMaker, type ReasoningSpec } from './registry.js';

type ContentEvent = Extract<EngineEvent, { type: 'content' }>;

/** Per-choice state: its own parser, and whether the parser has seen text yet. */
interface ChoiceState {
  parser: ReasoningParser;
  sawContent: boolean;
}

/** Send parser pieces as events; logprobs of the chunk ride on its first answer piece. */
function pushPieces(out: EventSink, pieces: ReasoningPiece[], choice: number, source?: ContentEvent): void {
  // Text that is all answer, unchanged (most chunks): the event itself goes on.
  if (source && pieces.length === 1 && pieces[0]!.kind === 'content' && pieces[0]!.text === source.text) return out.push(source);
  let logprobs = source?.logprobs;
  for (const piece of pieces) {
    if (piece.kind === 'reasoning') {
      out.push({ type: 'reasoning', choice, text: piece.text });
      continue;
    }
    out.push(logprobs ? { type: 'content', choice, text: piece.text, logprobs } : { type: 'content', choice, text: piece.text });
    logprobs = undefined;
  }
}

/** One request's splitter: a parser per choice, created when the choice first shows up. */
class SplitterRun implements StageRun {
  readonly #newParser: () => ReasoningParser;
  readonly #choices = new Map<number, ChoiceState>();

  constructor(newParser: () => ReasoningParser) {
    this.#newParser = newParser;
  }

  push(ev: EngineEvent, out: EventSink): void {
    if (ev.type === 'content') {
      const st = this.#stateOf(ev.choice);
      st.sawContent = true;
      if (st.parser.passesThrough?.()) {
        if (ev.text !== '') out.push(ev);
        return;
      }
      pushPieces(out, st.parser.push(ev.text), ev.choice, ev);
    } else if (ev.type === 'reasoning') {
      const st = this.#stateOf(ev.choice);
      if (!st.sawContent) st.parser = passThroughParser();
      out.push(ev);
    } else if (ev.type === 'finish') {
      this.#flush(out, ev.choice);
      out.push(ev);
    } else {
      out.push(ev);
    }
  }

  /** A stream that ended without 'finish' still owes the text its parsers held back. */
  end(out: EventSink): void {
    for (const choice of [...this.#choices.keys()]) this.#flush(out, choice);
  }

  #stateOf(choice: number): ChoiceState {
    let st = this.#choices.get(choice);
    if (!st) this.#choices.set(choice, (st = { parser: this.#newParser(), sawContent: false }));
    return st;
  }

  #flush(out: EventSink, choice: number): void {
    const st = this.#choices.get(choice);
    this.#choices.delete(choice);
    if (st) pushPieces(out, st.parser.finish(), choice);
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
  const newParser = reasoningParserMaker(spec); // fails at configuration time, with the list of known names
  return syncStage('reasoningSplitter', () => new SplitterRun(newParser));
}
