/** One lazily created wink-nlp pipeline shared by the symbolic engine: tokens, lemmas, POS, entities. */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A token of analysed text. */
export interface Token {
  /** Position in the token list. */
  index: number;
  /** The text as written. */
  value: string;
  /** Lowercased value. */
  lower: string;
  /** Lowercased lemma ("mice" → "mouse", "n't" → "not"). */
  lemma: string;
  /** Universal POS tag: NOUN, VERB, ADJ, PROPN, PRON, AUX, DET, ADP, NUM, PUNCT, SYM, … */
  pos: string;
  /** wink token type: word, number, punctuation, emoji, emoticon, url, email, hashtag, … */
  type: string;
  /** Inside the scope of a preceding negation ("not [happy with it]"). */
  negated: boolean;
  /** A stop word per wink's list. */
  stop: boolean;
}

/** A named entity, with its token span [start, end] inclusive. */
export interface Entity {
  value: string;
  type: string;
  start: number;
  end: number;
}

/** Tokens, entities and sentence texts of one text. */
export interface Analysis {
  tokens: Token[];
  entities: Entity[];
  sentences: string[];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlpInstance: Nlp | undefined;

// loading the model costs ~100 ms: only pay it when text is first analysed
function nlp(): Nlp {
  nlpInstance ??= winkNLP(model, ['sbd', 'negation', 'pos', 'ner']);
  return nlpInstance;
}

/** Analyse `text` (any length or script; never throws on odd input). */
export function analyze(text: string): Analysis {
  const src = typeof text === 'string' ? text : String(text ?? '');
  if (src.trim() === '') return { tokens: [], entities: [], sentences: [] };
  const n = nlp();
  const its = n.its;
  const doc = n.readDoc(src);
  const t = doc.tokens();
  // wink's typings disagree with some of its own `its` helpers: read every column through one loose signature
  const col = t.out.bind(t) as unknown as (f: unknown) => unknown[];
  const values = col(its.value) as string[];
  const lemmas = col(its.lemma) as string[];
  const pos = col(its.pos) as string[];
  const types = col(its.type) as string[];
  const neg = col(its.negationFlag) as boolean[];
  const stop = col(its.stopWordFlag) as boolean[];
  const tokens: Token[] = [];
  values.forEach((value, i) => {
    const base = {
      index: tokens.length, value, lower: value.toLowerCase(), lemma: (lemmas[i] ?? value).toLowerCase(),
      pos: pos[i] ?? 'X', type: types[i] ?? 'word', negated: Boolean(neg[i]), stop: Boolean(stop[i]),
    };
    // wink adds every string it has seen to its lexicon and then stops splitting it, so "doctor's" is two
    // tokens in a fresh process and one later: split possessives ourselves to keep results history-free
    const m = base.type === 'word' && value.length > 2 ? /^(.+)(['’]s)$/i.exec(value) : null;
    if (!m) return void tokens.push(base);
    tokens.push({ ...base, value: m[1], lower: m[1].toLowerCase(), lemma: m[1].toLowerCase() });
    tokens.push({ ...base, index: tokens.length, value: m[2], lower: m[2].toLowerCase(), lemma: m[2].toLowerCase(), pos: 'PART', stop: true });
  });
  const details = doc.entities().out(its.detail) as unknown as Array<{ value: string; type: string }>;
  const spans = doc.entities().out(its.span) as unknown as Array<[number, number]>;
  const entities = details.map((d, i) => ({ value: d.value, type: d.type, start: spans[i][0], end: spans[i][1] }));
  const sentences = doc.sentences().out() as string[];
  return { tokens, entities, sentences };
}

/** The token values of `text`. */
export function tokenize(text: string): string[] {
  return analyze(text).tokens.map((t) => t.value);
}

/** The lowercased lemmas of `text`'s tokens. */
export function lemmatize(text: string): string[] {
  return analyze(text).tokens.map((t) => t.lemma);
}

/** The lemma of a single word as wink-nlp sees it out of context. */
export function lemmaOf(word: string): string {
  const toks = analyze(word).tokens;
  return toks.length === 1 ? toks[0].lemma : word.toLowerCase();
}
