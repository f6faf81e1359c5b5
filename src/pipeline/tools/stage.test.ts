/** The tool-call stage over real event streams: deltas, finish reasons, choices, splits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { accumulate } from '../../core/accumulate.js';
import { toolCallStage } from './stage.js';

const TOOLS: GenerateRequest['tools'] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time' } },
];

function request(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: 'm', input: { kind: 'chat', messages: [] }, n: 1, stop: [], sampling: {}, extra: {}, tools: TOOLS, toolChoice: 'auto', ...over };
}

async function* source(events: EngineEvent[]): AsyncIterable<EngineEvent> {
  yield* events;
}

async function collect(parser: string | ((req: GenerateRequest) => string), events: EngineEvent[], req = request()): Promise<EngineEvent[]> {
  let n = 0;
  const out: EngineEvent[] = [];
  for await (const ev of toolCallStage(parser, { newId: () => `call_${n++}` })(source(events), req)) out.push(ev);
  return out;
}

/** The non-streaming view of the same events, through the real accumulate(); per choice: content, calls, finish. */
async function accumulateAll(events: EngineEvent[]): Promise<Record<number, { content: string; calls: { id: string; name: string; arguments: string }[]; finish: string }>> {
  const acc = await accumulate(source(events));
  return Object.fromEntries(acc.choices.map((c) => [c.index, { content: c.content, calls: c.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })), finish: c.finishReason }]));
}

const contentEvents = (text: string, pieces: number[], choice = 0): EngineEvent[] => {
  const cuts = [0, ...pieces, text.length];
  return cuts.slice(1).map((end, i) => ({ type: 'content' as const, choice, text: text.slice(cuts[i], end) }));
};

const HERMES = 'Checking.\n<tool_call>{"name":"get_weather","arguments":{"city":"Paris"}}</tool_call><tool_call>{"name":"get_time","arguments":{}}</tool_call>';

test('deltas follow the OpenAI rules and finish becomes tool_calls', async () => {
  const out = await collect('hermes', [...contentEvents(HERMES, []), { type: 'finish', choice: 0, reason: 'stop' }]);
  assert.deepEqual(out, [
    { type: 'content', choice: 0, text: 'Checking.' },
    { type: 'tool_call', choice: 0, index: 0, id: 'call_0', name: 'get_weather', argumentsDelta: '' },
    { type: 'tool_call', choice: 0, index: 0, argumentsDelta: '{"city":"Paris"}' },
    { type: 'tool_call', choice: 0, index: 1, id: 'call_1', name: 'get_time', argumentsDelta: '' },
    { type: 'tool_call', choice: 0, index: 1, argumentsDelta: '{}' },
    { type: 'finish', choice: 0, reason: 'tool_calls' },
  ]);
});

test('streaming split at every boundary accumulates to the non-streaming result', async () => {
  const whole = await accumulateAll(await collect('hermes', [...contentEvents(HERMES, []), { type: 'finish', choice: 0, reason: 'stop' }]));
  for (let i = 1; i < HERMES.length; i++) {
    const split = await accumulateAll(await collect('hermes', [...contentEvents(HERMES, [i]), { type: 'finish', choice: 0, reason: 'stop' }]));
    assert.deepEqual(split, whole, `split at ${i}`);
  }
});

test('inactive without tools or with toolChoice none', async () => {
  const events: EngineEvent[] = [...contentEvents(HERMES, [5]), { type: 'finish', choice: 0, reason: 'stop' }];
  for (const req of [request({ tools: undefined }), request({ tools: [] }), request({ toolChoice: 'none' })]) {
    assert.deepEqual(await collect('hermes', events, req), events);
  }
});

test('parallelToolCalls false and legacy functions keep only the first call', async () => {
  for (const req of [request({ parallelToolCalls: false }), request({ legacyFunctions: true })]) {
    const out = await accumulateAll(await collect('hermes', [...contentEvents(HERMES, []), { type: 'finish', choice: 0, reason: 'stop' }], req));
    assert.deepEqual(out[0].calls.map((c) => c.name), ['get_weather']);
    assert.equal(out[0].finish, 'tool_calls');
  }
});

test('choices are parsed independently', async () => {
  const out = await accumulateAll(
    await collect('reframr', [
      ...contentEvents('<tool_call>get_time {}', [4], 0),
      ...contentEvents('Just text.', [3], 1),
      { type: 'finish', choice: 1, reason: 'stop' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ]),
  );
  assert.deepEqual(out[0], { content: '', calls: [{ id: 'call_0', name: 'get_time', arguments: '{}' }], finish: 'tool_calls' });
  assert.deepEqual(out[1], { content: 'Just text.', calls: [], finish: 'stop' });
});

test('a call cut off by length keeps finish length; held text is flushed without finish', async () => {
  const cut = await accumulateAll(await collect('reframr', [...contentEvents('<tool_call>get_weather {"city":"Pa', [7]), { type: 'finish', choice: 0, reason: 'length' }]));
  assert.deepEqual(cut[0], { content: '', calls: [{ id: 'call_0', name: 'get_weather', arguments: '{"city":"Pa"}' }], finish: 'length' });
  const noFinish = await accumulateAll(await collect('reframr', contentEvents('see <tool', [])));
  assert.equal(noFinish[0].content, 'see <tool');
});

test('engine-native tool calls pass through and parsed ones take the next index', async () => {
  const out = await accumulateAll(
    await collect('reframr', [
      { type: 'tool_call', choice: 0, index: 0, id: 'call_native', name: 'get_time', argumentsDelta: '{}' },
      ...contentEvents('<tool_call>get_weather {"city":"Paris"}', []),
      { type: 'finish', choice: 0, reason: 'stop' },
    ]),
  );
  assert.deepEqual(out[0].calls.map((c) => [c.id, c.name]), [['call_native', 'get_time'], ['call_0', 'get_weather']]);
});

test('the parser can be chosen per request', async () => {
  const pick = (req: GenerateRequest) => (req.model.startsWith('mistral') ? 'mistral' : 'hermes');
  const mistral = await accumulateAll(await collect(pick, [...contentEvents('[TOOL_CALLS]get_time[ARGS]{}', [3]), { type: 'finish', choice: 0, reason: 'stop' }], request({ model: 'mistral-small' })));
  assert.deepEqual(mistral[0].calls.map((c) => c.name), ['get_time']);
  const hermes = await accumulateAll(await collect(pick, [...contentEvents('[TOOL_CALLS]get_time[ARGS]{}', [3]), { type: 'finish', choice: 0, reason: 'stop' }], request({ model: 'qwen3' })));
  assert.equal(hermes[0].content, '[TOOL_CALLS]get_time[ARGS]{}');
  await assert.rejects(collect(() => 'nope', contentEvents('x', [])), /unknown tool-call parser 'nope'/);
});

test('logprobs stay on the content that is still shown; unknown parser fails early', async () => {
  const lp = [{ token: 'Hi', logprob: -0.1, topLogprobs: [] }];
  const out = await collect('hermes', [{ type: 'content', choice: 0, text: 'Hi', logprobs: lp }]);
  assert.deepEqual(out, [{ type: 'content', choice: 0, text: 'Hi', logprobs: lp }]);
  assert.throws(() => toolCallStage('qwen9'), /unknown tool-call parser 'qwen9'/);
});
