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

/** The offered tool the mock calls: the one tool_choice names, else the first. */
function chosenTool(body: Obj): Obj | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as Obj[]) : [];
  const named = (body.tool_choice as Obj | undefined)?.function as Obj | undefined;
  const fns = tools.map((t) => t.function as Obj | undefined);
  return (named && fns.find((f) => f?.name === named.name)) ?? fns[0];
}

/** The call written the way each text format's chat template writes it. */
const TEXT_CALLS: Record<string, (name: string, args: Obj) => string> = {
  hermes: (name, args) => `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`,
  mistral: (name, args) => `[TOOL_CALLS]${JSON.stringify([{ name, arguments: args }])}`,
  llama3_json: (name, args) => JSON.stringify({ name, parameters: args }),
  reframr: (name, args) => `<tool_call>${name} ${JSON.stringify(args)}`,
};

function toolDeltas(body: Obj, modes: MockModes, prompt: string): Obj[] | undefined {
  const fn = chosenTool(body);
  if (modes.toolFormat === 'none' || !fn || typeof fn.name !== 'string' || body.tool_choice === 'none') return undefined;
  // Like a real model, answer once the conversation holds the tool's result.
  if (lastRole(body) === 'tool') return undefined;
  const args = { query: prompt };
  const text = TEXT_CALLS[modes.toolFormat];
  if (text) return tokenize(text(fn.name, args)).map((t) => ({ content: t }));
  const first = { tool_calls: [{ index: 0, id: `call_${fn.name}_0`, type: 'function', function: { name: fn.name, arguments: '' } }] };
  return [first, ...tokenize(JSON.stringify(args)).map((t) => ({ tool_calls: [{ index: 0, function: { arguments: t } }] }))];
}

function lastRole(body: Obj): unknown {
  const messages = Array.isArray(body.messages) ? (body.messages as Obj[]) : [];
  return messages[messages.length - 1]?.role;
}

/** After a tool result the mock reports it: "The tool returned: …". */
function toolResultAnswer(body: Obj): string | undefined {
  if (lastRole(body) !== 'tool') return undefined;
  const messages = body.messages as Obj[];
  const content = messages[messages.length - 1]!.content;
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  return `The tool returned: ${text}`;
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
  const cut = cutAtStop((kind === 'chat' ? toolResultAnswer(body) : undefined) ?? answer, body.stop);
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
