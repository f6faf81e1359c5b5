import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulate } from '../core/accumulate.js';
import type { Engine, EngineEvent, GenerateRequest } from '../core/types.js';
import { createPipeline } from './pipeline.js';
import { breakerStates, createReasoningGateway } from './reasoning-gateway.js';
import { ModelRouter } from './router.js';
import { shapeForUpstream } from './upstream-chain.js';

/** An engine that replays a fixed script and reports no usage (like many local servers). */
function scripted(events: EngineEvent[]): Engine {
  return {
    name: 'scripted',
    native: { n: true, stop: true, maxTokens: true },
    models: () => [{ id: 'scripted-model', ownedBy: 'test' }],
    async *generate() {
      yield* events;
    },
    health: async () => ({ ok: true }),
  };
}

const req = (extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  model: 'scripted-model', input: { kind: 'chat', messages: [{ role: 'user', content: 'What is 2+2?' }] }, n: 1, stop: [], sampling: {}, extra: {}, ...extra,
});

test('phases run after usage: summaries replace raw reasoning, yet its tokens are counted', async () => {
  const gw = createReasoningGateway();
  const engine = scripted([
    { type: 'content', choice: 0, text: '<think>Two plus two is four. ' },
    { type: 'content', choice: 0, text: 'That is simple.</think>The answer is 4.' },
    { type: 'finish', choice: 0, reason: 'stop' },
  ]);
  const generate = createPipeline(new ModelRouter([engine]), gw.pipeline);
  const acc = await accumulate(generate(req(), new AbortController().signal));
  const c = acc.choices[0]!;
  assert.equal(c.content, 'The answer is 4.');
  assert.equal(c.reasoning, '', 'summarize (the default): no raw reasoning to the client');
  assert.deepEqual(c.phases.map((p) => p.phase), ['prompt_summary', 'reasoning_summary', 'reasoning_summary', 'final_output']);
  assert.ok((acc.usage?.reasoningTokens ?? 0) >= 8, `reasoning tokens counted: ${JSON.stringify(acc.usage)}`);
  // Text completions have no place for summaries: no phases, raw reasoning kept.
  const text = await accumulate(generate(req({ input: { kind: 'text', prompt: 'What is 2+2?' } }), new AbortController().signal));
  assert.deepEqual([text.choices[0]!.phases, text.choices[0]!.reasoning], [[], 'Two plus two is four. That is simple.']);
});

test('phases off: the splitter still runs, nothing else is added', async () => {
  const gw = createReasoningGateway({ settings: { phases: false } });
  const engine = scripted([{ type: 'content', choice: 0, text: '<think>hm</think>4' }, { type: 'finish', choice: 0, reason: 'stop' }]);
  const acc = await accumulate(createPipeline(new ModelRouter([engine]), gw.pipeline)(req(), new AbortController().signal));
  assert.deepEqual([acc.choices[0]!.content, acc.choices[0]!.reasoning, acc.choices[0]!.phases], ['4', 'hm', []]);
});

test('shapeForUpstream: effort mapped per config, client extras win, history reasoning reshaped', () => {
  const history: GenerateRequest['input'] = {
    kind: 'chat',
    messages: [{ role: 'assistant', content: 'A', reasoning_content: 'r' }, { role: 'user', content: 'Q' }],
  };
  const cases: Array<[Parameters<typeof shapeForUpstream>[1], Partial<GenerateRequest>, Record<string, unknown>, Record<string, unknown>]> = [
    [{ reasoningEffort: { field: 'reasoning_effort' }, historyReasoning: 'reasoning_content' }, { reasoningEffort: 'low' }, { reasoning_effort: 'low' }, { role: 'assistant', content: 'A', reasoning_content: 'r' }],
    [{ reasoningEffort: { field: null }, historyReasoning: 'drop' }, { reasoningEffort: 'high' }, {}, { role: 'assistant', content: 'A' }],
    [{ reasoningEffort: { field: 'thinking.budget', values: { low: 1024 } }, historyReasoning: 'reasoning' }, { reasoningEffort: 'low', extra: { thinking: { type: 'enabled' } } }, { thinking: { budget: 1024, type: 'enabled' } }, { role: 'assistant', content: 'A', reasoning: 'r' }],
  ];
  for (const [cfg, over, extra, assistant] of cases) {
    const out = shapeForUpstream(req({ input: history, ...over }), cfg);
    assert.equal(out.reasoningEffort, undefined);
    assert.deepEqual(out.extra, extra);
    assert.deepEqual(out.input.kind === 'chat' && out.input.messages[0], assistant);
  }
});

test('every configured target has a breaker from the start', async () => {
  const gw = createReasoningGateway({ targets: [{ name: 'a', url: 'http://127.0.0.1:9' }], chains: { mock: [{ name: 'mock', url: 'http://127.0.0.1:9' }] } });
  assert.deepEqual(breakerStates(gw.board), { a: 'closed', mock: 'closed' });
  assert.deepEqual(gw.engines.map((e) => e.name), ['upstream', 'mock']);
  await Promise.all(gw.engines.map((e) => e.close()));
});
