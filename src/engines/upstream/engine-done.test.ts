import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { UpstreamEngine } from './engine.js';

const request: GenerateRequest = { model: 'm', input: { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] }, n: 1, stop: [], sampling: {}, extra: {} };
const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id: 'x', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

// An upstream that sends a whole stream up to [DONE] and then holds the body open until told.
async function holdingUpstream() {
  const held: ServerResponse[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk({ role: 'assistant', content: 'Hi' }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
    held.push(res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { url, held, connections: () => connections, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function collect(engine: UpstreamEngine): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const ev of engine.generate(request, new AbortController().signal)) out.push(ev);
  return out;
}

test('a stream is complete at [DONE] even while the upstream body stays open, and the connection is reused after it ends', async () => {
  const up = await holdingUpstream();
  const engine = new UpstreamEngine({ url: up.url, models: ['m'] });
  try {
    const first = await collect(engine);
    assert.deepEqual(first.map((e) => e.type), ['content', 'finish']);
    assert.equal(up.held.length, 1);
    assert.equal(up.held[0]!.writableEnded, false, 'generate finished before the upstream ended its body');
    up.held[0]!.end();
    await new Promise((r) => setTimeout(r, 200)); // let the client read the end (not a timing assertion)
    const second = await collect(engine);
    assert.deepEqual(second.map((e) => e.type), ['content', 'finish']);
    assert.equal(up.connections(), 1, 'the pooled connection was kept and reused');
    up.held[1]!.end();
  } finally {
    await engine.close();
    await up.close();
  }
});
