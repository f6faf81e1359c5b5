/**
 * Turn a GenerateRequest's input into prompt tokens: chat messages are rendered through the
 * model's chat wrapper (its Jinja template), text prompts are tokenized as they are.
 */
import { LlamaText, SpecialToken, type ChatHistoryItem, type ChatModelFunctionCall, type ChatModelFunctions, type ChatWrapper, type LlamaModel, type Token } from 'node-llama-cpp';
import { psrError } from '../../core/errors.js';
import type { ChatMessage, GenerateRequest, ToolDefinition } from '../../core/types.js';

/** Prompt tokens plus the extra ways this prompt's answer ends. */
export interface Prompt {
  tokens: Token[];
  /** Single tokens that end the turn (the template's end-of-turn marker). */
  stopTokens: Set<Token>;
  /** Plain-text triggers from the template, handled like `stop`. */
  stopTexts: string[];
}

/** Build the prompt for a request. */
export function buildPrompt(req: GenerateRequest, model: LlamaModel, wrapper: ChatWrapper): Prompt {
  if (req.input.kind === 'text') {
    if (req.input.suffix) throw psrError('unsupported_parameter', 'The llama engine does not support `suffix` (fill-in-the-middle)', { param: 'suffix' });
    const text = model.tokens.shouldPrependBosToken ? LlamaText([new SpecialToken('BOS'), req.input.prompt]) : LlamaText(req.input.prompt);
    return { tokens: text.tokenize(model.tokenizer), stopTokens: new Set(), stopTexts: [] };
  }
  const history = toHistory(req.input.messages);
  const offerTools = req.tools?.length && req.toolChoice !== 'none';
  const state = wrapper.generateContextState({ chatHistory: history, availableFunctions: offerTools ? toFunctions(req.tools ?? []) : undefined, documentFunctionParams: true });
  const stopTokens = new Set<Token>();
  const stopTexts: string[] = [];
  for (const trigger of state.stopGenerationTriggers) {
    if (trigger.values.every((v) => typeof v === 'string')) {
      const text = trigger.toString();
      if (text) stopTexts.push(text);
      continue;
    }
    const tokens = trigger.tokenize(model.tokenizer);
    if (tokens.length === 1) stopTokens.add(tokens[0]);
  }
  return { tokens: state.contextText.tokenize(model.tokenizer), stopTokens, stopTexts };
}

/** Tools as node-llama-cpp functions, so templates that know tools can describe them. */
function toFunctions(tools: ToolDefinition[]): ChatModelFunctions {
  const out: Record<string, { description?: string; params?: never }> = {};
  for (const t of tools) out[t.function.name] = { description: t.function.description, params: t.function.parameters as never };
  return out;
}

function textOf(msg: ChatMessage): string {
  if (msg.content === null) return '';
  if (typeof msg.content === 'string') return msg.content;
  return msg.content.map((part) => {
    if (part.type === 'text' && typeof part.text === 'string') return part.text;
    throw psrError('unsupported_parameter', `The llama engine accepts text only; message content of type '${part.type}' is not supported`, { param: 'messages' });
  }).join('');
}

// OpenAI history → node-llama-cpp history. Tool results attach to the call they answer, which is
// how chat wrappers render them; a result without its call is shown to the model as user text.
function toHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const items: ChatHistoryItem[] = [];
  const calls = new Map<string, ChatModelFunctionCall>();
  for (const msg of messages) {
    if (msg.role === 'system' || msg.role === 'developer') items.push({ type: 'system', text: textOf(msg) });
    else if (msg.role === 'user') items.push({ type: 'user', text: textOf(msg) });
    else if (msg.role === 'assistant') {
      const response: Array<string | ChatModelFunctionCall> = [];
      const text = textOf(msg);
      if (text) response.push(text);
      for (const tc of msg.tool_calls ?? []) {
        const call: ChatModelFunctionCall = { type: 'functionCall', name: tc.function.name, params: parseArgs(tc.function.arguments), result: undefined };
        calls.set(tc.id, call);
        response.push(call);
      }
      items.push({ type: 'model', response });
    } else {
      const call = msg.tool_call_id ? calls.get(msg.tool_call_id) : undefined;
      if (call) call.result = textOf(msg);
      else items.push({ type: 'user', text: `Tool result${msg.name ? ` (${msg.name})` : ''}: ${textOf(msg)}` });
    }
  }
  items.push({ type: 'model', response: [] });
  return items;
}

function parseArgs(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}
