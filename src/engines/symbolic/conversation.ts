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
