/**
 * Phased streaming as a Stage: (1) a prompt summary before the upstream's first event,
 * (2) reasoning summaries while the model reasons and a final one when it stops, (3) the
 * answer, chunk by chunk, never buffered. Phase changes are 'phase' events; those with
 * `text` carry a summary (the renderer puts it in `delta.reasoning_content` and tags the
 * chunk with a top-level `phase`). Place it after the reasoning splitter.
 */
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { settledThisTurn, type EventSink, type StageRun } from '../fused-stream.js';
import { syncStage, type Stage } from '../stage.js';
import { ChoicePhases, type PhaseOptions } from './choice-phases.js';
import { promptSummary } from './extractive.js';

export type { PhaseOptions, Summarizer } from './choice-phases.js';

/** One prompt-summary event per choice. */
function pushPromptSummary(out: EventSink, req: GenerateRequest, maxChars?: number): void {
  const text = `${promptSummary(req, maxChars)}\n`;
  for (let choice = 0; choice < Math.max(1, req.n); choice++) out.push({ type: 'phase', choice, phase: 'prompt_summary', text });
}

/**
 * The phases of one request with extractive summaries only: every step is synchronous. A
 * streaming request's prompt summary waits for the first pull within this turn (holdStart);
 * a JSON client gets any error as an HTTP error anyway, and the same body.
 */
class PhasesRun implements StageRun {
  readonly holdStart: boolean;
  readonly #opts: PhaseOptions;
  readonly #req: GenerateRequest;
  readonly #choices = new Map<number, ChoicePhases>();

  constructor(opts: PhaseOptions, req: GenerateRequest) {
    this.#opts = opts;
    this.#req = req;
    this.holdStart = req.stream !== false && opts.promptSummary !== false;
  }

  start(out: EventSink): void {
    if (this.#opts.promptSummary !== false) pushPromptSummary(out, this.#req, this.#opts.maxChars);
  }

  push(ev: EngineEvent, out: EventSink): void {
    if (ev.type === 'usage') return out.push(ev);
    let st = this.#choices.get(ev.choice);
    if (!st) this.#choices.set(ev.choice, (st = new ChoicePhases(ev.choice, this.#opts)));
    // Answer chunks skip the rest: this is most of the stream.
    if (st.passesThrough(ev)) out.push(ev);
    else st.handle(ev, out);
  }

  /** Choices that ended without 'finish' still owe their final reasoning summary. */
  end(out: EventSink): void {
    for (const st of this.#choices.values()) st.end(out);
  }
}

/**
 * Build the phases stage. With a `summarizer` (summaries written by a model) the final summary
 * of a reasoning block is awaited, so that stage is an async generator of its own.
 * @example pipe(events, req, reasoningStage(cfg.reasoning), phasesStage({ rawReasoning: cfg.rawReasoning }))
 */
export function phasesStage(opts: PhaseOptions = {}): Stage {
  return opts.summarizer ? summarizedPhases(opts) : syncStage('phases', (req) => new PhasesRun(opts, req));
}

/** The phases stage whose final reasoning summaries a model writes. */
function summarizedPhases(opts: PhaseOptions): Stage {
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
    const handled = async (st: ChoicePhases, ev?: EngineEvent): Promise<EngineEvent[]> => {
      const final = st.closesReasoning(ev) ? await st.writeFinalSummary() : undefined;
      const out: EngineEvent[] = [];
      if (ev) st.handle(ev, out, final);
      else st.end(out, final);
      return out;
    };
    try {
      // Failures that need no I/O (no target for the model, every breaker open) reject within
      // the turn: they reach a streaming client as a plain HTTP error, not after a 200 and a summary.
      if (req.stream !== false) {
        const early = await settledThisTurn(pending);
        if (early) throw early.error;
      }
      if (opts.promptSummary !== false) {
        const out: EngineEvent[] = [];
        pushPromptSummary(out, req, opts.maxChars);
        yield* out;
      }
      for (;;) {
        const res: IteratorResult<EngineEvent> = await pending;
        pending = undefined;
        if (res.done) break;
        const ev = res.value;
        if (ev.type === 'usage') yield ev;
        else {
          const st = stateOf(ev.choice);
          if (st.passesThrough(ev)) yield ev;
          else yield* await handled(st, ev);
        }
        pending = it.next();
      }
      finished = true;
      for (const st of choices.values()) yield* await handled(st);
    } finally {
      if (!finished) {
        // With a next() in flight, return() would wait for the upstream: do not block on it.
        if (pending) it.return?.().catch(() => {});
        else await it.return?.();
      }
    }
  };
}
