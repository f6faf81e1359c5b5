/**
 * Embeddings through an embedding context: one vector per input, L2-normalized (as OpenAI's
 * are); `dimensions` truncates and renormalizes, and asking for more than the model has is a 400.
 */
import type { Token } from 'node-llama-cpp';
import { psrError } from '../../core/errors.js';
import type { EmbedRequest, EmbedResult } from '../../core/types.js';
import type { LoadedModel } from './loaded-model.js';
import { abortError } from './slot-pool.js';

// One embedding context per model evaluates one input at a time; chain requests behind it.
const queues = new WeakMap<LoadedModel, Promise<unknown>>();

/** Embed every input of the request with the model's embedding context. */
export async function embedWith(entry: LoadedModel, req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
  const { model, contextSize } = await entry.ready();
  const size = model.embeddingVectorSize;
  if (req.dimensions !== undefined && (req.dimensions < 1 || req.dimensions > size)) {
    throw psrError('invalid_value', `dimensions must be between 1 and ${size} for model '${entry.spec.id}'`, { param: 'dimensions' });
  }
  const inputs = req.input.map((input) => (typeof input === 'string' ? model.tokenize(input) : (input as Token[])));
  inputs.forEach((tokens, i) => {
    if (tokens.length > contextSize) throw psrError('context_length_exceeded', `Input ${i} has ${tokens.length} tokens; this model's context holds ${contextSize}`, { param: 'input' });
  });
  const run = async (): Promise<EmbedResult> => {
    const context = await entry.embeddingContext();
    const vectors: number[][] = [];
    for (const tokens of inputs) {
      if (signal.aborted) throw abortError(signal);
      const embedding = await context.getEmbeddingFor(tokens);
      vectors.push(normalize(embedding.vector.slice(0, req.dimensions ?? size)));
    }
    return { vectors, promptTokens: inputs.reduce((n, t) => n + t.length, 0) };
  };
  const result = (queues.get(entry) ?? Promise.resolve()).catch(() => undefined).then(run);
  queues.set(entry, result);
  return result;
}

function normalize(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm > 0 ? v.map((x) => x / norm) : v;
}
