/**
 * Phased streaming as a Stage: (1) a prompt summary before the upstream's first event,
 * (2) reasoning summaries while the model reasons and a final one when it stops, (3) the
 * answer, chunk by chunk, never buffered. Phase changes are 'phase' events; those with
 * `text` carry a summary (the renderer puts it in `delta.reasoning_content` and tags the
 * chunk with a top-level `phase`). Place it after the reasoning splitter.
 */
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import type { Stage } from '../stage.js';
import { ChoicePhases, type PhaseOptions } from './choice-phases.js';
import { promptSummary } from './extractive.js';

export type { PhaseOptions, Summarizer } from './choice-phases.js';

/**
 * Wait until `p` settles or the current turn of the event loop ends, whichever is first.
 * Failures that need no I/O (no target for the model, every breaker open) reject within the
 * turn, so they still reach the client as a plain HTTP error rather than after a 200 and a summary.
 */
function withinThisTurn(p: Promise<unknown>): Promise<unknown> {
  return Promise.race([p.then(noop, noop), new Promise<void>((resolve) => setImmediate(resolve))]);
}

function noop(): void {}

/**
 * Build the phases stage.
 * @example pipe(events, req, reasoningStage(cfg.reasoning), phasesStage({ rawReasoning: cfg.rawReasoning }))
 */
export function phasesStage(opts: PhaseOptions = {}): Stage {
  return async function* phases(events: AsyncIterable<EngineEvent>, req: GenerateRequest): AsyncIterable<EngineEvent> {
    const it = events[Symbol.asyncIterator]();
    // Start the upstream now, but do not wait for it: the summary goes out first.
    let pending: Promise<IteratorResult<EngineEvent>> | undefined = it.next();
    pending.catch(() => {}); // the consumer may stop before we await it
    let finished = false;
    const choices = new Map<number, ChoicePhases>();
    const stateOf = (choice: number): ChoicePhases => {
      let st = choices.get(choice);
      if (!st) choices.set(choice, (st = new ChoicePhases(choice, opts)));
      return st;
    };
    try {
      let early: { error: unknown } | undefined;
      pending.catch((error: unknown) => (early = { error }));
      await withinThisTurn(pending);
      if (early) throw early.error;
      if (opts.promptSummary !== false) {
        const text = `${promptSummary(req, opts.maxChars)}\n`;
        for (let choice = 0; choice < Math.max(1, req.n); choice++) yield { type: 'phase', choice, phase: 'prompt_summary', text };
      }
      for (;;) {
        const res: IteratorResult<EngineEvent> = await pending;
        pending = undefined;
        if (res.done) break;
        const ev = res.value;
        if (ev.type === 'usage') yield ev;
        else {
          const st = stateOf(ev.choice);
          // Answer chunks skip the per-event generator: this is most of the stream.
          if (st.passesThrough(ev)) yield ev;
          else yield* st.handle(ev);
        }
        pending = it.next();
      }
      finished = true;
      // Choices that ended without 'finish' still owe their final reasoning summary.
      for (const st of choices.values()) yield* st.end();
    } finally {
      if (!finished) {
        // With a next() in flight, return() would wait for the upstream: do not block on it.
        if (pending) it.return?.().catch(() => {});
        else await it.return?.();
      }
    }
  };
}
