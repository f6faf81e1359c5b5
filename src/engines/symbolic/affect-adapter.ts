/** The affect room's analysis, shaped for the engine: a trace summary and per-user facts. */
import { analyzeAffect, preferenceFacts } from './affect/index.js';
import type { AffectFn } from './engine.js';

/** Analyse `text`; facts are about "the user" and get attached to the request's user by the engine. */
export const affectForEngine: AffectFn = function affectForEngine(text) {
  const a = analyzeAffect(text);
  const summary = {
    sentiment: `${a.sentiment.label} (compound ${a.sentiment.compound.toFixed(2)})`,
    emotions: a.dominant.map((e) => `${e} ${a.emotions[e].score.toFixed(2)}`),
    preferences: a.preferences.map((p) => `${p.polarity} "${p.object}"`),
    frustrated: a.frustration.frustrated,
  };
  const now = Date.now();
  const facts = preferenceFacts('_', a).map((f) => ({ predicate: f.p, object: f.o, confidence: f.confidence, text: f.evidence, at: now }));
  return { summary, facts };
};
