/**
 * The shared template for marker-delimited reasoning (STYLE.md §3): `<think>…</think>`,
 * `<reasoning>…</reasoning>`, `[THINK]…[/THINK]` and the natural-language markers are all
 * this one state machine with different markers. Streaming-safe: a marker split across
 * chunks at any character is held back until it is proven to be (or not be) a marker.
 */
import { PieceList, type ReasoningParser, type ReasoningPiece, type ReasoningParserOptions } from './parser.js';

/** Everything the template needs to know about one marker style. */
export interface MarkerConfig extends ReasoningParserOptions {
  open: string[];
  close: string[];
  /** The open marker is part of the reasoning text ("Let me think…") instead of being dropped. */
  keepOpen?: boolean;
  /** The close marker is part of the answer ("The answer is 4.") instead of being dropped. */
  keepClose?: boolean;
}

/** Earliest occurrence of any marker; on a tie the longest marker wins. */
function findMarker(buf: string, markers: string[]): { index: number; marker: string } | undefined {
  let best: { index: number; marker: string } | undefined;
  for (const marker of markers) {
    const index = buf.indexOf(marker);
    if (index < 0) continue;
    if (!best || index < best.index || (index === best.index && marker.length > best.marker.length)) best = { index, marker };
  }
  return best;
}

/** Length of the longest tail of `buf` that could still grow into one of `markers`. */
function partialTail(buf: string, markers: string[]): number {
  let keep = 0;
  for (const marker of markers) {
    for (let k = Math.min(marker.length - 1, buf.length); k > keep; k--) {
      if (buf.endsWith(marker.slice(0, k))) {
        keep = k;
        break;
      }
    }
  }
  return keep;
}

/** A marker-delimited reasoning parser; build one per choice. */
export class MarkerParser implements ReasoningParser {
  readonly #cfg: MarkerConfig;
  #mode: 'content' | 'reasoning';
  #held = '';
  // Whitespace right after a marker is formatting ("</think>\n\n"), not text: skip it.
  #skipSpace: boolean;
  // Still before the first non-whitespace character of the output.
  #atStart = true;

  constructor(cfg: MarkerConfig) {
    this.#cfg = cfg;
    this.#mode = cfg.startsInReasoning ? 'reasoning' : 'content';
    this.#skipSpace = Boolean(cfg.startsInReasoning);
  }

  push(text: string): ReasoningPiece[] {
    const out = new PieceList();
    let buf = this.#held + text;
    this.#held = '';
    while (buf !== '') {
      if (this.#skipSpace) {
        buf = buf.trimStart();
        if (buf === '') break;
        this.#skipSpace = false;
      }
      buf = this.#mode === 'reasoning' ? this.#inReasoning(buf, out) : this.#inContent(buf, out);
    }
    return out.pieces;
  }

  /** Past the start of an answer that can no longer open reasoning, with nothing held back. */
  passesThrough(): boolean {
    return this.#mode === 'content' && this.#cfg.openOnlyAtStart === true && !this.#atStart && this.#held === '' && !this.#skipSpace;
  }

  finish(): ReasoningPiece[] {
    const out = new PieceList();
    out.add(this.#mode, this.#held);
    this.#held = '';
    return out.pieces;
  }

  /** Consume `buf` while reasoning; returns what is left to parse in the new mode. */
  #inReasoning(buf: string, out: PieceList): string {
    if (this.#atStart) {
      // A template that already sent the open tag may still see the model repeat it: drop it.
      // '' when held back, the text after a stripped marker (so skipSpace applies), or buf itself.
      const lead = this.#leadingOpen(buf);
      if (lead !== buf) return lead;
    }
    const hit = findMarker(buf, this.#cfg.close);
    if (hit) {
      out.add('reasoning', buf.slice(0, hit.index));
      this.#mode = 'content';
      if (this.#cfg.keepClose) return buf.slice(hit.index);
      this.#skipSpace = true;
      return buf.slice(hit.index + hit.marker.length);
    }
    const keep = partialTail(buf, this.#cfg.close);
    out.add('reasoning', buf.slice(0, buf.length - keep));
    this.#held = buf.slice(buf.length - keep);
    return '';
  }

  /** At the start of a stream that begins in reasoning: strip a repeated open marker, or hold a possible one. */
  #leadingOpen(buf: string): string {
    const marker = this.#cfg.open.find((m) => buf.startsWith(m));
    if (marker) {
      this.#atStart = false;
      this.#skipSpace = true;
      return this.#cfg.keepOpen ? buf : buf.slice(marker.length);
    }
    if (this.#cfg.open.some((m) => m.startsWith(buf))) {
      this.#held = buf;
      return '';
    }
    this.#atStart = false;
    return buf;
  }

  /** Consume `buf` while in the answer; returns what is left to parse in the new mode. */
  #inContent(buf: string, out: PieceList): string {
    if (this.#cfg.openOnlyAtStart) return this.#contentOpenAtStart(buf, out);
    const hit = findMarker(buf, this.#cfg.open);
    if (hit) {
      out.add('content', buf.slice(0, hit.index));
      return this.#enterReasoning(buf.slice(hit.index), hit.marker);
    }
    const keep = partialTail(buf, this.#cfg.open);
    out.add('content', buf.slice(0, buf.length - keep));
    this.#held = buf.slice(buf.length - keep);
    return '';
  }

  /** Only the first non-whitespace text may open reasoning; hold just long enough to know. */
  #contentOpenAtStart(buf: string, out: PieceList): string {
    if (!this.#atStart) {
      out.add('content', buf);
      return '';
    }
    const trimmed = buf.trimStart();
    const marker = this.#cfg.open.find((m) => trimmed.startsWith(m));
    if (marker) return this.#enterReasoning(trimmed, marker);
    if (trimmed === '' || this.#cfg.open.some((m) => m.startsWith(trimmed))) {
      this.#held = buf;
      return '';
    }
    this.#atStart = false;
    out.add('content', buf);
    return '';
  }

  /** `buf` starts with the open `marker`. */
  #enterReasoning(buf: string, marker: string): string {
    this.#mode = 'reasoning';
    this.#atStart = false;
    if (this.#cfg.keepOpen) return buf;
    this.#skipSpace = true;
    return buf.slice(marker.length);
  }
}
