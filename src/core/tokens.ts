/**
 * Token counting without a model tokenizer. A "token" here is a run of letters/digits with
 * its leading whitespace, or one other character with its leading whitespace. Real BPE
 * tokenizers split long words further, so this undercounts a little for rare words and is
 * close for ordinary English; it is used only where an engine reports no usage and for
 * central max_tokens enforcement.
 */
import type { ChatMessage, GenerateRequest } from './types.js';

const TOKEN = /\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+$/gu;

/** Split text into the pieces counted as tokens; joining them gives back the text. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** How many tokens `text` counts as. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  TOKEN.lastIndex = 0;
  let n = 0;
  while (TOKEN.exec(text) !== null) n++;
  return n;
}

function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => ('text' in p && typeof p.text === 'string' ? p.text : '')).join(' ');
}

/** Prompt tokens of a request: message texts plus a few tokens of framing per message. */
export function countPromptTokens(req: GenerateRequest): number {
  if (req.input.kind === 'text') return countTokens(req.input.prompt) + countTokens(req.input.suffix ?? '');
  let n = 0;
  for (const m of req.input.messages) {
    n += 4 + countTokens(contentText(m.content));
    for (const call of m.tool_calls ?? []) n += countTokens(call.function.name) + countTokens(call.function.arguments);
  }
  return n + 2;
}
