import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulate } from './accumulate.js';
import type { EngineEvent } from './types.js';

async function* from(events: EngineEvent[]): AsyncIterable<EngineEvent> {
  yield* events;
}

test('accumulate joins content, reasoning and tool-call deltas per choice, in index order', async () => {
  const acc = await accumulate(from([
    { type: 'reasoning', choice: 1, text: 'think ' },
    { type: 'content', choice: 0, text: 'Hel' },
    { type: 'reasoning', choice: 1, text: 'more' },
    { type: 'content', choice: 0, text: 'lo' },
    { type: 'tool_call', choice: 1, index: 0, id: 'call_1', name: 'f', argumentsDelta: '{"a"' },
    { type: 'tool_call', choice: 1, index: 0, argumentsDelta: ':1}' },
    { type: 'phase', choice: 0, phase: 'final_output' },
    { type: 'meta', choice: 0, key: 'proof', value: [1] },
    { type: 'finish', choice: 0, reason: 'stop' },
    { type: 'finish', choice: 1, reason: 'tool_calls' },
    { type: 'usage', promptTokens: 3, completionTokens: 4 },
  ]));
  assert.equal(acc.choices.length, 2);
  assert.deepEqual(acc.choices.map((c) => c.index), [0, 1]);
  assert.equal(acc.choices[0]!.content, 'Hello');
  assert.deepEqual(acc.choices[0]!.phases, [{ phase: 'final_output' }]);
  assert.deepEqual(acc.choices[0]!.meta, { proof: [1] });
  assert.equal(acc.choices[1]!.reasoning, 'think more');
  assert.deepEqual(acc.choices[1]!.toolCalls, [{ index: 0, id: 'call_1', name: 'f', arguments: '{"a":1}' }]);
  assert.equal(acc.choices[1]!.finishReason, 'tool_calls');
  assert.deepEqual(acc.usage, { promptTokens: 3, completionTokens: 4, reasoningTokens: undefined });
});

test('accumulate of an empty stream has no choices and no usage', async () => {
  assert.deepEqual(await accumulate(from([])), { choices: [] });
});
