/**
 * Phased streaming through `psr serve` over a real mock upstream, in every reasoning shape the
 * mock speaks: the phases in order on the wire, the answer alone in `content`, summaries in
 * `reasoning_content`, the same information without streaming, the official SDK unharmed, the
 * prompt summary out while the upstream has not sent a byte, and `event: phase` only on request.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { assertSpec } from './helpers/openapi.js';
import { ask, startGateway, type GatewayStack } from './helpers/gateway-stack.js';
import { sseFrames } from './helpers/psr-stack.js';

let gw: GatewayStack;
before(async () => {
  gw = await startGateway({
    settings: {
        models: [],
    },
  });
});
after(() => gw?.close());

type Chunk = { choices: Array<{ index: number; delta: Record<string, string | undefined>; finish_reason: string | null }>; phase?: string };

const WITH_REASONING = ['prompt_summary', 'reasoning_summary', 'reasoning_summary', 'final_output'];
const CASES: Array<{ shape: string; phases: string[] }> = [
  { shape: 'tags', phases: WITH_REASONING },
  { shape: 'reasoning-tags', phases: WITH_REASONING },
  { shape: 'field-reasoning_content', phases: WITH_REASONING },
  { shape: 'field-reasoning', phases: WITH_REASONING },
  { shape: 'none', phases: ['prompt_summary', 'final_output'] },
];

/** The phase of every chunk that opens or carries a phase (answer chunks only repeat final_output). */
function phaseMarks(chunks: Chunk[]): string[] {
  return chunks.filter((c) => c.phase && !(c.phase === 'final_output' && c.choices[0]?.delta.content !== undefined)).map((c) => c.phase!);
}

async function streamed(body: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ ...body, stream: true }), headers: { 'content-type': 'application/json', ...headers } });
  const raw = await res.text();
  const chunks = raw.split('\n\n').filter((f) => f.startsWith('data: {')).map((f) => JSON.parse(f.slice(6)) as Chunk);
  return { status: res.status, raw, chunks };
}

for (const { shape, phases } of CASES) {
  test(`${shape}: phases in order, the answer alone in content, summaries in reasoning_content`, async () => {
    const { status, raw, chunks } = await streamed(ask({}, { reasoning: shape, token_delay_ms: 2 }));
    assert.equal(status, 200);
    for (const c of chunks) assertSpec('CreateChatCompletionStreamResponse', c);
    assert.deepEqual(phaseMarks(chunks), phases);
    assert.equal(chunks[0]!.phase, 'prompt_summary', 'the prompt summary is the very first chunk');
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'The answer is 4.');
    const reasoning = chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
    assert.match(reasoning, /^Question: What is 2\+2\?\n/);
    if (phases.length > 2) assert.match(reasoning, /Adding 2 and 2 gives 4/);
    assert.doesNotMatch(raw, /<\/?(think|reasoning)>/);
    assert.doesNotMatch(raw, /event: phase/, 'no bare phase frames unless asked');

    const whole = await gw.client.chat.completions.create(ask({}, { reasoning: shape }) as never) as unknown as Record<string, never>;
    assertSpec('CreateChatCompletionResponse', whole);
    const choice = (whole.choices as Array<{ message: { content: string; reasoning_content?: string }; phases: Array<{ phase: string }> }>)[0]!;
    assert.equal(choice.message.content, 'The answer is 4.');
    assert.equal(choice.message.reasoning_content, reasoning, 'non-streaming carries the same reasoning text');
    assert.deepEqual(choice.phases.map((p) => p.phase), phases);
  });
}

