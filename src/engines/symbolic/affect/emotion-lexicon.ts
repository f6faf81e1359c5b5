/** A word → Plutchik emotion map grown from WordNet's feeling hierarchy plus a small hand seed list. */
import { wordnet } from '../lexicon/wordnet/default.js';
import type { Synset } from '../lexicon/wordnet/data-file.js';

/** Plutchik's eight basic emotions. */
export const EMOTIONS = ['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation'] as const;

/** One of Plutchik's eight. */
export type Emotion = (typeof EMOTIONS)[number];

/** Plutchik's opposite pairs: what a negated emotion word leans towards. */
export const OPPOSITE: Record<Emotion, Emotion> = {
  joy: 'sadness', sadness: 'joy', trust: 'disgust', disgust: 'trust',
  fear: 'anger', anger: 'fear', surprise: 'anticipation', anticipation: 'surprise',
};

// WordNet nouns whose emotional senses (and their hyponyms) root each emotion
const WORDNET_SEEDS: Record<Emotion, string[]> = {
  joy: ['joy', 'happiness', 'gladness', 'elation', 'contentment', 'love', 'pleasure'],
  trust: ['trust', 'confidence', 'faith', 'admiration', 'acceptance'],
  fear: ['fear', 'anxiety', 'panic', 'terror', 'apprehension', 'worry'],
  surprise: ['surprise', 'astonishment', 'amazement', 'wonder'],
  sadness: ['sadness', 'sorrow', 'grief', 'melancholy', 'despair', 'disappointment', 'loneliness'],
  disgust: ['disgust', 'revulsion', 'repugnance', 'contempt', 'loathing'],
  anger: ['anger', 'rage', 'fury', 'annoyance', 'frustration', 'resentment', 'hate'],
  anticipation: ['anticipation', 'expectation', 'hope', 'eagerness', 'interest', 'curiosity'],
};

// everyday words WordNet's feeling nouns miss or rank under other senses
const HAND_SEEDS: Record<Emotion, string> =
  {
    joy: 'happy glad great awesome wonderful delighted love lovely enjoy fun excellent fantastic thanks thank cheerful pleased yay nice perfect',
    trust: 'trust reliable dependable rely count safe sure honest faithful believe loyal',
    fear: 'afraid scared worried nervous anxious terrified frightened scary risky dread panic uneasy',
    surprise: 'surprised wow unexpected suddenly shocked astonished amazed whoa unbelievable',
    sadness: 'sad unhappy depressed miserable sorry lonely heartbroken disappointed upset cry gloomy',
    disgust: 'disgusting gross nasty revolting yuck awful vile sick repulsive horrible',
    anger: 'angry mad furious annoyed irritated frustrated frustrating frustrate hate rage outraged pissed infuriating annoying',
    anticipation: 'hope eager excited expect await soon forward tomorrow plan ready curious',
  };

// emoji carry much of the feeling in chat; wink tokenizes each as its own token
const EMOJI: Record<Emotion, string> = {
  joy: '😀 😃 😄 😁 😊 🙂 😍 🥰 😂 🤣 ❤️ ❤ 👍 🎉 :) :-) :D',
  trust: '🤝 🙏',
  fear: '😨 😱 😰 😟',
  surprise: '😮 😲 😯 🤯',
  sadness: '😢 😭 ☹️ 🙁 😞 😔 💔 :(',
  disgust: '🤢 🤮 😒',
  anger: '😠 😡 🤬 😤 👎',
  anticipation: '🤞 ⏳ 👀',
};

// noun.feeling (12) and noun.state (26) hold the emotion senses; other lexicographer files are noise here
const EMOTION_FILES = new Set([12, 26]);
let built: Map<string, Map<Emotion, number>> | undefined;

/** The emotion weights of a lemma (empty map for none). Built on first use from WordNet. */
export function emotionsOf(lemma: string): ReadonlyMap<Emotion, number> {
  built ??= build();
  return built.get(lemma.toLowerCase()) ?? EMPTY;
}

/** How many words the lexicon holds (builds it if needed). */
export function emotionLexiconSize(): number {
  built ??= build();
  return built.size;
}

const EMPTY: ReadonlyMap<Emotion, number> = new Map();

function build(): Map<string, Map<Emotion, number>> {
  const map = new Map<string, Map<Emotion, number>>();
  const put = (word: string, e: Emotion, w: number) => {
    const key = word.toLowerCase();
    if (key.includes(' ')) return;
    const m = map.get(key) ?? new Map<Emotion, number>();
    if ((m.get(e) ?? 0) < w) m.set(e, w);
    map.set(key, m);
  };
  for (const e of EMOTIONS) {
    for (const seed of WORDNET_SEEDS[e]) {
      // only the first emotional sense: "fear" as concern or awe would pull in "interest" and "reverence"
      const s = wordnet().lookup(seed, 'n').slice(0, 3).find((x) => EMOTION_FILES.has(x.lexFile));
      if (s) walk(s, e, 1, put, new Set());
    }
  }
  // hand seeds win over anything WordNet suggested for the same word
  for (const e of EMOTIONS) {
    for (const w of `${HAND_SEEDS[e]} ${EMOJI[e]}`.split(' ')) map.set(w, new Map([[e, 1]]));
  }
  return map;
}

// words of the sense, the adjectives and verbs derived from them, then hyponyms at decaying weight
function walk(s: Synset, e: Emotion, w: number, put: (word: string, e: Emotion, w: number) => void, seen: Set<string>): void {
  if (seen.has(s.id) || w < 0.4) return;
  seen.add(s.id);
  for (const word of s.words) put(word, e, w);
  for (const d of wordnet().related(s.id, ['+'])) {
    if (d.pos !== 'n') for (const word of d.words) put(word, e, w * 0.9);
  }
  for (const h of wordnet().hyponyms(s.id)) if (EMOTION_FILES.has(h.lexFile)) walk(h, e, w * 0.8, put, seen);
}
