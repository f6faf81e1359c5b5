/**
 * A pipeline stage transforms the event stream of one request: reasoning splitter,
 * tool-call parser, stop sequences, phase summaries, usage. A Stage is any function from
 * events to events, so stages compose by nesting and stop when the consumer stops; most are
 * built with `syncStage`, whose runs fuse into one async layer (see fused-stream.ts).
 */
import type { EngineEvent, GenerateRequest } from '../core/types.js';
import { fuse, type StageRun } from './fused-stream.js';

/** One stream stage. It must pass through events it does not handle, in order. */
export type Stage = (events: AsyncIterable<EngineEvent>, req: GenerateRequest) => AsyncIterable<EngineEvent>;

/** A run that fails the stream on its first pull, as a generator stage throwing at its start did. */
function failing(error: unknown): StageRun {
  return {
    start() {
      throw error;
    },
  };
}

/**
 * A Stage that decides each event synchronously, from a per-request run (undefined: nothing to
 * do for this request, the events pass untouched). Consecutive ones share one async layer. A
 * run factory that throws fails the stream when it is first pulled, not when it is applied.
 * @example const upper = syncStage('upper', () => ({ push: (ev, out) => void out.push(ev.type === 'content' ? { ...ev, text: ev.text.toUpperCase() } : ev) }))
 */
export function syncStage(name: string, runFor: (req: GenerateRequest) => StageRun | undefined): Stage {
  const stage: Stage = (events, req) => {
    let run: StageRun | undefined;
    try {
      run = runFor(req);
    } catch (error) {
      run = failing(error);
    }
    return fuse(events, run);
  };
  return Object.defineProperty(stage, 'name', { value: name });
}

/** Apply stages left to right: `pipe(events, req, a, b)` is `b(a(events, req), req)`. */
export function pipe(events: AsyncIterable<EngineEvent>, req: GenerateRequest, ...stages: Stage[]): AsyncIterable<EngineEvent> {
  return stages.reduce((acc, stage) => stage(acc, req), events);
}
