/**
 * Generated tokens → text pieces that are safe to send: multi-byte characters split across
 * tokens are held until complete, text that might be the start of a stop sequence is held until
 * it is decided, and (for grammars that ask) trailing whitespace is held and finally dropped.
 */
import type { LlamaModel, Token } from 'node-llama-cpp';

/** Incremental detokenizer that never emits half a UTF-8 character. */
export class Detokenizer {
  readonly #model: LlamaModel;
  #context: Token[];
  #pending: Token[] = [];

  /** `context` is the prompt tail, so the first token's leading space is rendered right. */
  constructor(model: LlamaModel, context: readonly Token[]) {
    this.#model = model;
    this.#context = context.slice(-8);
  }

  /** Add one token; returns the text it completes (may be empty). */
  push(token: Token): string {
    this.#pending.push(token);
    const text = this.#model.detokenize(this.#pending, false, this.#context);
    // up to 4 tokens may spell one UTF-8 character byte by byte
    if (text.endsWith('\uFFFD') && this.#pending.length < 4) return '';
    this.#context = [...this.#context, ...this.#pending].slice(-8);
    this.#pending = [];
    return text;
  }
}

/** Result of feeding text to a StopMatcher. */
export interface StopStep {
  /** Text that can be sent now. */
  emit: string;
  /** True when a stop sequence was found; `emit` ends right before it. */
  stopped: boolean;
}

/** Finds stop sequences across piece boundaries. */
export class StopMatcher {
  readonly #stops: string[];
  readonly #trimTail: boolean;
  #held = '';

  constructor(stops: readonly string[], trimTrailingWhitespace = false) {
    this.#stops = stops.filter((s) => s.length > 0);
    this.#trimTail = trimTrailingWhitespace;
  }

  /** Feed generated text. */
  push(text: string): StopStep {
    const buf = this.#held + text;
    let cut = -1;
    for (const stop of this.#stops) {
      const at = buf.indexOf(stop);
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
    if (cut >= 0) {
      this.#held = '';
      const emit = buf.slice(0, cut);
      return { emit: this.#trimTail ? emit.trimEnd() : emit, stopped: true };
    }
    const keep = Math.max(this.#partialStopLength(buf), this.#trimTail ? buf.length - buf.trimEnd().length : 0);
    this.#held = buf.slice(buf.length - keep);
    return { emit: buf.slice(0, buf.length - keep), stopped: false };
  }

  /** Text still held at the end of generation. */
  flush(): string {
    const rest = this.#trimTail ? this.#held.trimEnd() : this.#held;
    this.#held = '';
    return rest;
  }

  // the longest suffix of buf that is a proper prefix of some stop sequence
  #partialStopLength(buf: string): number {
    let best = 0;
    for (const stop of this.#stops) {
      for (let n = Math.min(stop.length - 1, buf.length); n > best; n--) {
        if (buf.endsWith(stop.slice(0, n))) { best = n; break; }
      }
    }
    return best;
  }
}
