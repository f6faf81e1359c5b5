/**
 * OpenAI sampling parameters → node-llama-cpp's native sequence options: temperature, top_p,
 * top_k, min_p, seed, presence/frequency/repetition penalties and logit_bias (token ids).
 */
import { TokenBias, type LlamaModel, type SequenceEvaluateOptions, type Token } from 'node-llama-cpp';
import { psrError } from '../../core/errors.js';
import type { Sampling } from '../../core/types.js';

/** Penalties look at this many of the most recent generated tokens (llama.cpp's default window). */
const PENALTY_WINDOW = 64;

/**
 * Sequence options for one choice; `generated` is read live so penalties see new tokens.
 * Choice k > 0 uses seed + k, so n > 1 with a seed gives distinct but reproducible choices.
 */
export function samplingOptions(s: Sampling, model: LlamaModel, generated: readonly Token[], choice: number): SequenceEvaluateOptions {
  const opts: SequenceEvaluateOptions = {
    // OpenAI's default temperature is 1; 0 means greedy in both APIs
    temperature: s.temperature ?? 1,
    topP: s.topP,
    topK: s.topK,
    minP: s.minP,
    seed: s.seed === undefined ? undefined : s.seed + choice,
  };
  const penalize = (s.presencePenalty ?? 0) !== 0 || (s.frequencyPenalty ?? 0) !== 0 || (s.repetitionPenalty ?? 1) !== 1;
  if (penalize) {
    opts.repeatPenalty = {
      punishTokens: () => generated.slice(-PENALTY_WINDOW),
      maxPunishTokens: PENALTY_WINDOW,
      penalty: s.repetitionPenalty ?? 1,
      presencePenalty: s.presencePenalty ?? 0,
      frequencyPenalty: s.frequencyPenalty ?? 0,
    };
  }
  if (s.logitBias && Object.keys(s.logitBias).length) opts.tokenBias = tokenBias(s.logitBias, model);
  return opts;
}

// logit_bias keys are token ids of this model's vocabulary; -100 bans a token as OpenAI documents.
function tokenBias(bias: Record<string, number>, model: LlamaModel): TokenBias {
  const out = new TokenBias(model.tokenizer);
  const vocab = vocabSize(model);
  for (const [key, value] of Object.entries(bias)) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || (vocab !== undefined && id >= vocab)) {
      throw psrError('invalid_value', `logit_bias key '${key}' is not a token id of this model (0..${(vocab ?? 1) - 1})`, { param: 'logit_bias' });
    }
    out.set(id as Token, value <= -100 ? 'never' : { logit: value });
  }
  return out;
}

/** Vocabulary size from the GGUF metadata, when the file lists its tokens. */
export function vocabSize(model: LlamaModel): number | undefined {
  const tokens = model.fileInfo.metadata.tokenizer?.ggml?.tokens;
  return Array.isArray(tokens) ? tokens.length : undefined;
}
