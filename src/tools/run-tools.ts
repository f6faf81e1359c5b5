/**
 * The tool loop: ask for a chat completion, run the tools the model calls, append the
 * assistant message and one `tool` message per call (with `tool_call_id`), and ask again,
 * until the model answers without calls or `maxRounds` completions have been made.
 */
import type { ChatMessage, ToolCall, ToolChoice } from '../core/types.js';
import { httpChatClient, type ChatCompletionBody, type ChatCompletionsClient } from './chat-client.js';
import { executeToolCall } from './execute-tool.js';
import { toolDefinitions, type ToolSet } from './tool-set.js';

/** Options for {@link runTools}; any other field (temperature, max_tokens…) goes into every request body. */
export interface RunToolsOptions {
  /** A chat-completions client (see ChatCompletionsClient); or give `baseURL` (+ `apiKey`). */
  client?: ChatCompletionsClient;
  baseURL?: string;
  apiKey?: string;
  model: string;
  messages: ChatMessage[];
  tools: ToolSet;
  /** Completions to make at most (default 5). */
  maxRounds?: number;
  signal?: AbortSignal;
  /** Used for the first completion; later rounds use 'auto' so 'required' or a named tool cannot loop forever. */
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  /** Called with each message the loop appends (assistant and tool), as it happens. */
  onMessage?: (message: ChatMessage) => void;
  [param: string]: unknown;
}

/** One executed tool call. */
export interface ToolRun {
  id: string;
  name: string;
  arguments: string;
  ok: boolean;
  result: string;
}

/** What the loop ends with. */
export interface RunToolsResult {
  /** The last assistant message (an answer, or tool calls when `maxRounds` ran out). */
  message: ChatMessage;
  /** The whole conversation: the input messages and every message the loop appended. */
  messages: ChatMessage[];
  toolRuns: ToolRun[];
  rounds: number;
  stoppedBy: 'answer' | 'max_rounds';
  finishReason: string | null;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  /** The last raw response body. */
  response: ChatCompletionBody;
}

const OWN = new Set(['client', 'baseURL', 'apiKey', 'model', 'messages', 'tools', 'maxRounds', 'signal', 'toolChoice', 'parallelToolCalls', 'onMessage']);

/**
 * Run chat completions with tools until the model answers.
 * @example const { message } = await runTools({ baseURL: 'http://127.0.0.1:8080/v1', model: 'psr-symbolic', messages, tools: { get_weather: { parameters, run: ({ city }) => lookup(city) } } })
 */
export async function runTools(opts: RunToolsOptions): Promise<RunToolsResult> {
  const client = opts.client ?? (opts.baseURL ? httpChatClient({ baseURL: opts.baseURL, apiKey: opts.apiKey }) : undefined);
  if (!client) throw new TypeError('runTools needs a client or a baseURL');
  const maxRounds = Math.max(1, Math.floor(opts.maxRounds ?? 5));
  const base: Record<string, unknown> = { model: opts.model, tools: toolDefinitions(opts.tools) };
  for (const [k, v] of Object.entries(opts)) if (!OWN.has(k) && v !== undefined) base[k] = v;
  if (opts.parallelToolCalls !== undefined) base.parallel_tool_calls = opts.parallelToolCalls;
  const messages = [...opts.messages];
  const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const toolRuns: ToolRun[] = [];
  const append = (m: ChatMessage) => {
    messages.push(m);
    opts.onMessage?.(m);
  };
  for (let round = 1; ; round++) {
    opts.signal?.throwIfAborted();
    const body = { ...base, messages, ...(round === 1 && opts.toolChoice ? { tool_choice: opts.toolChoice } : {}) };
    const response = checkResponse(await client.create(body, { signal: opts.signal }));
    addUsage(usage, response.usage);
    const { message, finish_reason: finishReason } = response.choices[0];
    const calls = message.tool_calls ?? [];
    const done = (stoppedBy: RunToolsResult['stoppedBy']): RunToolsResult => ({ message, messages, toolRuns, rounds: round, stoppedBy, finishReason, usage, response });
    append(assistantMessage(message, calls));
    if (calls.length === 0) return done('answer');
    if (round >= maxRounds) return done('max_rounds');
    for (const call of calls) {
      const outcome = await executeToolCall(call, opts.tools, opts.signal);
      toolRuns.push({ id: call.id, name: call.function.name, arguments: call.function.arguments, ok: outcome.ok, result: outcome.content });
      append({ role: 'tool', tool_call_id: call.id, content: outcome.content });
    }
  }
}

/** The assistant message to replay: role, content and the calls, without response-only extras. */
function assistantMessage(message: ChatMessage, calls: ToolCall[]): ChatMessage {
  const out: ChatMessage = { role: 'assistant', content: message.content ?? null };
  if (calls.length) out.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.function.name, arguments: c.function.arguments } }));
  if (typeof message.reasoning_content === 'string') out.reasoning_content = message.reasoning_content;
  return out;
}

function checkResponse(raw: unknown): ChatCompletionBody {
  const body = raw as ChatCompletionBody;
  if (!body || !Array.isArray(body.choices) || body.choices.length === 0 || typeof body.choices[0]?.message !== 'object') {
    throw new Error('runTools: the server did not return a chat completion with choices');
  }
  return body;
}

function addUsage(total: RunToolsResult['usage'], u: ChatCompletionBody['usage']): void {
  if (!u) return;
  total.prompt_tokens += u.prompt_tokens ?? 0;
  total.completion_tokens += u.completion_tokens ?? 0;
  total.total_tokens += u.total_tokens ?? 0;
}
