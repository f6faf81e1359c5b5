/**
 * The gateway's unit of work: turn a GenerateRequest into an event stream. Gateway features
 * (cache, metrics, usage accounting, fallback) are middlewares that wrap a Generate.
 */
import type { EngineEvent, GenerateRequest } from '../core/types.js';

/** Produce the event stream for a request; aborting `signal` must stop the work. */
export type Generate = (req: GenerateRequest, signal: AbortSignal) => AsyncIterable<EngineEvent>;

/** Wraps a Generate with one gateway feature. */
export type GenerateMiddleware = (next: Generate) => Generate;

/** Compose middlewares; the first one listed is the outermost. */
export function composeGenerate(inner: Generate, ...middlewares: GenerateMiddleware[]): Generate {
  return middlewares.reduceRight((next, mw) => mw(next), inner);
}
