/** Stated preferences ("I prefer X over Y", "I hate Y", "I need Z", "I'd rather X") as structured objects. */
import type { Token } from '../lexicon/nlp.js';
import { nounChunks, phraseText } from '../lexicon/chunks.js';

/** One stated preference: what the user likes, dislikes or needs, and the words that said so. */
export interface Preference {
  polarity: 'like' | 'dislike' | 'need';
  object: string;
  /** The clause the preference was read from. */
  text: string;
  confidence: number;
}

const LIKE = new Set(['like', 'love', 'enjoy', 'adore', 'prefer', 'favor', 'favour', 'appreciate', 'fancy']);
const DISLIKE = new Set(['hate', 'dislike', 'detest', 'loathe', 'despise', 'abhor']);
const NEED = new Set(['need', 'want', 'require', 'wish']);
// words that may sit between "I" and the verb: auxiliaries, modals, adverbs, negation
const BETWEEN = new Set(['do', 'does', 'did', "'d", 'would', 'really', 'also', 'just', 'still', 'absolutely',
  'definitely', 'totally', 'truly', 'much', 'so', 'kinda', 'actually', 'genuinely', 'always', 'not', "n't",
  'ca', 'can', 'cannot', 'could', 'honestly', 'simply', 'generally', 'usually', 'very']);
const STRONG = new Set(['really', 'absolutely', 'definitely', 'totally', 'truly', 'so', 'genuinely', 'honestly']);
const BOUNDARY = new Set(['but', 'because', 'since', 'when', 'while', 'if', 'though', 'although', 'unless', 'whereas']);
const CONTRAST = new Set(['over', 'than', 'instead', 'versus', 'vs', 'vs.']);

/** Preferences stated in `tokens` (one analysed text). */
export function extractPreferences(tokens: Token[]): Preference[] {
  const out: Preference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isSubject(tokens[i])) continue;
    let v = i + 1;
    let negated = false;
    let strong = false;
    while (v < tokens.length && BETWEEN.has(tokens[v].lower) && !isVerbHere(tokens, v)) {
      if (tokens[v].lower === 'not' || tokens[v].lower === "n't" || tokens[v].lower === 'cannot') negated = true;
      if (STRONG.has(tokens[v].lower)) strong = true;
      v++;
    }
    const p = readVerb(tokens, i, v, negated, strong);
    if (p) out.push(...p);
  }
  return [...out, ...favourites(tokens)];
}

