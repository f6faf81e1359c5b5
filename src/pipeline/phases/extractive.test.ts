import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, GenerateRequest } from '../../core/types.js';
import { extractiveSummary, promptSummary, splitSentences, truncate } from './extractive.js';

const chat = (messages: ChatMessage[]): GenerateRequest => ({ model: 'm', input: { kind: 'chat', messages }, n: 1, stop: [], sampling: {}, extra: {} });

test('extractive: sentences split at . ! ? and line breaks; code blocks collapse', () => {
  assert.deepEqual(splitSentences('One. Two!  Three?\nFour\n\n```js\nx = 1. y\n```\nFive.'), ['One.', 'Two!', 'Three?', 'Four', '[code]', 'Five.']);
});

test('extractive: truncate cuts at a word boundary and marks the cut', () => {
  assert.equal(truncate('short', 10), 'short');
  assert.equal(truncate('the quick brown fox jumps', 16), 'the quick brown…');
  assert.ok(truncate('x'.repeat(50), 10).length <= 10);
});

test('extractive: the summary keeps conclusions and numbers, drops fillers, stays in order and bounded', () => {
  const reasoning = 'Okay, the user wants the sum of two and two. Hmm. Wait. Let me recall how addition works for small numbers. ' +
    'Counting up from 2 by 2 steps gives 4. I should double check by another route to be sure. Therefore, the answer is 4.';
  const s = extractiveSummary(reasoning, { maxChars: 200, maxSentences: 3 });
  assert.equal(s, 'Okay, the user wants the sum of two and two. Counting up from 2 by 2 steps gives 4. Therefore, the answer is 4.');
  assert.equal(extractiveSummary(reasoning, { maxSentences: 1 }), 'Therefore, the answer is 4.');
  assert.ok(extractiveSummary(reasoning.repeat(20), { maxChars: 80 }).length <= 80);
  assert.equal(extractiveSummary('   '), '');
  assert.equal(extractiveSummary('Hmm.'), 'Hmm.');
});

test('prompt summary: the last user question, labelled, with the history counted', () => {
  const req = chat([
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
    { role: 'user', content: 'I have a list of numbers. What is the median of 3, 1, 2?' },
  ]);
  assert.equal(promptSummary(req), 'Question: What is the median of 3, 1, 2? (after 2 earlier messages)');
});

test('prompt summary: requests, text prompts, attachments, empty prompts, long prompts', () => {
  assert.equal(promptSummary(chat([{ role: 'user', content: 'Write a haiku about autumn. Make it sad.' }])), 'Request: Write a haiku about autumn.');
  assert.equal(promptSummary(chat([{ role: 'user', content: 'explain recursion' }])), 'Question: explain recursion');
  const parts = chat([{ role: 'user', content: [{ type: 'text', text: 'Describe this image' }, { type: 'image_url', image_url: { url: 'data:' } }] }]);
  assert.equal(promptSummary(parts), 'Request: Describe this image (+1 attachment)');
  assert.equal(promptSummary({ ...chat([]), input: { kind: 'text', prompt: 'Once upon a time' } }), 'Request: Once upon a time');
  assert.equal(promptSummary(chat([{ role: 'user', content: '' }])), 'Request: (no text)');
  const long = promptSummary(chat([{ role: 'user', content: `Why ${'very '.repeat(200)}long?` }]), 120);
  assert.ok(long.length <= 120 && long.startsWith('Question: Why very') && long.endsWith('…'), long);
});
