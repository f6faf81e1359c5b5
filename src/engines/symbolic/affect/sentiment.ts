/** Sentence sentiment by VADER: lexicon valences with negation, intensifiers, caps and punctuation rules. */
import vader from 'vader-sentiment';

/** VADER scores plus a label by the customary ±0.05 compound thresholds. */
export interface Sentiment {
  /** Normalised valence sum in [-1, 1]. */
  compound: number;
  pos: number;
  neu: number;
  neg: number;
  label: 'positive' | 'negative' | 'neutral';
}

const NEUTRAL: Sentiment = { compound: 0, pos: 0, neu: 1, neg: 0, label: 'neutral' };

/** The sentiment of `text` (neutral for empty or unscorable text). */
export function sentiment(text: string): Sentiment {
  if (typeof text !== 'string' || text.trim() === '') return { ...NEUTRAL };
  try {
    const s = vader.SentimentIntensityAnalyzer.polarity_scores(text);
    if (![s.compound, s.pos, s.neu, s.neg].every(Number.isFinite)) return { ...NEUTRAL };
    const label = s.compound >= 0.05 ? 'positive' : s.compound <= -0.05 ? 'negative' : 'neutral';
    return { compound: s.compound, pos: s.pos, neu: s.neu, neg: s.neg, label };
  } catch {
    // the port has thrown on odd inputs in the past; sentiment is advisory, so degrade to neutral
    return { ...NEUTRAL };
  }
}
