/**
 * What the symbolic engine reads from a request: the question (the last user turn or the
 * prompt) and the entity under discussion from earlier turns, for "it", "its" and follow-ups.
 */
import type { ChatMessage, GenerateRequest } from '../../core/types.js';
import type { Link } from './knowledge/linker.js';
import { parseQuestion } from './nlq/parse.js';
import type { Query } from './nlq/query.js';

/** The text of a message's content (text parts joined; other parts ignored). */
export function messageText(m: ChatMessage): string {
  if (typeof m.content === 'string') return m.content;
  if (!Array.isArray(m.content)) return '';
  return m.content.map((p) => (p.type === 'text' && typeof p.text === 'string' ? p.text : '')).join(' ');
}

/** The question of a request and the earlier user turns, oldest first. */
export function questionOf(req: GenerateRequest): { question: string; earlier: string[]; system: string } {
  if (req.input.kind === 'text') return { question: req.input.prompt, earlier: [], system: '' };
  const msgs = req.input.messages;
  const users = msgs.filter((m) => m.role === 'user').map(messageText);
  const system = msgs.filter((m) => m.role === 'system' || m.role === 'developer').map(messageText).join('\n');
  return { question: users[users.length - 1] ?? '', earlier: users.slice(0, -1), system };
}

/**
 * The focus of the conversation: the subject of the latest earlier question that linked.
 * `link` resolves a parsed query's subject to a term (it sees the previous focus for pronouns).
 */
export function focusOf(earlier: string[], link: (q: Query, focus: Link | undefined) => Link | undefined): Link | undefined {
  let focus: Link | undefined;
  for (const text of earlier.slice(-8)) focus = link(parseQuestion(text), focus) ?? focus;
  return focus;
}

const FOLLOW_UP = /^(?:and|what about|how about|same for|and what about|then) /i;

/**
 * Parse the question with the earlier turns in view: a bare "why?" explains the previous
 * question's answer, and "and JWT?" after "what are the edge cases of OAuth?" asks the same
 * thing about JWT. Earlier turns are resolved the same way, oldest first, so chains work.
 */
export function parseInContext(question: string, earlier: string[]): Query {
  let prev: Query | undefined;
  for (const text of earlier.slice(-8)) prev = resolveFollowUp(parseQuestion(text), prev);
  return resolveFollowUp(parseQuestion(question), prev);
}

function resolveFollowUp(q: Query, prev: Query | undefined): Query {
  if (!prev || prev.form === 'unknown') return q;
  if (q.form === 'why' && !q.subject && !q.object) {
    return { ...prev, explain: true, text: q.text, context: `explains the earlier question "${prev.text}"` };
  }
  const carries = prev.form === 'list' || prev.form === 'count' || prev.form === 'how' || prev.form === 'attribute' || prev.form === 'agent';
  if (q.form === 'define' && q.subject && !q.needsContext && carries && FOLLOW_UP.test(q.text)) {
    const slot = prev.form === 'agent' ? { object: q.subject } : { subject: q.subject };
    return { ...prev, ...slot, needsContext: false, explain: false, text: q.text, context: `asks "${prev.text}" again, about ${q.subject}` };
  }
  return q;
}

/** A reasoning-cache key part: the question as asked plus what context made of it. */
export function queryKey(q: Query, question: string): string {
  return q.context ? `${question}\u0001${q.form}|${q.relation ?? ''}|${q.subject ?? ''}|${q.object ?? ''}|${q.explain ? 1 : 0}` : question;
}
