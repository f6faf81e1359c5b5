/**
 * Instant extractive summaries: no model, no waiting. A summary is a few sentences picked
 * from the text itself — the ones that state a result (numbers, "therefore", "the answer"),
 * the opening and the closing sentence — kept in their original order and bounded in length.
 */
import type { ChatMessage, GenerateRequest } from '../../core/types.js';

const CONCLUSION = /\b(therefore|thus|hence|answer|result|conclu\w*|means|final(ly)?|total|equals?)\b|=/i;
const QUESTION_START = /^(what|why|how|when|where|which|who|whom|whose|is|are|can|could|should|would|will|do|does|did|may|might|explain)\b/i;

/** Split prose into sentences (ends at . ! ? or a line break); whitespace is normalized. */
export function splitSentences(text: string): string[] {
  return text
    .replace(/```[\s\S]*?(```|$)/g, ' [code] ')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

/** Cut `text` to `max` characters at a word boundary, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(1, max - 1));
  // A cut that lands right before a space already ends on a whole word.
  const space = /\s/.test(text.charAt(cut.length)) ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** Indexes of sentences in the order we would like to keep them. */
function priorities(sentences: string[]): number[] {
  const last = sentences.length - 1;
  // Fillers ("Hmm.", "Wait.") say nothing; keep them out unless nothing else is left.
  const meaningful = sentences.map((s, i) => [s, i] as const).filter(([s]) => s.length >= 12);
  const pool = meaningful.length ? meaningful.map(([, i]) => i) : sentences.map((_, i) => i);
  const conclusions = pool.filter((i) => CONCLUSION.test(sentences[i])).reverse();
  const numbers = pool.filter((i) => /\d/.test(sentences[i]));
  const ordered = [...conclusions, pool.includes(last) ? last : pool[pool.length - 1], pool[0], ...numbers, ...pool];
  return [...new Set(ordered)];
}

/** Pick up to `maxSentences` key sentences of `text`, in text order, within `maxChars`. */
export function extractiveSummary(text: string, opts: { maxChars?: number; maxSentences?: number } = {}): string {
  const { maxChars = 240, maxSentences = 3 } = opts;
  const sentences = splitSentences(text);
  if (sentences.length === 0) return '';
  const chosen: number[] = [];
  let length = 0;
  for (const i of priorities(sentences)) {
    if (chosen.length >= maxSentences) break;
    const add = sentences[i].length + (chosen.length ? 1 : 0);
    if (chosen.length && length + add > maxChars) continue;
    chosen.push(i);
    length += add;
  }
  return truncate(
    chosen
      .sort((a, b) => a - b)
      .map((i) => sentences[i])
      .join(' '),
    maxChars,
  );
}

/** The plain text of a message's content (text parts only), and how many non-text parts it has. */
function messageText(msg: ChatMessage): { text: string; attachments: number } {
  if (typeof msg.content === 'string') return { text: msg.content, attachments: 0 };
  const parts = msg.content ?? [];
  const texts = parts.filter((p) => p.type === 'text').map((p) => String((p as { text: string }).text));
  return { text: texts.join('\n'), attachments: parts.length - texts.length };
}

/**
 * A one-line summary of what the client asked, e.g.
 * `Question: What is 2+2? (after 4 earlier messages)`. Instant: no model involved.
 */
export function promptSummary(req: GenerateRequest, maxChars = 240): string {
  let text = '';
  let attachments = 0;
  let earlier = 0;
  if (req.input.kind === 'text') text = req.input.prompt;
  else {
    const turns = req.input.messages.filter((m) => m.role !== 'system' && m.role !== 'developer');
    const lastUser = turns.map((m) => m.role).lastIndexOf('user');
    if (lastUser >= 0) ({ text, attachments } = messageText(turns[lastUser]));
    earlier = Math.max(0, lastUser);
  }
  const sentences = splitSentences(text);
  const question = [...sentences].reverse().find((s) => s.endsWith('?'));
  const isQuestion = question !== undefined || QUESTION_START.test(sentences[0] ?? '');
  const core = question ?? sentences[0] ?? '';
  const notes = [attachments ? `+${attachments} attachment${attachments > 1 ? 's' : ''}` : '', earlier ? `after ${earlier} earlier message${earlier > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(', ');
  const suffix = notes ? ` (${notes})` : '';
  const label = isQuestion ? 'Question' : 'Request';
  if (!core) return `${label}: (no text)${suffix}`;
  return `${label}: ${truncate(core, Math.max(20, maxChars - label.length - 2 - suffix.length))}${suffix}`;
}
