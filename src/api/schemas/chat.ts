/** POST /v1/chat/completions: validate the body and normalize it into a GenerateRequest. */
import type { GenerateRequest, ResponseFormat } from '../../core/types.js';
import { badValue, extraFields, obj, optBool, optEnum, optNumber, optString, required, stopList, type Obj } from './check.js';
import { COMMON_KNOWN, parseModel, parseN, parseSampling, parseStreaming, parseUser } from './common.js';
import { parseMessages } from './messages.js';
import { parseTools } from './tools.js';

/** A parsed request plus the HTTP-level choices the renderer needs. */
export interface ParsedCompletion {
  req: GenerateRequest;
  stream: boolean;
  includeUsage: boolean;
}

const KNOWN = new Set<string>([
  ...COMMON_KNOWN, 'messages', 'max_completion_tokens', 'top_logprobs', 'response_format', 'tools', 'tool_choice',
  'parallel_tool_calls', 'functions', 'function_call', 'reasoning_effort',
]);
const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high'] as const;

function responseFormat(v: unknown): ResponseFormat | undefined {
  if (v === undefined || v === null) return undefined;
  const rf = obj(v, 'response_format');
  const type = optEnum(required(rf, 'type', 'response_format.type'), 'response_format.type', ['text', 'json_object', 'json_schema'] as const)!;
  if (type !== 'json_schema') return { type };
  const js = obj(required(rf, 'json_schema', 'response_format.json_schema'), 'response_format.json_schema');
  const name = optString(required(js, 'name', 'response_format.json_schema.name'), 'response_format.json_schema.name');
  const schema = js.schema === undefined || js.schema === null ? {} : obj(js.schema, 'response_format.json_schema.schema');
  const strict = optBool(js.strict, 'response_format.json_schema.strict');
  return { type, name, schema, ...(strict === undefined ? {} : { strict }) };
}

function logprobs(body: Obj): GenerateRequest['logprobs'] {
  const on = optBool(body.logprobs, 'logprobs');
  const top = optNumber(body.top_logprobs, 'top_logprobs', 0, 20, true);
  if (top !== undefined && !on) badValue('top_logprobs', "requires 'logprobs' to be true.");
  return on ? { topLogprobs: top ?? 0 } : undefined;
}

/** Validate a chat completion body; throws a 400 PsrError naming the field. */
export function parseChatRequest(raw: unknown): ParsedCompletion {
  const body = obj(raw, 'body');
  const model = parseModel(body);
  const messages = parseMessages(required(body, 'messages'));
  const maxTokens = optNumber(body.max_completion_tokens, 'max_completion_tokens', 1, 1e9, true)
    ?? optNumber(body.max_tokens, 'max_tokens', 1, 1e9, true);
  const { stream, includeUsage } = parseStreaming(body);
  const req: GenerateRequest = {
    model,
    input: { kind: 'chat', messages },
    n: parseN(body),
    stop: stopList(body.stop),
    sampling: parseSampling(body),
    ...parseTools(body),
    stream,
    extra: extraFields(body, KNOWN),
  };
  if (maxTokens !== undefined) req.maxTokens = maxTokens;
  const lp = logprobs(body);
  if (lp) req.logprobs = lp;
  const rf = responseFormat(body.response_format);
  if (rf) req.responseFormat = rf;
  const effort = optEnum(body.reasoning_effort, 'reasoning_effort', EFFORTS);
  if (effort) req.reasoningEffort = effort;
  const user = parseUser(body);
  if (user !== undefined) req.user = user;
  for (const k of Object.keys(req) as Array<keyof GenerateRequest>) if (req[k] === undefined) delete req[k];
  return { req, stream, includeUsage };
}
