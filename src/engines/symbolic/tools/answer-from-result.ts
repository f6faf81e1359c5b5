/**
 * Answers from tool results already in the conversation: when the last assistant message
 * called tools and only `tool` messages follow it, the engine words those results instead of
 * calling again. Results are JSON as the tool loop sends them; they are phrased key: value.
 */
import type { ChatMessage, ContentPart, ToolCall } from '../../../core/types.js';
import { humanize } from './text.js';

/** An answer built from tool results. */
export interface ToolResultAnswer {
  text: string;
  results: Array<{ id: string; name: string; ok: boolean; value: unknown }>;
}

const MAX_ITEMS = 10;

/** The text of a message content (string or text parts). */
export function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: ContentPart) => (p.type === 'text' && typeof p.text === 'string' ? p.text : '')).join('');
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A value as words: objects as "key: value" lists, arrays as lists, nested keys joined. */
export function phraseValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const items = value.slice(0, MAX_ITEMS).map((v) => phraseValue(v, depth + 1));
    const more = value.length > MAX_ITEMS ? `, and ${value.length - MAX_ITEMS} more` : '';
    return (items.some((i) => i.includes(':')) ? items.join('; ') : items.join(', ')) + more;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => k !== 'ok');
  if (entries.length === 0) return 'done';
  if (depth > 2) return JSON.stringify(value);
  return entries.map(([k, v]) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? `${humanize(k)} (${phraseValue(v, depth + 1)})` : `${humanize(k)}: ${phraseValue(v, depth + 1)}`)).join(', ');
}

function sentence(name: string, value: unknown): { text: string; ok: boolean } {
  const tool = humanize(name);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (v.ok === false) return { text: `I could not ${tool}: ${phraseValue(v.error ?? 'unknown error')}.`, ok: false };
    if (v.ok === true && 'content' in v && Object.keys(v).length === 2) return { text: `Result of ${tool}: ${phraseValue(v.content)}.`, ok: true };
  }
  const body = phraseValue(value).replace(/[.\s]+$/, '');
  return { text: `Result of ${tool}: ${body}.`, ok: true };
}

/**
 * The answer from the tool results that close the conversation, or null when the conversation
 * does not end with results for the last assistant tool calls (e.g. the user spoke since).
 */
export function answerFromToolResult(messages: readonly ChatMessage[]): ToolResultAnswer | null {
  let at = messages.length - 1;
  while (at >= 0 && messages[at].role === 'tool') at--;
  const assistant = messages[at];
  if (at === messages.length - 1 || !assistant || assistant.role !== 'assistant' || !assistant.tool_calls?.length) return null;
  const toolMessages = messages.slice(at + 1);
  const results: ToolResultAnswer['results'] = [];
  const lines: string[] = [];
  assistant.tool_calls.forEach((call: ToolCall, i: number) => {
    const msg = toolMessages.find((m) => m.tool_call_id === call.id) ?? (toolMessages.every((m) => !m.tool_call_id) ? toolMessages[i] : undefined);
    if (!msg) return;
    const value = parse(contentText(msg.content));
    const s = sentence(call.function.name, value);
    results.push({ id: call.id, name: call.function.name, ok: s.ok, value });
    lines.push(s.text);
  });
  return results.length ? { text: lines.join('\n'), results } : null;
}
