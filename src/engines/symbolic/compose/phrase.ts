/**
 * Phrasing: each sentence has equivalent wordings. Temperature 0 (or unset) gives the canonical
 * one; above 0 wordings are sampled from softmax(-rank / temperature), reproducibly for a seed.
 * The choice probabilities are the engine's real logprobs.
 */
import type { TokenLogprob } from '../../../core/types.js';
import type { Sentence } from '../answer/types.js';

/** One chosen wording with the probability it had. */
export interface Phrase {
  text: string;
  logprob: number;
  /** The other wordings' first words with their logprobs (for top_logprobs). */
  alternatives: Array<{ token: string; logprob: number }>;
}

function softmax(n: number, temperature: number): number[] {
  const logits = Array.from({ length: n }, (_, i) => -i / temperature);
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Choose one wording per sentence; sentences are separated by a space unless they bring their own. */
export function choosePhrases(sentences: Sentence[], temperature: number | undefined, random: () => number): Phrase[] {
  const phrases = sentences.map((options) => {
    if (options.length <= 1 || !temperature) {
      const alternatives = options.slice(1).map((o) => ({ token: firstWord(o), logprob: -Infinity }));
      return { text: options[0] ?? '', logprob: 0, alternatives };
    }
    const probs = softmax(options.length, temperature);
    let r = random();
    let pick = options.length - 1;
    for (let i = 0; i < probs.length; i++) {
      if ((r -= probs[i]) < 0) { pick = i; break; }
    }
    const alternatives = options.map((o, i) => ({ token: firstWord(o), logprob: Math.log(probs[i]) })).filter((_, i) => i !== pick);
    return { text: options[pick], logprob: Math.log(probs[pick]), alternatives };
  });
  for (let i = 1; i < phrases.length; i++) {
    if (!/^\s/.test(phrases[i].text) && !/\s$/.test(phrases[i - 1].text)) phrases[i].text = ' ' + phrases[i].text;
  }
  return phrases;
}

function firstWord(s: string): string {
  return /^\s*\S+/.exec(s)?.[0] ?? s;
}

/**
 * Split phrases into streamable tokens (words with their leading space) with logprobs:
 * the first token of a sampled sentence carries the sentence's logprob, the rest are certain.
 */
export function phraseTokens(phrases: Phrase[], topLogprobs: number): Array<{ text: string; logprob: TokenLogprob }> {
  const out: Array<{ text: string; logprob: TokenLogprob }> = [];
  for (const p of phrases) {
    const words = p.text.match(/\s*\S+|\s+$/g) ?? [];
    words.forEach((w, i) => {
      const logprob = i === 0 ? p.logprob : 0;
      const top = [{ token: w, logprob, bytes: bytes(w) }];
      if (i === 0) for (const a of p.alternatives.slice(0, Math.max(0, topLogprobs - 1))) {
        if (Number.isFinite(a.logprob)) top.push({ token: a.token, logprob: a.logprob, bytes: bytes(a.token) });
      }
      out.push({ text: w, logprob: { token: w, logprob, bytes: bytes(w), topLogprobs: top.slice(0, topLogprobs) } });
    });
  }
  return out;
}

function bytes(s: string): number[] {
  return [...Buffer.from(s, 'utf8')];
}

/** The canonical (temperature 0) text of an answer's sentences. */
export function canonicalText(sentences: Sentence[]): string {
  return choosePhrases(sentences, 0, Math.random).map((p) => p.text).join('');
}
