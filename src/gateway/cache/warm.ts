/**
 * Cache warming: run a configured list of common requests through the gateway at start so
 * the first real users of those prompts get cached answers (the seed's `warm_cache`).
 */
import type { GenerateRequest } from '../../core/types.js';
import type { Generate } from '../generate.js';
import { CACHE_FIELD } from './key.js';

/** A warm-up entry as written in the config file: a prompt or a message list for a model. */
export interface WarmEntry {
  model: string;
  prompt?: string;
  messages?: Array<{ role: 'system' | 'developer' | 'user' | 'assistant'; content: string }>;
  maxTokens?: number;
  temperature?: number;
}

/** What warming did. */
export interface WarmReport {
  warmed: number;
  failed: Array<{ model: string; error: string }>;
}

/**
 * The normalized request for a warm entry. A `prompt` becomes a one-message chat, since chat
 * is what clients mostly send; its key matches a client's identical chat request at
 * temperature 0 when the API layer normalizes the same way.
 */
export function warmRequest(entry: WarmEntry): GenerateRequest {
  const messages = entry.messages ?? [{ role: 'user' as const, content: entry.prompt ?? '' }];
  return {
    model: entry.model,
    input: { kind: 'chat', messages },
    maxTokens: entry.maxTokens,
    n: 1,
    stop: [],
    sampling: { temperature: entry.temperature ?? 0 },
    extra: {},
  };
}

/**
 * Run every entry through `generate` (which must include `withCache`), one at a time so
 * warming never competes with real traffic for the engine. Failures are reported, not thrown.
 */
export async function warmCache(generate: Generate, entries: WarmEntry[], signal?: AbortSignal): Promise<WarmReport> {
  const report: WarmReport = { warmed: 0, failed: [] };
  for (const entry of entries) {
    if (signal?.aborted) break;
    const req = warmRequest(entry);
    // Forced: a warm entry is cached even if it was written with a temperature above 0.
    req.extra[CACHE_FIELD] = true;
    try {
      for await (const _event of generate(req, signal ?? new AbortController().signal)) {
        // drained: withCache stores the response once the stream completes
      }
      report.warmed++;
    } catch (err) {
      report.failed.push({ model: entry.model, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}
