/** Noun-phrase chunks from POS tags: the object phrases of "I prefer X", entity labels in questions. */
import type { Token } from './nlp.js';

/** A contiguous noun phrase: its text, its head lemma and token span [start, end) . */
export interface Chunk {
  text: string;
  head: string;
  start: number;
  end: number;
}

const MODIFIER = new Set(['ADJ', 'NUM', 'NOUN', 'PROPN']);
const HEAD = new Set(['NOUN', 'PROPN', 'NUM']);

/**
 * Noun chunks in `tokens[from, to)`: optional determiner dropped, then modifiers and a noun head,
 * joined through "of"/"and" compounds only when `compound` is set (e.g. "salt and pepper").
 */
export function nounChunks(tokens: Token[], from = 0, to = tokens.length, compound = false): Chunk[] {
  const out: Chunk[] = [];
  let i = from;
  while (i < to) {
    if (!isModifier(tokens, i, to) && !(tokens[i].pos === 'VERB' && tokens[i].lower.endsWith('ing'))) {
      i++;
      continue;
    }
    let j = i;
    let lastHead = -1;
    while (j < to && (isModifier(tokens, j, to) || isGerund(tokens, j, to))) {
      if (HEAD.has(tokens[j].pos) || isGerund(tokens, j, to)) lastHead = j;
      j++;
      if (compound && j + 1 < to && ['and', 'of'].includes(tokens[j].lower) && MODIFIER.has(tokens[j + 1].pos)) j++;
    }
    if (lastHead >= 0) out.push(makeChunk(tokens, i, lastHead + 1));
    i = Math.max(j, i + 1);
  }
  return out;
}

// wink often tags an adjective right after a determiner as ADV ("the quick/ADV brown fox")
function isModifier(tokens: Token[], j: number, to: number): boolean {
  if (MODIFIER.has(tokens[j].pos)) return true;
  return (
    tokens[j].pos === 'ADV' && j > 0 && tokens[j - 1].pos === 'DET' && j + 1 < to && MODIFIER.has(tokens[j + 1].pos)
  );
}

// "I hate waiting" / "I love hiking": a gerund stands as the object noun
function isGerund(tokens: Token[], j: number, to: number): boolean {
  const t = tokens[j];
  return t.pos === 'VERB' && t.lower.endsWith('ing') && (j + 1 >= to || tokens[j + 1].pos !== 'DET');
}

function makeChunk(tokens: Token[], start: number, end: number): Chunk {
  const span = tokens.slice(start, end);
  const text = span.map((t) => t.value).join(' ').replace(/ (['’]s)\b/g, '$1');
  return { text, head: span[span.length - 1].lemma, start, end };
}

/** The text of tokens[from, to), trimmed of leading determiners and trailing punctuation. */
export function phraseText(tokens: Token[], from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && (tokens[a].pos === 'DET' || tokens[a].pos === 'PUNCT')) a++;
  while (b > a && (tokens[b - 1].pos === 'PUNCT' || tokens[b - 1].type === 'emoji')) b--;
  return tokens.slice(a, b).map((t) => t.value).join(' ').replace(/ (['’]s)\b/g, '$1');
}
