/** Frustration: negative sentiment plus anger/sadness plus the phrases people use when something keeps failing. */
import type { Sentiment } from './sentiment.js';
import type { EmotionScores } from './emotions.js';

/** A frustration estimate in [0, 1], whether it passes the threshold, and what signalled it. */
export interface Frustration {
  score: number;
  frustrated: boolean;
  cues: string[];
}

const CUES: Array<[RegExp, string]> = [
  [/\b(frustrat\w*|annoy\w*|irritat\w*|exasperat\w*)\b/i, 'frustration word'],
  [/\b(still|again|keeps?|kept)\b.{0,40}\b(fail\w*|broken|crash\w*|wrong|error\w*|not work\w*|doesn'?t work)\b/i, 'repeated failure'],
  [/\b(doesn'?t|does not|won'?t|will not|isn'?t|is not|can'?t|cannot)\s+(work|load|start|run|compile|connect|help)\w*\b/i, 'not working'],
  [/\b(fed up|sick of|tired of|had enough|waste of (my )?time|give up|giving up|for hours|for days)\b/i, 'exhaustion'],
  [/\b(ugh+|argh+|wtf|ffs|seriously\?|come on|why (won'?t|doesn'?t|can'?t|isn'?t))\b/i, 'exasperation'],
  [/\b(useless|pointless|hopeless|ridiculous|nothing works|broken)\b/i, 'dismissal'],
  [/[!?]{2,}/, 'repeated punctuation'],
  // capitalised everyday words are shouting; capitalised acronyms (YAML, HTTP) are not
  [/\b(SO|VERY|NOT|NEVER|WHY|STILL|AGAIN|ALWAYS|NOTHING|HATE|STOP|WORK|WORKS|BROKEN|WHAT|HELP|PLEASE)\b/, 'shouting'],
];

/** Estimates frustration from the text, its sentiment and its emotions. */
export function frustration(text: string, s: Sentiment, e: EmotionScores): Frustration {
  const cues = CUES.filter(([re]) => re.test(text)).map(([, name]) => name);
  let score = 0.26 * cues.length;
  if (s.compound < 0) score += -s.compound * 0.35;
  score += e.anger.score * 0.35 + e.sadness.score * 0.1;
  score = Math.min(1, Math.round(score * 1000) / 1000);
  // anger or a low mood alone is not frustration (the user may be angry at the world): require a cue
  const frustrated = score >= 0.5 && cues.length > 0;
  return { score, frustrated, cues };
}
