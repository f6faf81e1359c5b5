import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { reasoningStage } from './stage.js';

const REQ = { model: 'm', input: { kind: 'text', prompt: '' }, n: 2, stop: [], sampling: {}, extra: {} } as GenerateRequest;

async function run(spec: Parameters<typeof reasoningStage>[0], input: EngineEvent[]): Promise<EngineEvent[]> {
  async function* src(): AsyncIterable<EngineEvent> {
    yield* input;
  }
  const out: EngineEvent[] = [];
  for await (const ev of reasoningStage(spec)(src(), REQ)) out.push(ev);
  return out;
}

const c = (choice: number, text: string): EngineEvent => ({ type: 'content', choice, text });
const r = (choice: number, text: string): EngineEvent => ({ type: 'reasoning', choice, text });
const fin = (choice: number): EngineEvent => ({ type: 'finish', choice, reason: 'stop' });

test('reasoning stage: choices keep separate state and flush before their own finish', async () => {
  const out = await run('think_tags', [c(0, '<think>a'), c(1, 'plain <th'), c(0, '</think>A'), c(1, 'ink>b'), fin(0), c(1, '</think>B'), fin(1)]);
  assert.deepEqual(out, [r(0, 'a'), c(1, 'plain '), c(0, 'A'), r(1, 'b'), fin(0), c(1, 'B'), fin(1)]);
});

test('reasoning stage: tool calls, usage and meta pass through in order; held text flushes at end of stream', async () => {
  const tool: EngineEvent = { type: 'tool_call', choice: 0, index: 0, id: 't1', name: 'f', argumentsDelta: '{}' };
  const usage: EngineEvent = { type: 'usage', promptTokens: 1, completionTokens: 2 };
  const out = await run({ parser: 'think_tags', startsInReasoning: true }, [c(0, 'x</think>'), tool, usage, c(0, 'tail <thi')]);
  assert.deepEqual(out, [r(0, 'x'), tool, usage, c(0, 'tail '), c(0, '<thi')]);
});

test('reasoning stage: upstream reasoning field wins, so a startsInReasoning parser cannot swallow the answer', async () => {
  const out = await run({ parser: 'think_tags', startsInReasoning: true }, [r(0, 'thought'), c(0, 'The answer.'), fin(0)]);
  assert.deepEqual(out, [r(0, 'thought'), c(0, 'The answer.'), fin(0)]);
});

test('reasoning stage: logprobs stay on the first answer piece of their chunk', async () => {
  const lp = [{ token: 'x', logprob: -0.1, topLogprobs: [] }];
  const out = await run('think_tags', [{ type: 'content', choice: 0, text: 'r</think>ans', logprobs: lp }, { type: 'content', choice: 0, text: '<think>y</think>z', logprobs: lp }]);
  assert.deepEqual(out, [
    { type: 'content', choice: 0, text: 'r</think>ans', logprobs: lp },
    r(0, 'y'),
    { type: 'content', choice: 0, text: 'z', logprobs: lp },
  ]);
});

test('reasoning stage: the pass-through shortcut gives what the parser itself gives, for every parser and split', async () => {
  const { reasoningParsers, createReasoningParser } = await import('./registry.js');
  const texts = ['<think>plan</think>\n\nThe answer', '  Let me think. Therefore, 4', 'plain answer <think>not reasoning</think> end'];
  for (const name of reasoningParsers.list()) {
    for (const text of texts) {
      for (let cut = 0; cut <= text.length; cut++) {
        // an empty chunk between the pieces, as upstreams send with role or finish deltas
        const chunks = [text.slice(0, cut), '', text.slice(cut), ''];
        const parser = createReasoningParser(name);
        const pieces = [...chunks.flatMap((t) => parser.push(t)), ...parser.finish()];
        const want = pieces.map((p) => `${p.kind}:${p.text}`).join('|');
        const got = (await run(name, [...chunks.map((t) => c(0, t)), fin(0)]))
          .filter((e) => e.type !== 'finish')
          .map((e) => (e.type === 'content' || e.type === 'reasoning' ? `${e.type}:${e.text}` : e.type));
        // the stage may split a run of one kind into several events; compare the kinds' texts in order
        const merge = (list: string[]) => list.reduce<string[]>((acc, s) => {
          const [kind] = s.split(':', 1);
          const last = acc.at(-1);
          if (last?.startsWith(`${kind}:`)) acc[acc.length - 1] = last + s.slice(kind!.length + 1);
          else acc.push(s);
          return acc;
        }, []);
        assert.deepEqual(merge(got), merge(want ? want.split('|') : []), `${name} cut ${cut}`);
      }
    }
  }
});
