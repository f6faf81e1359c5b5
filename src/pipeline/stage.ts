/**
 * A pipeline stage transforms the event stream of one request: reasoning splitter,
 * tool-call parser, stop sequences, phase summaries, usage. Stages are plain async
 * generator functions so they compose by nesting and stop when the consumer stops.
 */
import type { EngineEvent, GenerateRequest } from '../core/types.js';

/** One stream stage. It must pass through events it does not handle, in order. */
export type Stage = (events: AsyncIterable<EngineEvent>, req: GenerateRequest) => AsyncIterable<EngineEvent>;

/** Apply stages left to right: `pipe(events, req, a, b)` is `b(a(events, req), req)`. */
export function pipe(events: AsyncIterable<EngineEvent>, req: GenerateRequest, ...stages: Stage[]): AsyncIterable<EngineEvent> {
  return stages.reduce((acc, stage) => stage(acc, req), events);
}
