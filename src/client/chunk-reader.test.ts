import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkReader } from './chunk-reader.js';

const chunk = (delta: object, extra: object = {}): string =>
  JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }], ...extra });

type Frame = { event?: string; data: string };
const cases: Array<{ name: string; frames: Frame[]; want: unknown[] }> = [
  {
    name: 'plain OpenAI stream: content only',
    frames: [{ data: chunk({ role: 'assistant', content: '' }) }, { data: chunk({ content: 'Hi' }) }, { data: '[DONE]' }],
    want: [{ type: 'text', section: 'content', text: 'Hi' }],
  },
  {
    name: 'psr SDK-safe phases: summaries in reasoning_content, top-level phase',
    frames: [
      { data: chunk({ reasoning_content: 'asks 2+2' }, { phase: 'prompt_summary' }) },
      { data: chunk({ reasoning_content: 'adding' }, { phase: 'reasoning_summary' }) },
      { data: chunk({ content: '4' }, { phase: 'final_output' }) },
    ],
    want: [
      { type: 'phase', phase: 'prompt_summary' },
      { type: 'text', section: 'prompt_summary', text: 'asks 2+2' },
      { type: 'phase', phase: 'reasoning_summary' },
      { type: 'text', section: 'reasoning_summary', text: 'adding' },
      { type: 'phase', phase: 'final_output' },
      { type: 'text', section: 'content', text: '4' },
    ],
  },
  {
    name: 'seed format: bare phase frames and summaries as content',
    frames: [
      { event: 'phase', data: '{"phase":"prompt_summary"}' },
      { data: chunk({ content: '[Prompt Summary] x' }, { phase: 'prompt_summary' }) },
      { event: 'phase', data: '{"phase":"final_output"}' },
      { data: chunk({ content: 'The' }, { phase: 'final_output' }) },
    ],
    want: [
      { type: 'phase', phase: 'prompt_summary' },
      { type: 'text', section: 'prompt_summary', text: '[Prompt Summary] x' },
      { type: 'phase', phase: 'final_output' },
      { type: 'text', section: 'content', text: 'The' },
    ],
  },
  {
    name: 'raw reasoning after a summary chunk stays reasoning; meta.proof is a proof',
    frames: [
      { data: chunk({ reasoning_content: 'Thinking about it.' }, { phase: 'reasoning_summary' }) },
      { data: chunk({ reasoning_content: 'raw thought' }) },
      { data: chunk({}, { meta: { proof: { label: 'root', kind: 'rule', detail: 'rdfs9', children: [] } } }) },
    ],
    want: [
      { type: 'phase', phase: 'reasoning_summary' },
      { type: 'text', section: 'reasoning_summary', text: 'Thinking about it.' },
      { type: 'text', section: 'reasoning', text: 'raw thought' },
      { type: 'proof', proof: [{ label: 'root', kind: 'rule', detail: 'rdfs9', children: [] }] },
    ],
  },
  {
    name: 'reasoning field variants without phases',
    frames: [{ data: chunk({ reasoning: 'hmm' }) }, { data: chunk({ reasoning_content: 'so' }) }],
    want: [{ type: 'text', section: 'reasoning', text: 'hmm' }, { type: 'text', section: 'reasoning', text: 'so' }],
  },
  {
    name: 'tool call deltas, finish, usage-only last chunk',
    frames: [
      { data: chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] }) },
      { data: chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] }) },
      { data: JSON.stringify({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }) },
      { data: JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } }) },
    ],
    want: [
      { type: 'tool_call', index: 0, id: 'call_1', name: 'f', argumentsDelta: '' },
      { type: 'tool_call', index: 0, argumentsDelta: '{"a":1}' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 5, totalTokens: 8 } },
    ],
  },
  {
    name: 'SSE error event mid-stream',
    frames: [{ event: 'error', data: '{"error":{"message":"upstream died","type":"server_error","code":"upstream_error"}}' }],
    want: [{ type: 'error', message: 'upstream died', code: 'upstream_error' }],
  },
  {
    name: 'proof tree on the final chunk, top-level or under psr',
    frames: [
      { data: chunk({}, { proof: { label: 'a isA c', children: [{ label: 'a isA b' }, 'b isA c'] } }) },
      { data: chunk({}, { psr: { proof: [{ label: 'x', kind: 'fact', source: 'kb.ttl', confidence: 0.9, children: [] }] } }) },
    ],
    want: [
      { type: 'proof', proof: [{ label: 'a isA c', children: [{ label: 'a isA b' }, { label: 'b isA c' }] }] },
      { type: 'proof', proof: [{ label: 'x', kind: 'fact', detail: 'kb.ttl · confidence 0.90', children: [] }] },
    ],
  },
  {
    name: 'choices other than 0 are not shown; garbage ignored',
    frames: [{ data: JSON.stringify({ choices: [{ index: 1, delta: { content: 'no' } }] }) }, { data: 'not json' }],
    want: [],
  },
];

for (const c of cases) {
  test(`chunk reader: ${c.name}`, () => {
    const reader = new ChunkReader();
    const got = c.frames.flatMap((f) => reader.read({ event: f.event ?? 'message', data: f.data }));
    assert.deepEqual(got, c.want);
  });
}

test('chunk reader: [DONE] marks the stream done', () => {
  const reader = new ChunkReader();
  assert.equal(reader.done, false);
  reader.read({ event: 'message', data: '[DONE]' });
  assert.equal(reader.done, true);
});
