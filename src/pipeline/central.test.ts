import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulate } from '../core/accumulate.js';
import type { EngineEvent, GenerateRequest } from '../core/types.js';
import { fanOut } from './fan-out.js';
import { maxTokens } from './max-tokens.js';
import { usage } from './usage.js';

function request(extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: 'm', input: { kind: 'text', prompt: 'count' }, n: 1, stop: [], sampling: {}, extra: {}, ...extra };
}

async function* words(text: string, choice = 0): AsyncIterable<EngineEvent> {
  for (const w of text.split(/(?= )/)) yield { type: 'content', choice, text: w };
  yield { type: 'finish', choice, reason: 'stop' };
}

test('maxTokens cuts reasoning+content at the limit and finishes with length', async () => {
  const table: Array<[number | undefined, string, string]> = [
    [undefined, 'one two three', 'stop'],
    [3, 'one two three', 'stop'],
    [2, 'one two', 'length'],
    [1, 'one', 'length'],
  ];
  for (const [limit, content, finish] of table) {
    const acc = await accumulate(maxTokens(words('one two three'), request(limit === undefined ? {} : { maxTokens: limit })));
    assert.equal(acc.choices[0]!.content, content, String(limit));
    assert.equal(acc.choices[0]!.finishReason, finish, String(limit));
  }
  async function* mixed(): AsyncIterable<EngineEvent> {
    yield { type: 'reasoning', choice: 0, text: 'think think' };
    yield { type: 'content', choice: 0, text: 'a b c' };
  }
  const acc = await accumulate(maxTokens(mixed(), request({ maxTokens: 3 })));
  assert.equal(acc.choices[0]!.reasoning, 'think think');
  assert.equal(acc.choices[0]!.content, 'a');
  assert.equal(acc.choices[0]!.finishReason, 'length');
});

test('fanOut calls the engine n times with seed+i and re-indexes choices; usage merged', async () => {
  const seeds: Array<number | undefined> = [];
  const engine = async function* (req: GenerateRequest): AsyncIterable<EngineEvent> {
    seeds.push(req.sampling.seed);
    assert.equal(req.n, 1);
    yield* words(`seed ${req.sampling.seed}`);
    yield { type: 'usage', promptTokens: 5, completionTokens: 2 };
  };
  const acc = await accumulate(fanOut(engine)(request({ n: 3, sampling: { seed: 10 } }), new AbortController().signal));
  assert.deepEqual(seeds, [10, 11, 12]);
  assert.deepEqual(acc.choices.map((c) => [c.index, c.content]), [[0, 'seed 10'], [1, 'seed 11'], [2, 'seed 12']]);
  assert.deepEqual(acc.usage, { promptTokens: 5, completionTokens: 6, reasoningTokens: undefined });
});

test('usage passes an engine count through, or synthesizes one, always exactly once at the end', async () => {
  const events: EngineEvent[] = [];
  for await (const ev of usage(words('a b c'), request())) events.push(ev);
  assert.equal(events.filter((e) => e.type === 'usage').length, 1);
  assert.deepEqual(events.at(-1), { type: 'usage', promptTokens: 1, completionTokens: 3, reasoningTokens: undefined });
  async function* reported(): AsyncIterable<EngineEvent> {
    yield { type: 'usage', promptTokens: 9, completionTokens: 9 };
    yield* words('x');
  }
  const out: EngineEvent[] = [];
  for await (const ev of usage(reported(), request())) out.push(ev);
  assert.deepEqual(out.at(-1), { type: 'usage', promptTokens: 9, completionTokens: 9 });
  assert.equal(out.filter((e) => e.type === 'usage').length, 1);
});
