/**
 * n > 1 for engines that produce one choice per call: call the engine n times (seed + i when
 * seeded, so choices differ yet stay reproducible), re-index each stream's choice 0 to i and
 * interleave them. Usage is merged: the prompt counted once, completions summed.
 */
import type { EngineEvent, GenerateRequest } from '../core/types.js';
import type { Generate } from '../gateway/generate.js';
import { merge } from './merge.js';

async function* reindex(events: AsyncIterable<EngineEvent>, choice: number): AsyncIterable<EngineEvent> {
  for await (const ev of events) yield ev.type === 'usage' ? ev : { ...ev, choice };
}

/** Wrap `generate` so requests with n > 1 fan out into n single-choice calls (n = 1 goes straight through). */
export function fanOut(generate: Generate): Generate {
  const fanned = fanOutGenerate(generate);
  return function fanOutIfMany(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    return req.n <= 1 ? generate(req, signal) : fanned(req, signal);
  };
}

function fanOutGenerate(generate: Generate): Generate {
  return async function* fanOutGenerate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const streams: AsyncIterable<EngineEvent>[] = [];
    for (let i = 0; i < req.n; i++) {
      const seed = req.sampling.seed === undefined ? undefined : req.sampling.seed + i;
      streams.push(reindex(generate({ ...req, n: 1, sampling: { ...req.sampling, seed } }, signal), i));
    }
    let usage: Extract<EngineEvent, { type: 'usage' }> | undefined;
    for await (const ev of merge(streams)) {
      if (ev.type !== 'usage') {
        yield ev;
        continue;
      }
      usage = usage === undefined ? { ...ev } : {
        type: 'usage',
        promptTokens: Math.max(usage.promptTokens, ev.promptTokens),
        completionTokens: usage.completionTokens + ev.completionTokens,
        reasoningTokens: usage.reasoningTokens === undefined && ev.reasoningTokens === undefined ? undefined : (usage.reasoningTokens ?? 0) + (ev.reasoningTokens ?? 0),
      };
    }
    if (usage) yield usage;
  };
}