test('no-open-tag (an R1 distill) with its model config: reasoning split, the answer exact', async () => {
  // The chat template opened <think>; the output only closes it. The model config says so.
  const r1 = await startGateway({ settings: { models: [{ match: 'mock-reasoner', reasoning: { parser: 'think_tags', startsInReasoning: true } }] } });
  try {
    for (const split of [1, 0]) {
      const body = { ...ask({}, { reasoning: 'no-open-tag' }) };
      const res = await fetch(`${r1.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, stream: split === 1 }) });
      const text = await res.text();
      if (split) {
        const chunks = text.split('\n\n').filter((f) => f.startsWith('data: {')).map((f) => JSON.parse(f.slice(6)) as Chunk);
        assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'The answer is 4.');
        assert.deepEqual(phaseMarks(chunks), WITH_REASONING);
      } else {
        const msg = (JSON.parse(text) as { choices: Array<{ message: { content: string; reasoning_content: string } }> }).choices[0]!.message;
        assert.equal(msg.content, 'The answer is 4.');
        assert.match(msg.reasoning_content, /Adding 2 and 2 gives 4/);
      }
    }
  } finally {
    await r1.close();
  }
});

test('the prompt summary goes out while the upstream has not sent a single byte', async () => {
  const ac = new AbortController();
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST', signal: ac.signal, headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...ask({}, { first_byte_delay_ms: 30_000 }), stream: true }),
  });
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  const first = new TextDecoder().decode(value);
  assert.match(first, /"phase":"prompt_summary"/);
  const stats = gw.mocks.a!.stats();
  assert.equal(stats.active, 1, 'the upstream request is still waiting for its first byte');
  ac.abort();
  await reader.cancel().catch(() => undefined);
});

test('the official openai client streams phased chunks without tripping over them', async () => {
  const stream = gw.client.chat.completions.stream(ask({}, { token_delay_ms: 1 }) as never);
  let content = '';
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    content += chunk.choices[0]?.delta?.content ?? '';
  }
  const final = await stream.finalChatCompletion();
  assert.equal(content, 'The answer is 4.');
  assert.equal(final.choices[0]!.message.content, 'The answer is 4.');
  assert.ok(chunks >= 6);
  const raw = await gw.client.chat.completions.create({ ...ask(), stream: true } as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
  let text = '';
  for await (const chunk of raw) text += chunk.choices[0]?.delta?.content ?? '';
  assert.equal(text, 'The answer is 4.');
});

test('event: phase frames only when asked, by stream_options or header', async () => {
  const byOption = await sseFrames(`${gw.url}/v1/chat/completions`, { ...ask(), stream: true, stream_options: { phase_events: true } });
  const named = byOption.frames.filter((f) => f.event === 'phase').map((f) => (JSON.parse(f.data) as { phase: string }).phase);
  assert.deepEqual(named, ['prompt_summary', 'reasoning_summary', 'final_output']);
  const byHeader = await streamed(ask(), { 'x-psr-phase-events': '1' });
  assert.equal(byHeader.raw.match(/event: phase\n/g)?.length, 3);
  const plain = await streamed(ask());
  assert.equal(plain.raw.match(/event: phase\n/g), null);
});

test('the symbolic engine gets the same phases around its own trace', async () => {
  const { chunks } = await streamed({ model: 'psycho-symbolic-v1', messages: [{ role: 'user', content: 'Is a dog a mammal?' }] });
  const marked = phaseMarks(chunks);
  assert.equal(marked[0], 'prompt_summary');
  assert.equal(marked.at(-1), 'final_output');
  const raw = chunks.filter((c) => !c.phase).map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
  assert.match(raw, /Question form/, 'the raw trace is kept (rawReasoning both)');
  assert.notEqual(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), '');
});

test('summary mode "model": a configured model writes the final reasoning summary, through the gateway', async () => {
  const written = await startGateway({ settings: { models: [{ match: 'mock-reasoner', summary: { mode: 'model', model: 'mock-reasoner', timeoutMs: 10_000 } }] } });
  try {
    const before = written.mocks.a!.stats().requests;
    const { chunks } = await (async () => {
      const res = await fetch(`${written.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...ask(), stream: true }) });
      const raw = await res.text();
      return { chunks: raw.split('\n\n').filter((f) => f.startsWith('data: {')).map((f) => JSON.parse(f.slice(6)) as Chunk) };
    })();
    const summaries = chunks.filter((c) => c.phase === 'reasoning_summary' && c.choices[0]?.delta.reasoning_content).map((c) => c.choices[0]!.delta.reasoning_content);
    // The mock, asked to summarize "… 2 + 2 = 4.", answers with its arithmetic answer; extractive would quote the reasoning.
    assert.deepEqual(summaries, ['The answer is 4.\n']);
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'The answer is 4.');
    const last = written.mocks.a!.stats().last!.body as { user?: string; messages: Array<{ content: string }> };
    assert.equal(last.user, 'psr-summarizer');
    assert.match(last.messages[1]!.content, /Adding 2 and 2 gives 4/);
    assert.equal(written.mocks.a!.stats().requests - before, 2, 'one answer, one summary: the summary request got no summary of its own');
  } finally {
    await written.close();
  }
});
