/**
 * psr behind the project's own deploy/nginx.conf (Debian nginx): a chat stream whose engine
 * produces a word every 200 ms must reach the client through nginx chunk by chunk, spacing
 * preserved, as valid OpenAI chunks ending in [DONE].
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { startNginx } from './helpers/nginx.js';
import { CountingEngine, startOpsServer } from './helpers/ops-server.js';

const psr = await startOpsServer({ engine: new CountingEngine(200) });
const nginx = await startNginx({ upstreamPort: Number(new URL(psr.url).port) });
after(async () => {
  await nginx.stop();
  await psr.close();
});

test('streamed chat chunks pass through nginx unbuffered', async () => {
  const res = await fetch(`${nginx.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
    body: JSON.stringify({ model: 'ops-model', stream: true, temperature: 0.5, messages: [{ role: 'user', content: 'a b c' }] }),
  });
  assert.equal(res.status, 200, nginx.errors());
  const arrivals: Array<{ at: number; data: string }> = [];
  const decoder = new TextDecoder();
  let buf = '';
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(bytes, { stream: true });
    for (let cut = buf.indexOf('\n\n'); cut >= 0; cut = buf.indexOf('\n\n')) {
      arrivals.push({ at: performance.now(), data: buf.slice(0, cut) });
      buf = buf.slice(cut + 2);
    }
  }
  const content = arrivals.filter((e) => e.data.startsWith('data: {')).map((e) => JSON.parse(e.data.slice(6)) as { choices: Array<{ delta?: { content?: string } }> });
  assert.equal(content.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'echo a b c run 1');
  assert.equal(arrivals.at(-1)?.data, 'data: [DONE]');
  // Words are 200 ms apart at the engine; through a buffering proxy they would arrive together.
  const words = arrivals.filter((e) => /"content":"[^"]+"/.test(e.data));
  assert.ok(words.length >= 5, `${words.length} content chunks`);
  const gaps = words.slice(1).map((e, i) => e.at - words[i].at);
  // A loaded machine may delay one chunk and bunch it with the next; buffering bunches them all.
  const spaced = gaps.filter((g) => g > 100).length;
  assert.ok(spaced >= Math.ceil(gaps.length / 2), `arrival gaps ${gaps.map((x) => x.toFixed(0)).join(', ')} ms`);
});
