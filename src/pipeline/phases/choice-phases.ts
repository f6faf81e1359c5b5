/**
 * The phase state of one choice: which phase it is in, the reasoning seen since the last
 * summary, and the policy for raw reasoning. Private to the phases stage (STYLE.md §4).
 */
import type { EngineEvent, Phase } from '../../core/types.js';
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

  /** The events to send for `ev`, in order; answer events are passed on at once. */
  async *handle(ev: EngineEvent): AsyncGenerator<EngineEvent> {
    if (ev.type === 'reasoning') yield* this.#reasoning(ev);
    else if (ev.type === 'content' || ev.type === 'tool_call') {
      if (this.#mode !== 'output') yield* this.#startOutput();
      yield ev;
    } else if (ev.type === 'finish') {
      yield* this.end();
      yield ev;
    } else yield ev;
  }

  /** The choice is over: a reasoning block still open gets its final summary. */
  async *end(): AsyncGenerator<EngineEvent> {
    if (this.#mode === 'reasoning') yield* this.#finalSummary();
    this.#mode = 'ended';
  }

  *#reasoning(ev: Extract<EngineEvent, { type: 'reasoning' }>): Generator<EngineEvent> {
    if (this.#mode !== 'reasoning') {
      this.#mode = 'reasoning';
      yield marker(this.#choice, 'reasoning_summary');
    }
    if (this.#policy !== 'summarize') {
      yield ev;
      this.#rawEndsLine = ev.text.endsWith('\n');
    }
    if (this.#policy === 'forward') return;
    this.#segment += ev.text;
    this.#pending += ev.text;
    if (this.#pending.length >= (this.#opts.everyChars ?? 600)) yield* this.#progressive();
  }

  /** Summarize the complete sentences seen since the last summary in one key sentence. */
  *#progressive(): Generator<EngineEvent> {
    let cut = 0;
    for (const m of this.#pending.matchAll(SENTENCE_END)) cut = (m.index ?? 0) + m[0].length;
    // Reasoning without sentence ends (formulas, code) must not pile up forever: cut at a space.
    if (cut === 0 && this.#pending.length >= 4 * (this.#opts.everyChars ?? 600)) cut = this.#pending.lastIndexOf(' ') + 1 || this.#pending.length;
    if (cut === 0) return;
    const done = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut);
    const text = extractiveSummary(done, { maxChars: this.#opts.maxChars, maxSentences: 1 });
    if (text) yield this.#summary(text);
  }

  async *#startOutput(): AsyncGenerator<EngineEvent> {
    if (this.#mode === 'reasoning') yield* this.#finalSummary();
    this.#mode = 'output';
    yield marker(this.#choice, 'final_output');
  }

  async *#finalSummary(): AsyncGenerator<EngineEvent> {
    const segment = this.#segment;
    this.#segment = '';
    this.#pending = '';
    if (this.#policy === 'forward' || segment.trim() === '') return;
    const text = await this.#summarize(segment);
    if (text) yield this.#summary(text);
  }

  /** The configured summarizer within its time budget, else the extractive summary. */
  async #summarize(text: string): Promise<string> {
    const maxChars = this.#opts.maxChars ?? 240;
    const extractive = () => extractiveSummary(text, { maxChars });
    const summarizer = this.#opts.summarizer;
    if (!summarizer) return extractive();
    const ctl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, this.#opts.summarizerTimeoutMs ?? 3_000, undefined)));
    try {
      const written = await Promise.race([summarizer(text, ctl.signal).catch(() => undefined), timeout]);
      return written?.trim() ? truncate(written.trim().replace(/\s+/g, ' '), maxChars) : extractive();
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
