/** Affect of one utterance: sentiment, Plutchik emotions, stated preferences, frustration; and facts to store. */
import { analyze } from '../lexicon/nlp.js';
import { EMOTIONS, type Emotion } from './emotion-lexicon.js';
import { scoreEmotions, type EmotionScores } from './emotions.js';
import { frustration, type Frustration } from './frustration.js';
import { extractPreferences, type Preference } from './preferences.js';
import { sentiment, type Sentiment } from './sentiment.js';

/** Everything the affect analysis reads from one text. */
export interface Affect {
  sentiment: Sentiment;
  emotions: EmotionScores;
  /** Emotions scoring at least DOMINANT_THRESHOLD, strongest first. */
  dominant: Emotion[];
  preferences: Preference[];
  frustration: Frustration;
}

/** A fact about a user, shaped for the knowledge graph (subject, predicate, object, confidence, provenance). */
export interface UserFact {
  s: string;
  p: 'prefers' | 'dislikes' | 'needs' | 'feels';
  o: string;
  confidence: number;
  source: string;
  /** The words the fact was read from. */
  evidence: string;
}

/** Minimum score for an emotion to count as felt (and to become a `feels` fact). */
export const DOMINANT_THRESHOLD = 0.5;

// long pastes (logs, documents) are analysed by their head: affect lives in what the user writes, not in pasted data
const MAX_CHARS = 20_000;

/** Analyses the affect of `text`; any input (empty, emoji, other scripts, huge) yields a result, never a throw. */
export function analyzeAffect(text: string): Affect {
  const src = typeof text === 'string' ? text.slice(0, MAX_CHARS) : '';
  const { tokens } = analyze(src);
  const s = sentiment(src);
  const emotions = scoreEmotions(tokens);
  const dominant = EMOTIONS.filter((e) => emotions[e].score >= DOMINANT_THRESHOLD).sort(
    (a, b) => emotions[b].score - emotions[a].score,
  );
  return { sentiment: s, emotions, dominant, preferences: extractPreferences(tokens), frustration: frustration(src, s, emotions) };
}

const PREDICATE: Record<Preference['polarity'], UserFact['p']> = { like: 'prefers', dislike: 'dislikes', need: 'needs' };

/** The facts `affect` states about user `userId`, for the engine to keep per user (never shared across users). */
export function preferenceFacts(userId: string, affect: Affect, source = 'user-statement'): UserFact[] {
  const s = `user:${userId}`;
  const facts: UserFact[] = affect.preferences.map((p) => ({
    s, p: PREDICATE[p.polarity], o: p.object, confidence: p.confidence, source, evidence: p.text,
  }));
  for (const e of affect.dominant) {
    const ev = affect.emotions[e];
    facts.push({ s, p: 'feels', o: e, confidence: ev.score, source, evidence: ev.words.join(', ') });
  }
  if (affect.frustration.frustrated) {
    facts.push({ s, p: 'feels', o: 'frustration', confidence: affect.frustration.score, source, evidence: affect.frustration.cues.join(', ') });
  }
  return facts;
}
