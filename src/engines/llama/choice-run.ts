/**
 * One choice, token by token, on one context sequence: reuse the cached prompt prefix, sample
 * with the request's options, stream text pieces (with log probabilities when asked), and stop
 * on end-of-generation, a stop sequence, max tokens, a full context or the abort signal.
 */
import { LlamaGrammarEvaluationState, type LlamaContextSequence, type LlamaGrammar, type LlamaModel, type SequenceEvaluateOptions, type Token } from 'node-llama-cpp';
import type { TokenLogprob, TopLogprob } from '../../core/types.js';
import type { Prompt } from './prompt.js';
import { abortError } from './slot-pool.js';
import { Detokenizer, StopMatcher } from './text-stream.js';

/** Everything one choice needs. */
export interface ChoiceRun {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  prompt: Prompt;
  maxTokens: number;
  stop: string[];
  options: SequenceEvaluateOptions;
  /** The live list of generated tokens the repeat penalty reads. */
  generated: Token[];
  grammar?: LlamaGrammar;
  topLogprobs?: number;
  signal: AbortSignal;
  /** Called once per generated token (the engine's counters). */
  onToken?: () => void;
}

/** A streamed piece of text. */
export interface ChoicePiece {
  text: string;
  logprobs?: TokenLogprob[];
}

/** How the choice ended and what it cost. */
export interface ChoiceEnd {
  reason: 'stop' | 'length';
  completionTokens: number;
}

/** Generate one choice; yields text pieces, returns the finish. Throws AbortError on abort. */
export async function* runChoice(run: ChoiceRun): AsyncGenerator<ChoicePiece, ChoiceEnd> {
  const { model, sequence, prompt, signal } = run;
  const input = await reusePrefix(sequence, prompt.tokens);
  const detok = new Detokenizer(model, prompt.tokens);
  const stops = new StopMatcher([...run.stop, ...prompt.stopTexts, ...grammarStops(run.grammar)], run.grammar?.trimWhitespaceSuffix ?? false);
  const options: SequenceEvaluateOptions = { ...run.options };
  if (run.grammar) options.grammarEvaluationState = new LlamaGrammarEvaluationState({ model, grammar: run.grammar });
  const wantProbs = run.topLogprobs !== undefined;
  let reason: ChoiceEnd['reason'] = 'stop';
  let pendingLogprobs: TokenLogprob[] = [];
  const piece = (text: string): ChoicePiece => {
    const out: ChoicePiece = wantProbs ? { text, logprobs: pendingLogprobs } : { text };
    pendingLogprobs = [];
    return out;
  };
  if (run.maxTokens <= 0) return { reason: 'length', completionTokens: 0 };
  for await (const out of sequence.evaluateWithMetadata(input, { probabilities: wantProbs }, options)) {
    if (signal.aborted) throw abortError(signal);
    if (prompt.stopTokens.has(out.token)) break;
    if (wantProbs && 'probabilities' in out) {
      const before = [...prompt.tokens.slice(-4), ...run.generated.slice(-4)].slice(-4);
      pendingLogprobs.push(toLogprob(model, out.token, out.probabilities as Map<Token, number>, run.topLogprobs ?? 0, before));
    }
    run.generated.push(out.token);
    run.onToken?.();
    const step = stops.push(detok.push(out.token));
    if (step.emit || (wantProbs && step.stopped)) yield piece(step.emit);
    if (step.stopped) return { reason: 'stop', completionTokens: run.generated.length };
    if (run.generated.length >= run.maxTokens || sequence.nextTokenIndex >= sequence.contextSize - 1) {
      reason = 'length';
      break;
    }
  }
  if (signal.aborted) throw abortError(signal);
  const rest = stops.flush();
  if (rest || pendingLogprobs.length) yield piece(rest);
  return { reason, completionTokens: run.generated.length };
}

// Keep the KV cache of the longest shared prefix (a chat's earlier turns, the same prompt for
// choice 2..n) and evaluate only the rest; at least one token is evaluated to get fresh logits.
async function reusePrefix(sequence: LlamaContextSequence, tokens: Token[]): Promise<Token[]> {
  const cached = sequence.contextTokens;
  let keep = 0;
  while (keep < cached.length && keep < tokens.length && cached[keep] === tokens[keep]) keep++;
  keep = Math.min(keep, tokens.length - 1);
  try {
    if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  } catch {
    // some model kinds cannot erase ranges of their state; start over instead
    await sequence.clearHistory();
    return tokens;
  }
  return tokens.slice(keep);
}

function grammarStops(grammar: LlamaGrammar | undefined): string[] {
  return (grammar?.stopGenerationTriggers ?? []).map((t) => (typeof t === 'string' ? t : Array.isArray(t) ? t.filter((x) => typeof x === 'string').join('') : t.toString())).filter(Boolean);
}

// Token texts are rendered after the preceding tokens so a word-start piece keeps its space.
function toLogprob(model: LlamaModel, token: Token, probs: Map<Token, number>, top: number, before: Token[]): TokenLogprob {
  const entry = (t: Token, p: number): TopLogprob => {
    const text = model.detokenize([t], true, before);
    return { token: text, logprob: p > 0 ? Math.log(p) : -9999, bytes: [...Buffer.from(text, 'utf8')] };
  };
  const topLogprobs: TopLogprob[] = [];
  for (const [t, p] of probs) {
    if (topLogprobs.length >= top) break;
    topLogprobs.push(entry(t, p));
  }
  return { ...entry(token, probs.get(token) ?? 0), topLogprobs };
}
