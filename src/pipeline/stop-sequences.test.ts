import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulate } from '../core/accumulate.js';
import type { EngineEvent, GenerateRequest } from '../core/types.js';
import { stopSequences } from './stop-sequences.js';

function request(stop: string[], n = 1): GenerateRequest {
  return { model: 'm', input: { kind: 'text', prompt: '' }, n, stop, sampling: {}, extra: {} };
}

async function* stream(pieces: string[], finish = true): AsyncIterable<EngineEvent> {
  for (const text of pieces) yield { type: 'content', choice: 0, text };
  if (finish) yield { type: 'finish', choice: 0, reason: 'stop' };
  yield { type: 'usage', promptTokens: 1, completionTokens: 2 };
}

const cases: Array<{ text: string; stops: string[]; content: string; finish: string }> = [
  { text: 'The answer is 4.', stops: ['is 4'], content: 'The answer ', finish: 'stop' },
  { text: 'abcabd', stops: ['abd'], content: 'abc', finish: 'stop' },
  { text: 'one\n\ntwo', stops: ['\n\n', 'one'], content: '', finish: 'stop' },
  { text: 'xxxyyy', stops: ['yy', 'xy'], content: 'xx', finish: 'stop' },
  { text: 'no match here', stops: ['zz', 'here!'], content: 'no match here', finish: 'stop' },
  { text: 'ends with a prefix: END', stops: ['END.'], content: 'ends with a prefix: END', finish: 'stop' },
  { text: 'aaaa', stops: ['aab'], content: 'aaaa', finish: 'stop' },
  { text: 'héllo wörld', stops: ['ö'], content: 'héllo w', finish: 'stop' },
];

test('stop sequences: same result whole, split at every boundary, and char by char', async () => {
  for (const c of cases) {
    const splits: string[][] = [[c.text], [...c.text]];
    for (let i = 0; i <= c.text.length; i++) splits.push([c.text.slice(0, i), c.text.slice(i)]);
    for (const pieces of splits) {
      for (const finish of [true, false]) {
        const acc = await accumulate(stopSequences(stream(pieces, finish), request(c.stops)));
        const where = `${JSON.stringify(c.text)} / ${JSON.stringify(pieces)} finish=${finish}`;
        assert.equal(acc.choices[0]?.content ?? '', c.content, where);
        if (finish || c.content !== c.text) assert.equal(acc.choices[0]?.finishReason, c.finish, where);
        // A hit stops pulling from the engine (its usage is then synthesized by the usage stage).
        if (c.content === c.text) assert.ok(acc.usage, where);
      }
    }
  }
});

test('a stop ends only its own choice and emits exactly one finish for it', async () => {
  async function* two(): AsyncIterable<EngineEvent> {
    yield { type: 'content', choice: 0, text: 'a STOP b' };
    yield { type: 'content', choice: 1, text: 'keep going' };
    yield { type: 'content', choice: 0, text: 'more' };
    yield { type: 'finish', choice: 0, reason: 'length' };
    yield { type: 'finish', choice: 1, reason: 'stop' };
  }
  const events: EngineEvent[] = [];
  for await (const ev of stopSequences(two(), request(['STOP'], 2))) events.push(ev);
  assert.deepEqual(events.filter((e) => e.type === 'finish'), [
    { type: 'finish', choice: 0, reason: 'stop' },
    { type: 'finish', choice: 1, reason: 'stop' },
  ]);
  const acc = await accumulate((async function* () { yield* events; })());
  assert.deepEqual(acc.choices.map((c) => c.content), ['a ', 'keep going']);
});