// wink keeps some contractions whole ("I'm" is one PROPN token)
function isSubject(t: Token): boolean {
  return t.lower === 'i' || t.lower === 'we' || /^(i|we)['’](m|d|ve|re)$/.test(t.lower);
}

// "X is my favorite (language)" and "I'm a big fan of X": likes stated without a liking verb
function favourites(tokens: Token[]): Preference[] {
  const out: Preference[] = [];
  tokens.forEach((t, i) => {
    if ((t.lower === 'favorite' || t.lower === 'favourite') && tokens[i - 1]?.lower === 'my' && tokens[i - 2]?.lemma === 'be') {
      const chunk = nounChunks(tokens, 0, i - 2).at(-1);
      if (chunk && chunk.end === i - 2) {
        out.push({ polarity: 'like', object: chunk.text, text: phraseText(tokens, chunk.start, i + 2), confidence: 0.9 });
      }
    }
    if (t.lower === 'fan' && tokens[i + 1]?.lower === 'of' && tokens.slice(Math.max(0, i - 4), i).some(isSubject)) {
      const subj = tokens.slice(0, i).findLastIndex(isSubject);
      out.push(...objectsAfter(tokens, subj, i + 1, 'like', 0.85, false));
    }
  });
  return out;
}

// "would" and "'d" are skipped only when a verb or "rather" follows; "do" may be the main verb
function isVerbHere(tokens: Token[], v: number): boolean {
  return tokens[v].lower === 'do' && (v + 1 >= tokens.length || tokens[v + 1].pos !== 'VERB') && tokens[v + 1]?.lower !== "n't" && tokens[v + 1]?.lower !== 'not';
}

function readVerb(tokens: Token[], subj: number, v: number, negated: boolean, strong: boolean): Preference[] | undefined {
  const verb = tokens[v];
  if (!verb) return undefined;
  const modal = tokens.slice(subj, v).some((t) => t.lower === 'would' || /['’]d$/.test(t.lower));
  const conf = strong ? 0.95 : 0.85;
  let polarity: Preference['polarity'] | undefined;
  if (verb.lower === 'rather') polarity = 'like';
  else if (verb.lemma === 'stand' && negated) return objectsAfter(tokens, subj, v, 'dislike', conf, false);
  else if (LIKE.has(verb.lemma)) polarity = modal && verb.lemma === 'like' ? 'need' : 'like';
  else if (DISLIKE.has(verb.lemma)) polarity = 'dislike';
  else if (NEED.has(verb.lemma)) polarity = 'need';
  if (!polarity) return undefined;
  if (negated) {
    // "don't like/want X" is a dislike; "don't hate X" or "don't need X" states no preference
    if (polarity === 'dislike' || (polarity === 'need' && verb.lemma !== 'want')) return undefined;
    polarity = 'dislike';
  }
  const contrast = verb.lemma === 'prefer' || verb.lower === 'rather';
  // "I prefer not to X" / "I'd rather not X": the negation after the verb turns it into a dislike
  if (tokens[v + 1]?.lower === 'not' && (contrast || polarity === 'like')) {
    return objectsAfter(tokens, subj, v + 1, 'dislike', conf - 0.1, false);
  }
  return objectsAfter(tokens, subj, v, polarity, negated ? conf - 0.1 : conf, contrast);
}

function objectsAfter(tokens: Token[], subj: number, v: number, polarity: Preference['polarity'], confidence: number, contrast: boolean): Preference[] {
  let a = v + 1;
  if (tokens[a]?.lower === 'to' && tokens[a + 1]?.pos === 'VERB') a++;
  let b = a;
  while (b < tokens.length && !isBoundary(tokens, b, contrast)) b++;
  const text = phraseText(tokens, subj, b);
  const out: Preference[] = conjuncts(tokens, a, b).map((object) => ({ polarity, object, text, confidence }));
  if (out.length === 0) return [];
  if (contrast && b < tokens.length && (CONTRAST.has(tokens[b].lower) || tokens[b].lower === 'to')) {
    let c = b + 1;
    if (tokens[c]?.lower === 'of') c++;
    let d = c;
    while (d < tokens.length && !isBoundary(tokens, d, false)) d++;
    const other = objectText(tokens, c, d);
    if (other) out.push({ polarity: 'dislike', object: other, text: phraseText(tokens, subj, d), confidence: confidence - 0.25 });
  }
  return out;
}

function isBoundary(tokens: Token[], i: number, contrast: boolean): boolean {
  const t = tokens[i];
  if (t.type === 'punctuation' && t.value !== '-' && t.value !== '/') return true;
  if (BOUNDARY.has(t.lower)) return true;
  if (t.lower === 'and' && (tokens[i + 1]?.pos === 'PRON' || tokens[i + 1]?.lower === 'i')) return true;
  if (contrast && (CONTRAST.has(t.lower) || (t.lower === 'to' && i > 0 && tokens[i - 1].pos !== 'VERB'))) return true;
  return false;
}

// "Go and Rust" / "tea or juice" are several objects; each gets its own preference (commas end the object)
function conjuncts(tokens: Token[], a: number, b: number): string[] {
  const out: string[] = [];
  let start = a;
  for (let i = a; i <= b; i++) {
    if (i < b && !['and', 'or', ','].includes(tokens[i].lower)) continue;
    const piece = objectText(tokens, start, i);
    if (piece) out.push(piece);
    start = i + 1;
  }
  return out;
}

// the phrase itself when short; the first noun chunk of a long rambling object
function objectText(tokens: Token[], a: number, b: number): string {
  if (b <= a) return '';
  if (b - a > 8) {
    const chunk = nounChunks(tokens, a, b)[0];
    if (chunk) return chunk.text;
  }
  return phraseText(tokens, a, b);
}
