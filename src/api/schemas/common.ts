/** Fields shared by chat and text completions: sampling, n, stop, streaming, model. */
import type { Sampling } from '../../core/types.js';
import { logitBias, obj, optBool, optNumber, optString, required, wrongType, type Obj } from './check.js';

/** The request's `model`: a non-empty string. */
export function parseModel(body: Obj): string {
  const model = required(body, 'model');
  if (typeof model !== 'string') return wrongType('model', 'a string', model);
  return model;
}

/** temperature, top_p, penalties, logit_bias, seed, plus the common open-model extras. */
export function parseSampling(body: Obj): Sampling {
  // Absent stays absent: engines and upstream bodies test `in`/undefined alike, logs stay short.
  // (Set only what is present rather than deleting afterwards: delete makes a slow dictionary object.)
  const s: Sampling = {};
  const set = <K extends keyof Sampling>(key: K, value: Sampling[K]): void => {
    if (value !== undefined) s[key] = value;
  };
  set('temperature', optNumber(body.temperature, 'temperature', 0, 2));
  set('topP', optNumber(body.top_p, 'top_p', 0, 1));
  set('presencePenalty', optNumber(body.presence_penalty, 'presence_penalty', -2, 2));
  set('frequencyPenalty', optNumber(body.frequency_penalty, 'frequency_penalty', -2, 2));
  set('seed', optNumber(body.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true));
  set('logitBias', logitBias(body.logit_bias));
  // Not OpenAI, but vLLM/llama.cpp/Ollama accept them and clients send them.
  set('topK', optNumber(body.top_k, 'top_k', -1, 1e6, true));
  set('minP', optNumber(body.min_p, 'min_p', 0, 1));
  set('repetitionPenalty', optNumber(body.repetition_penalty, 'repetition_penalty', 0, 10));
  return s;
}

/** `stream` and `stream_options.include_usage`. */
export function parseStreaming(body: Obj): { stream: boolean; includeUsage: boolean } {
  const stream = optBool(body.stream, 'stream') ?? false;
  let includeUsage = false;
  if (body.stream_options !== undefined && body.stream_options !== null) {
    const so = obj(body.stream_options, 'stream_options');
    includeUsage = optBool(so.include_usage, 'stream_options.include_usage') ?? false;
  }
  return { stream, includeUsage };
}

/** `n`: 1–128, default 1. */
export function parseN(body: Obj): number {
  return optNumber(body.n, 'n', 1, 128, true) ?? 1;
}

/** `user`. */
export function parseUser(body: Obj): string | undefined {
  return optString(body.user, 'user');
}

/** Fields every completion request understands; anything else lands in `extra`. */
export const COMMON_KNOWN = [
  'model', 'n', 'stop', 'temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'seed',
  'top_k', 'min_p', 'repetition_penalty', 'stream', 'stream_options', 'user', 'max_tokens', 'logprobs',
] as const;
