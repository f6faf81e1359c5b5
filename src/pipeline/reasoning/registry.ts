/**
 * The reasoning parsers by name (STYLE.md §2). A tag style is a few lines of configuration
 * on the MarkerParser template; `field` and `none` leave the text alone.
 */
import { Registry } from '../../core/registry.js';
import { MarkerParser, type MarkerConfig } from './marker-parser.js';
import { joinPieces, passThroughParser, type ReasoningParser, type ReasoningParserFactory, type ReasoningParserOptions } from './parser.js';

/** Phrases that open natural-language reasoning (only at the very start of the output). */
export const NATURAL_LANGUAGE_OPEN = ["Let me think", "Let's think", "Let me analyze", "Let's analyze", 'Let me work through', "Let's work through", 'Let me break this down', "Let's break this down"];

/**
 * Phrases that end natural-language reasoning. They belong to the answer: in
 * "…so 2+2 is 4. The answer is 4." the final output is "The answer is 4.".
 */
export const NATURAL_LANGUAGE_CLOSE = ['Therefore,', 'In conclusion,', 'The answer is', 'So the answer is', 'Final answer:'];

/**
 * A tag-delimited parser: the markers are defaults a configuration may replace. The config of
 * the last options seen is kept: a stage passes the same options for every choice it parses.
 */
function tags(open: string, close: string, extra: Partial<MarkerConfig> = {}): ReasoningParserFactory {
  let last: { opts: ReasoningParserOptions; cfg: MarkerConfig } | undefined;
  return (opts = {}) => {
    if (last?.opts !== opts) last = { opts, cfg: { open: [open], close: [close], ...extra, ...defined(opts) } };
    return new MarkerParser(last.cfg);
  };
}

/** Options without undefined values, so `{ open: undefined }` does not erase a default. */
function defined(opts: ReasoningParserOptions): ReasoningParserOptions {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
}

/** Every reasoning parser psr knows. */
export const reasoningParsers = new Registry<ReasoningParserFactory>('reasoning parser')
  .register('think_tags', tags('<think>', '</think>'))
  .register('reasoning_tags', tags('<reasoning>', '</reasoning>'))
  // The safe default for models we know nothing about: strip only when the output starts with <think>.
  .register('auto', tags('<think>', '</think>', { openOnlyAtStart: true }))
  .register(
    'natural_language',
    (opts = {}) =>
      new MarkerParser({
        open: NATURAL_LANGUAGE_OPEN,
        close: NATURAL_LANGUAGE_CLOSE,
        openOnlyAtStart: true,
        keepOpen: true,
        keepClose: true,
        ...defined(opts),
      }),
  )
  // The upstream sends reasoning in its own field ('reasoning' events); content is all answer.
  .register('field', passThroughParser)
  .register('none', passThroughParser)
  // vLLM's --reasoning-parser names, for configurations carried over from vLLM.
  .register('deepseek_r1', tags('<think>', '</think>', { startsInReasoning: true }))
  .register('qwen3', tags('<think>', '</think>'))
  .register('mistral', tags('[THINK]', '[/THINK]'));

/** Which parser, and options for it, as a model configuration states it. */
export interface ReasoningSpec extends ReasoningParserOptions {
  parser: string;
}

/** Build a parser from a name or a spec; an unknown name throws listing the known ones. */
export function createReasoningParser(spec: string | ReasoningSpec): ReasoningParser {
  const { parser, ...opts } = typeof spec === 'string' ? { parser: spec } : spec;
  return reasoningParsers.get(parser)(opts);
}

/**
 * A maker of parsers for `spec`, for building one per choice: the name is looked up once, and
 * an unknown name throws here, listing the known ones.
 * @example const newParser = reasoningParserMaker({ parser: 'think_tags' }); const parser = newParser()
 */
export function reasoningParserMaker(spec: string | ReasoningSpec): () => ReasoningParser {
  const { parser, ...opts } = typeof spec === 'string' ? { parser: spec } : spec;
  const factory = reasoningParsers.get(parser);
  return () => factory(opts);
}

/** Split a whole (non-streamed) text in one go, e.g. a message replayed from history. */
export function splitReasoning(spec: string | ReasoningSpec, text: string): { reasoning: string; content: string } {
  const parser = createReasoningParser(spec);
  return joinPieces([...parser.push(text), ...parser.finish()]);
}
