/**
 * Prints a chat stream to a terminal as it arrives: each phase under its own label and colour
 * (prompt summary, reasoning dim, reasoning summary, answer), tool calls, the proof tree, and with
 * `verbose` the phase transitions and timings on stderr. A plain OpenAI answer prints unlabelled.
 */
import type { Answer } from './answer.js';
import type { ChatStreamEvent, ClientTimings, ProofNode, TextSection } from './events.js';
import type { Style } from './style.js';

/** Where text goes: anything with write(string). */
export interface Sink {
  write(text: string): unknown;
}

/** How much to show. */
export interface RenderOptions {
  /** Print only the answer (no summaries, reasoning, proofs). */
  quiet?: boolean;
  /** Print phase transitions and timings on stderr. */
  verbose?: boolean;
  /** Label the answer even when nothing came before it (a follow-up after tool results). */
  labelAnswer?: boolean;
}

type Block = TextSection | 'tool';

/** Renders one answer's events; create one per answer. */
export class TerminalRenderer {
  readonly #out: Sink;
  readonly #err: Sink;
  readonly #style: Style;
  readonly #opts: RenderOptions;
  #block: Block | undefined;
  #printed = false;
  #atLineStart = true;

  constructor(out: Sink, err: Sink, style: Style, opts: RenderOptions = {}) {
    this.#out = out;
    this.#err = err;
    this.#style = style;
    this.#opts = opts;
    this.#printed = opts.labelAnswer === true;
  }

  /** Show one event. */
  handle(event: ChatStreamEvent): void {
    const s = this.#style;
    switch (event.type) {
      case 'first_byte':
        return this.#note(`first byte after ${fmtMs(event.ms)}`);
      case 'phase':
        return this.#note(`phase → ${event.phase} at ${fmtMs(event.ms)}`);
      case 'text': {
        if (this.#opts.quiet && event.section !== 'content') return;
        // Summaries may start with a separator newline; a label is already a line start.
        const text = event.section === this.#block ? event.text : event.text.replace(/^\s*\n/, '');
        if (text === '') return;
        this.#enter(event.section);
        return this.#write(s.section(event.section, text));
      }
      case 'tool_call':
        if (event.name !== undefined) {
          this.#block = undefined;
          this.#enter('tool');
          this.#write(s.section('tool', `${event.name} `));
        }
        return this.#write(s.section('tool', event.argumentsDelta));
      case 'proof':
        return this.#opts.quiet ? undefined : this.#proof(event.proof);
      case 'error':
        this.#newline();
        this.#err.write(s.error(`error: ${event.message}${event.status ? ` (HTTP ${event.status})` : ''}`) + '\n');
        return;
      default:
        return;
    }
  }

  /** Close the answer: a final newline, "cancelled", and with `verbose` the timings. */
  end(answer: Answer): void {
    if (answer.aborted) {
      this.#newline();
      this.#out.write(this.#style.dim('[cancelled]') + '\n');
    }
    this.#newline();
    if (answer.finishReason === 'length') this.#err.write(this.#style.dim('(stopped at max tokens)') + '\n');
    if (this.#opts.verbose && answer.timings) this.#note(timingLine(answer.timings, answer.usage?.completionTokens));
  }

  #enter(block: Block): void {
    if (block === this.#block) return;
    this.#newline();
    // A server without phases or reasoning gets its answer printed as is, with no label.
    const bare = block === 'content' && !this.#printed;
    if (!bare) this.#out.write(this.#style.label(block));
    this.#block = block;
    this.#printed = true;
  }

  #write(text: string): void {
    if (text === '') return;
    this.#out.write(text);
    this.#atLineStart = text.endsWith('\n');
  }

  #newline(): void {
    if (!this.#atLineStart) this.#out.write('\n');
    this.#atLineStart = true;
  }

  #note(text: string): void {
    if (!this.#opts.verbose) return;
    this.#newline();
    this.#block = undefined;
    this.#err.write(this.#style.dim(`· ${text}`) + '\n');
  }

  #proof(forest: ProofNode[]): void {
    this.#newline();
    this.#out.write(this.#style.label('proof').trimEnd() + '\n');
    const lines: string[] = [];
    const walk = (nodes: ProofNode[], indent: string): void => {
      nodes.forEach((node, i) => {
        const last = i === nodes.length - 1;
        const detail = node.detail ? ` — ${node.detail}` : '';
        lines.push(`${indent}${last ? '└─ ' : '├─ '}${node.label}${detail}`);
        walk(node.children ?? [], indent + (last ? '   ' : '│  '));
      });
    };
    walk(forest, '  ');
    this.#out.write(this.#style.section('proof', lines.join('\n')) + '\n');
    this.#block = undefined;
  }
}

/** "ttfb 12 ms · ttft 40 ms · 52.1 tok/s · total 700 ms" */
export function timingLine(t: ClientTimings, completionTokens?: number): string {
  const parts: string[] = [];
  if (t.ttfbMs !== undefined) parts.push(`ttfb ${fmtMs(t.ttfbMs)}`);
  if (t.ttftMs !== undefined) parts.push(`ttft ${fmtMs(t.ttftMs)}`);
  if (t.tokensPerSecond !== undefined) parts.push(`${t.tokensEstimated ? '~' : ''}${t.tokensPerSecond} tok/s`);
  if (completionTokens) parts.push(`${completionTokens} tokens`);
  parts.push(`total ${fmtMs(t.totalMs)}`);
  return parts.join(' · ');
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
