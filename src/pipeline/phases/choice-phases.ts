/**
 * The phase state of one choice: which phase it is in, the reasoning seen since the last
 * summary, and the policy for raw reasoning. Private to the phases stage (STYLE.md §4).
 */
import type { EngineEvent, Phase } from '../../core/types.js';
import type { EventSink } from '../fused-stream.js';
import { extractiveSummary, truncate } from './extractive.js';

/** Writes a summary of `text` (e.g. by asking a configured model); must honour `signal`. */
export type Summarizer = (text: string, signal: AbortSignal) => Promise<string>;

/** How the phases stage behaves; every field has a default. */
export interface PhaseOptions {
  /** 'forward': raw reasoning only; 'summarize' (default): summaries only; 'both'. */
  rawReasoning?: 'forward' | 'summarize' | 'both';
  /** Send the prompt summary first (default true). */
  promptSummary?: boolean;
  /** A progressive summary after about this many characters of new reasoning (default 600). */
  everyChars?: number;
  /** Longest summary (default 240 characters). */
  maxChars?: number;
  /** Writes the final reasoning summary; progressive ones stay extractive so they never stall the stream. */
  summarizer?: Summarizer;
  /** How long the summarizer may take before we use the extractive summary (default 3 000 ms). */
  summarizerTimeoutMs?: number;
}

// End of a sentence followed by space, or a line break: a safe place to cut reasoning.
const SENTENCE_END = /[.!?]["')\]]?\s|\n/g;

function marker(choice: number, phase: Phase): EngineEvent {
  return { type: 'phase', choice, phase };
}

/** Phase tracking for one choice. */
export class ChoicePhases {
  readonly #choice: number;
  readonly #opts: PhaseOptions;
  readonly #policy: NonNullable<PhaseOptions['rawReasoning']>;
  #mode: 'start' | 'reasoning' | 'output' | 'ended' = 'start';
  #segment = '';
  #pending = '';
  #rawEndsLine = true;

  constructor(choice: number, opts: PhaseOptions) {
    this.#choice = choice;
    this.#opts = opts;
    this.#policy = opts.rawReasoning ?? 'summarize';
  }

  /** True when `ev` goes out unchanged with nothing before it (the hot path: answer chunks). */
  passesThrough(ev: EngineEvent): boolean {
    return this.#mode === 'output' && (ev.type === 'content' || ev.type === 'tool_call');
  }

  /**
   * True when handling `ev` (or ending the choice, without `ev`) closes a reasoning block, so
   * its final summary is due: a configured summarizer may write it first ({@link writeFinalSummary}).
   */
  closesReasoning(ev?: EngineEvent): boolean {
    return this.#mode === 'reasoning' && (ev === undefined || ev.type === 'content' || ev.type === 'tool_call' || ev.type === 'finish');
  }

  /**
   * Send the events for `ev`, in order; answer events are passed on at once.
   * `final` is the final reasoning summary when one was written ahead; else it is extractive.
   */
  handle(ev: EngineEvent, out: EventSink, final?: string): void {
    if (ev.type === 'reasoning') this.#reasoning(ev, out);
    else if (ev.type === 'content' || ev.type === 'tool_call') {
      if (this.#mode !== 'output') this.#startOutput(out, final);
      out.push(ev);
    } else if (ev.type === 'finish') {
      this.end(out, final);
      out.push(ev);
    } else out.push(ev);
  }

  /** The choice is over: a reasoning block still open gets its final summary. */
  end(out: EventSink, final?: string): void {
    if (this.#mode === 'reasoning') this.#finalSummary(out, final);
    this.#mode = 'ended';
  }

  #reasoning(ev: Extract<EngineEvent, { type: 'reasoning' }>, out: EventSink): void {
    if (this.#mode !== 'reasoning') {
      this.#mode = 'reasoning';
      out.push(marker(this.#choice, 'reasoning_summary'));
    }
    if (this.#policy !== 'summarize') {
      out.push(ev);
      this.#rawEndsLine = ev.text.endsWith('\n');
    }
    if (this.#policy === 'forward') return;
    this.#segment += ev.text;
    this.#pending += ev.text;
    if (this.#pending.length >= (this.#opts.everyChars ?? 600)) this.#progressive(out);
  }

  /** Summarize the complete sentences seen since the last summary in one key sentence. */
  #progressive(out: EventSink): void {
    let cut = 0;
    for (const m of this.#pending.matchAll(SENTENCE_END)) cut = (m.index ?? 0) + m[0].length;
    // Reasoning without sentence ends (formulas, code) must not pile up forever: cut at a space.
    if (cut === 0 && this.#pending.length >= 4 * (this.#opts.everyChars ?? 600)) cut = this.#pending.lastIndexOf(' ') + 1 || this.#pending.length;
    if (cut === 0) return;
    const done = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut);
    const text = extractiveSummary(done, { maxChars: this.#opts.maxChars, maxSentences: 1 });
    if (text) out.push(this.#summary(text));
  }

  #startOutput(out: EventSink, final?: string): void {
    if (this.#mode === 'reasoning') this.#finalSummary(out, final);
    this.#mode = 'output';
    out.push(marker(this.#choice, 'final_output'));
  }

  /** Whether the reasoning block being closed gets a summary at all. */
  #summaryDue(): boolean {
    return this.#policy !== 'forward' && this.#segment.trim() !== '';
  }

  #finalSummary(out: EventSink, final?: string): void {
    const due = this.#summaryDue();
    const segment = this.#segment;
    this.#segment = '';
    this.#pending = '';
    if (!due) return;
    const text = final ?? extractiveSummary(segment, { maxChars: this.#opts.maxChars ?? 240 });
    if (text) out.push(this.#summary(text));
  }

  /**
   * The final summary of the reasoning block being closed, by the configured summarizer within
   * its time budget, else extractive; undefined when none is due. Pass it to handle() or end().
   */
  async writeFinalSummary(): Promise<string | undefined> {
    const summarizer = this.#opts.summarizer;
    if (!summarizer || !this.#summaryDue()) return undefined;
    const maxChars = this.#opts.maxChars ?? 240;
    const text = this.#segment;
    const ctl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, this.#opts.summarizerTimeoutMs ?? 3_000, undefined)));
    try {
      const written = await Promise.race([summarizer(text, ctl.signal).catch(() => undefined), timeout]);
      return written?.trim() ? truncate(written.trim().replace(/\s+/g, ' '), maxChars) : extractiveSummary(text, { maxChars });
    } finally {
      clearTimeout(timer);
      ctl.abort(); // a summarizer that lost the race must stop working
    }
  }

  /** A summary event; its text reads well when concatenated into reasoning_content. */
  #summary(text: string): EngineEvent {
    const lead = this.#policy === 'both' && !this.#rawEndsLine ? '\n' : '';
    this.#rawEndsLine = true;
    return { type: 'phase', choice: this.#choice, phase: 'reasoning_summary', text: `${lead}${text}\n` };
  }
}
