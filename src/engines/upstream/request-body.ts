/**
 * GenerateRequest → the OpenAI request body an upstream receives. Unknown client fields
 * (`extra`) go first so the normalized fields win; both are forwarded unchanged otherwise.
 */
import type { GenerateRequest } from '../../core/types.js';

type Obj = Record<string, unknown>;

function set(body: Obj, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}

function samplingFields(body: Obj, req: GenerateRequest): void {
  const s = req.sampling;
  set(body, 'temperature', s.temperature);
  set(body, 'top_p', s.topP);
  set(body, 'top_k', s.topK);
  set(body, 'min_p', s.minP);
  set(body, 'seed', s.seed);
  set(body, 'presence_penalty', s.presencePenalty);
  set(body, 'frequency_penalty', s.frequencyPenalty);
  set(body, 'repetition_penalty', s.repetitionPenalty);
  set(body, 'logit_bias', s.logitBias);
}

function chatFields(body: Obj, req: GenerateRequest): void {
  if (req.input.kind !== 'chat') return;
  body.messages = req.input.messages;
  set(body, 'max_tokens', req.maxTokens);
  if (req.logprobs) {
    body.logprobs = true;
    if (req.logprobs.topLogprobs > 0) body.top_logprobs = req.logprobs.topLogprobs;
  }
  set(body, 'tools', req.tools);
  set(body, 'tool_choice', req.toolChoice);
  set(body, 'parallel_tool_calls', req.parallelToolCalls);
  if (req.responseFormat?.type === 'json_schema') {
    const { name, schema, strict } = req.responseFormat;
    body.response_format = { type: 'json_schema', json_schema: { name: name ?? 'response', schema, ...(strict === undefined ? {} : { strict }) } };
  } else set(body, 'response_format', req.responseFormat);
  set(body, 'reasoning_effort', req.reasoningEffort);
}

/** The body to POST upstream; `stream` is the transport psr wants from the upstream. */
export function upstreamBody(req: GenerateRequest, model: string, stream: boolean): Obj {
  const body: Obj = { ...req.extra, model };
  if (req.input.kind === 'chat') chatFields(body, req);
  else {
    body.prompt = req.input.prompt;
    set(body, 'suffix', req.input.suffix);
    set(body, 'max_tokens', req.maxTokens);
    if (req.logprobs) body.logprobs = req.logprobs.topLogprobs;
  }
  samplingFields(body, req);
  if (req.n !== 1) body.n = req.n;
  if (req.stop.length > 0) body.stop = req.stop;
  set(body, 'user', req.user);
  body.stream = stream;
  if (stream) body.stream_options = { include_usage: true };
  return body;
}
