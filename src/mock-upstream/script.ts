/**
 * The deltas one choice of a mock response is made of, in order, with the finish reason. The
 * streaming response sends one chunk per delta; the non-streaming one folds them together,
 * so both come from the same script. Honours stop and max_tokens like a real server.
 */
import { tokenize } from '../core/tokens.js';
import { mockAnswer } from './answer.js';
import { REASONING_FORMATS, type MockModes } from './modes.js';

type Obj = Record<string, unknown>;

/** One choice's deltas and how it ends. */
export interface ChoiceScript {
  deltas: Obj[];
  finish: 'stop' | 'length' | 'tool_calls';
  reasoningTokens: number;
}

function lastUserText(body: Obj): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Obj[]) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) return (m.content as Obj[]).map((p) => (typeof p.text === 'string' ? p.text : '')).join(' ');
  }
  return '';
}

/** The prompt text the mock answers: the last user message, or the completion prompt. */
export function promptOf(body: Obj): string {
  if (typeof body.prompt === 'string') return body.prompt;
  if (Array.isArray(body.prompt) && typeof body.prompt[0] === 'string') return body.prompt[0];
  return lastUserText(body);
}

function cutAtStop(text: string, stop: unknown): { text: string; stopped: boolean } {
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  let at = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  return at === -1 ? { text, stopped: false } : { text: text.slice(0, at), stopped: true };
}

function toolDeltas(body: Obj, modes: MockModes, prompt: string): Obj[] | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as Obj[]) : [];
  const fn = tools[0]?.function as Obj | undefined;
  if (modes.toolFormat === 'none' || !fn || typeof fn.name !== 'string' || body.tool_choice === 'none') return undefined;
  const args = JSON.stringify({ query: prompt });
  if (modes.toolFormat === 'hermes') {
    return tokenize(`<tool_call>${JSON.stringify({ name: fn.name, arguments: { query: prompt } })}</tool_call>`).map((t) => ({ content: t }));
  }
  const first = { tool_calls: [{ index: 0, id: `call_${fn.name}_0`, type: 'function', function: { name: fn.name, arguments: '' } }] };
  return [first, ...tokenize(args).map((t) => ({ tool_calls: [{ index: 0, function: { arguments: t } }] }))];
}

function reasoningDeltas(reasoning: string, modes: MockModes): Obj[] {
  const format = REASONING_FORMATS[modes.reasoning];
  if (format === null) return [];
  const tokens = tokenize(reasoning);
  if (format.field !== null) return tokens.map((t) => ({ [format.field]: t }));
  const pieces = [...(format.open ? [format.open] : []), ...tokens, format.close, '\n\n'];
  return pieces.map((t) => ({ content: t }));
}

/** The script for choice `index` of a chat (`kind: 'chat'`) or text completion request. */
export function choiceScript(body: Obj, modes: MockModes, kind: 'chat' | 'text', index: number): ChoiceScript {
  const prompt = promptOf(body);
  const seed = typeof body.seed === 'number' ? body.seed + index : index;
  const { reasoning, answer } = mockAnswer(prompt, seed);
  const thinking = kind === 'chat' ? reasoningDeltas(reasoning, modes) : [];
  const tools = kind === 'chat' ? toolDeltas(body, modes, prompt) : undefined;
  const cut = cutAtStop(answer, body.stop);
  const key = kind === 'chat' ? 'content' : 'text';
  let deltas = [...thinking, ...(tools ?? tokenize(cut.text).map((t) => ({ [key]: t })))];
  let finish: ChoiceScript['finish'] = tools && modes.toolFormat === 'openai' ? 'tool_calls' : 'stop';
  const max = body.max_completion_tokens ?? body.max_tokens;
  if (typeof max === 'number' && max >= 0 && deltas.length > max) {
    deltas = deltas.slice(0, max);
    finish = 'length';
  }
  const reasoningTokens = Math.min(thinking.length, deltas.length);
  return { deltas, finish, reasoningTokens };
}
