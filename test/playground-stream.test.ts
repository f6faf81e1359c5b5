/**
 * The playground's stream module (web/stream.js) run in Node against real servers: psr's phased
 * gateway and a plain server that leaves <think> inline; and its inline-<think> splitter checked
 * against psr's own `auto` reasoning parser, whole and split at every character.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { splitReasoning } from '../src/pipeline/reasoning/registry.js';
import { startGatewayPsr } from './client-harness.js';
import { startStack, type PsrStack } from './helpers/psr-stack.js';

type Ev = { type: string; section?: string; text?: string; phase?: string; message?: string };
interface StreamModule {
  streamChat(base: string, body: object, headers: object, signal: AbortSignal | undefined, on: (e: Ev) => void): Promise<void>;
  inlineThink(on: (e: Ev) => void): { push(text: string): void; flush(): void };
}
// a computed specifier: the browser module has no type declarations
const web = (await import(new URL('../web/stream.js', import.meta.url).href)) as StreamModule;
let gateway: PsrStack;
let plain: PsrStack;
before(async () => {
  [gateway, plain] = await Promise.all([startGatewayPsr(0), startStack()]);
});
after(() => Promise.all([gateway.close(), plain.close()]));

async function collect(url: string): Promise<{ events: Ev[]; text: Record<string, string> }> {
  const events: Ev[] = [];
  await web.streamChat(`${url}/v1/`, { model: 'mock-reasoner', messages: [{ role: 'user', content: 'What is 2+2?' }] }, {}, undefined, (e) => events.push(e));
  const text: Record<string, string> = {};
  for (const e of events) if (e.type === 'text') text[e.section!] = (text[e.section!] ?? '') + e.text;
  return { events, text };
}

test('through the gateway: phases in order, summaries apart from reasoning and answer', async () => {
  const { events, text } = await collect(gateway.url);
  assert.deepEqual(events.filter((e) => e.type === 'phase').map((e) => e.phase), ['prompt_summary', 'reasoning_summary', 'final_output']);
  assert.match(text.prompt_summary!, /What is 2\+2\?/);
  assert.match(text.reasoning_summary!, /Adding 2 and 2 gives 4/);
  assert.match(text.reasoning!, /2 \+ 2 = 4/);
  assert.equal(text.content, 'The answer is 4.');
});

test('a plain server with inline <think>: reasoning split out on the client', async () => {
  const { events, text } = await collect(plain.url);
  assert.equal(events.some((e) => e.type === 'phase'), false);
  assert.equal(text.reasoning, 'The user asks for the sum of 2 and 2. Adding 2 and 2 gives 4. Let me double-check: 2 + 2 = 4.');
  assert.equal(text.content!.trim(), 'The answer is 4.');
});

test('an unknown model is an error event with the server message', async () => {
  const events: Ev[] = [];
  await web.streamChat(`${gateway.url}/v1/`, { model: 'nope', messages: [{ role: 'user', content: 'hi' }] }, {}, undefined, (e) => events.push(e));
  assert.equal(events.length, 1);
  assert.match(events[0]!.message!, /nope.*\(HTTP 404\)/);
});

const samples = ['<think>add 2 and 2</think>\n\nThe answer is 4.', '  <think>a < b </thin k></think>ok', 'No reasoning <think>here</think>.', '<think>never closed', '<thi', 'plain'];
for (const sample of samples) {
  test(`inline <think> splitter agrees with psr's auto parser: ${JSON.stringify(sample)}`, () => {
    const want = splitReasoning('auto', sample);
    for (let i = 0; i <= sample.length; i++) {
      const got = { reasoning: '', content: '' };
      const think = web.inlineThink((e) => (got[e.section as 'reasoning' | 'content'] += e.text));
      for (const part of [sample.slice(0, i), sample.slice(i)]) think.push(part);
      think.flush();
      assert.equal(got.reasoning, want.reasoning, `reasoning, split at ${i}`);
      assert.equal(got.content.trim(), want.content.trim(), `content, split at ${i}`);
    }
  });
}
