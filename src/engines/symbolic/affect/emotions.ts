/** Plutchik emotion scores for analysed tokens, with negation ("not happy") and intensifiers ("very scared"). */
import type { Token } from '../lexicon/nlp.js';
import { EMOTIONS, OPPOSITE, emotionsOf, type Emotion } from './emotion-lexicon.js';

/** One emotion's strength in [0, 1) and the words that triggered it (negated ones prefixed "not "). */
export interface EmotionScore {
  score: number;
  words: string[];
}

/** All eight emotions, scored. */
export type EmotionScores = Record<Emotion, EmotionScore>;

const BOOST: Record<string, number> = {
  very: 1.5, really: 1.4, so: 1.4, extremely: 1.8, incredibly: 1.7, totally: 1.5, absolutely: 1.6,
  super: 1.5, truly: 1.4, deeply: 1.5, utterly: 1.7, quite: 1.2,
  slightly: 0.6, somewhat: 0.7, 'a bit': 0.6, little: 0.7, barely: 0.4, kind: 0.7, kinda: 0.7,
};

// a negated emotion leans to its opposite, weakly: "not happy" is sad-ish, "not angry" is not fearful
const NEGATION_CARRY: Partial<Record<Emotion, number>> = { joy: 0.5, trust: 0.4 };
const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'neither', 'nor', 'without', 'hardly']);

/** Scores Plutchik's eight emotions over `tokens`. */
export function scoreEmotions(tokens: Token[]): EmotionScores {
  const raw = Object.fromEntries(EMOTIONS.map((e) => [e, { sum: 0, words: [] as string[] }])) as Record<
    Emotion,
    { sum: number; words: string[] }
  >;
  tokens.forEach((t, i) => {
    const hits = emotionsOf(t.lower).size > 0 ? emotionsOf(t.lower) : emotionsOf(t.lemma);
    if (hits.size === 0) return;
    const boost = intensity(tokens, i);
    const negated = t.negated || precededByNegator(tokens, i);
    for (const [e, w] of hits) {
      if (!negated) {
        raw[e].sum += w * boost;
        raw[e].words.push(t.value);
        continue;
      }
      const carry = NEGATION_CARRY[e];
      if (carry) {
        raw[OPPOSITE[e]].sum += w * boost * carry;
        raw[OPPOSITE[e]].words.push(`not ${t.value}`);
      }
    }
  });
  const out = {} as EmotionScores;
  for (const e of EMOTIONS) {
    // saturating: one strong word ≈ 0.6, three ≈ 0.95
    const score = 1 - Math.exp(-raw[e].sum);
    out[e] = { score: Math.round(score * 1000) / 1000, words: [...new Set(raw[e].words)] };
  }
  return out;
}

function intensity(tokens: Token[], i: number): number {
  let m = 1;
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    const b = BOOST[tokens[j].lower];
    if (b) m *= b;
  }
  // shouting: all-caps words or a trailing "!!" make the feeling stronger
  const t = tokens[i];
  if (t.value.length > 2 && t.value === t.value.toUpperCase() && /[A-Z]/.test(t.value)) m *= 1.3;
  return m;
}

// wink's negation scope covers "I'm not happy"; this also catches "never scared" and "no fear" it may miss
function precededByNegator(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    if (tokens[j].type === 'punctuation') return false;
    if (NEGATORS.has(tokens[j].lemma) || tokens[j].lower === "n't") return true;
  }
  return false;
}
