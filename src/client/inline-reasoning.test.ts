import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatStreamEvent } from './events.js';
import { splitInlineReasoning } from './inline-reasoning.js';

async function run(chunks: string[]): Promise<{ reasoning: string; content: string }> {
  async function* source(): AsyncGenerator<ChatStreamEvent> {
    for (const text of chunks) yield { type: 'text', section: 'content', text };
    yield { type: 'finish', reason: 'stop' };
    yield { type: 'done', aborted: false, timings: { totalMs: 1 } };
  }
  const out = { reasoning: '', content: '' };
  for await (const e of splitInlineReasoning(source())) {
    if (e.type === 'text') out[e.section === 'reasoning' ? 'reasoning' : 'content'] += e.text;
  }
  return out;
}

const cases: Array<{ name: string; text: string; want: { reasoning: string; content: string } }> = [
  { name: 'leading think block', text: '<think>add them</think>\n\nThe answer is 4.', want: { reasoning: 'add them', content: 'The answer is 4.' } },
  { name: 'no reasoning: untouched', text: 'Plain answer with <think> in the middle.', want: { reasoning: '', content: 'Plain answer with <think> in the middle.' } },
  { name: 'unclosed block stays reasoning', text: '<think>still thinking', want: { reasoning: 'still thinking', content: '' } },
];

for (const c of cases) {
  test(`inline reasoning: ${c.name}, whole and split at every character`, async () => {
    const whole = await run([c.text]);
    assert.equal(whole.reasoning.trim(), c.want.reasoning);
    assert.equal(whole.content.trim(), c.want.content);
    for (let i = 1; i < c.text.length; i++) {
      const split = await run([c.text.slice(0, i), c.text.slice(i)]);
      assert.deepEqual(split, whole, `split at ${i}`);
    }
  });
}
