/**
 * The shapes of a reasoning parser: it splits a model's visible text into reasoning and
 * answer pieces, one instance per choice, fed chunk by chunk and closed with `finish()`.
 */

/** One run of text, either reasoning or final answer (content). */
export interface ReasoningPiece {
  kind: 'reasoning' | 'content';
  text: string;
}

/** A streaming splitter with private state; `finish()` flushes text it held back. */
export interface ReasoningParser {
  /** Feed the next chunk of model text; returns the pieces that are already certain, in order. */
  push(text: string): ReasoningPiece[];
  /** The stream ended: release held-back text (an unclosed block stays reasoning). */
  finish(): ReasoningPiece[];
  /** True when every further push returns its text as one content piece (none for ''): callers may skip it. */
  passesThrough?(): boolean;
}

/** Options a configuration may set on any parser; parsers ignore what does not apply. */
export interface ReasoningParserOptions {
  /** Markers that open a reasoning block (any of them). */
  open?: string[];
  /** Markers that close a reasoning block (any of them). */
  close?: string[];
  /** The model's output begins inside reasoning (the chat template already sent the open tag). */
  startsInReasoning?: boolean;
  /** Only the very first non-whitespace text may open reasoning; later markers are plain text. */
  openOnlyAtStart?: boolean;
}

/** Builds a fresh parser (one per choice). */
export type ReasoningParserFactory = (opts?: ReasoningParserOptions) => ReasoningParser;

/** Collects pieces, merging neighbours of the same kind and dropping empty text. */
export class PieceList {
  readonly pieces: ReasoningPiece[] = [];

  /** Append text of `kind`. */
  add(kind: ReasoningPiece['kind'], text: string): void {
    if (text === '') return;
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.kind === kind) last.text += text;
    else this.pieces.push({ kind, text });
  }
}

/** Concatenate pieces into the two strings a non-streaming response needs. */
export function joinPieces(pieces: ReasoningPiece[]): { reasoning: string; content: string } {
  let reasoning = '';
  let content = '';
  for (const p of pieces) {
    if (p.kind === 'reasoning') reasoning += p.text;
    else content += p.text;
  }
  return { reasoning, content };
}

/** A parser that treats everything as the answer (`none`, and `field` where the upstream already split). */
export function passThroughParser(): ReasoningParser {
  return {
    push: (text) => (text === '' ? [] : [{ kind: 'content', text }]),
    finish: () => [],
    passesThrough: () => true,
  };
}
