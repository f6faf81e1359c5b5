/** Affect analysis for the psycho-symbolic engine: sentiment, Plutchik emotions, preferences, frustration. */
export { analyzeAffect, preferenceFacts, DOMINANT_THRESHOLD, type Affect, type UserFact } from './analyze.js';
export { sentiment, type Sentiment } from './sentiment.js';
export { scoreEmotions, type EmotionScore, type EmotionScores } from './emotions.js';
export { EMOTIONS, OPPOSITE, emotionsOf, emotionLexiconSize, type Emotion } from './emotion-lexicon.js';
export { extractPreferences, type Preference } from './preferences.js';
export { frustration, type Frustration } from './frustration.js';
