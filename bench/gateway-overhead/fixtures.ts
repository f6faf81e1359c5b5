/** The fixed upstream answers nginx serves and the requests the benchmark sends. */

const created = 1_700_000_000;

/** A whole chat completion, as an upstream returns it for stream: false. */
export const JSON_BODY = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created, model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The answer is 4.' }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
});

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'bench-model', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
}

/** The same answer streamed: role, five content pieces, finish, usage, [DONE]. */
export const SSE_BODY = [
  chunk({ role: 'assistant', content: '' }, null),
  ...['The', ' answer', ' is', ' 4', '.'].map((t) => chunk({ content: t }, null)),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'bench-model', choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } })}\n\n`,
  'data: [DONE]\n\n',
].join('');

/** The client request body; temperature above 0 so psr's response cache (on by default) passes it through. */
export function requestBody(model: string, stream: boolean): string {
  return JSON.stringify({ model, messages: [{ role: 'user', content: 'What is 2+2?' }], max_tokens: 64, temperature: 0.7, stream });
}
