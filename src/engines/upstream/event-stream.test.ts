import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PsrError } from '../../core/errors.js';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { UpstreamEngine } from './engine.js';
import type { StreamLimits } from './event-stream.js';

const request: GenerateRequest = { model: 'm', input: { kind: 'chat', messages: [{ role: 'user', content: 'hi' }] }, n: 1, stop: [], sampling: {}, extra: {} };
const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An upstream answering every request with `handle`; `closed` counts requests whose socket psr dropped mid-response. */
async function withUpstream(handle: (res: ServerResponse, req: IncomingMessage) => void, run: (engine: UpstreamEngine, closed: () => number) => Promise<void>) {
  let closed = 0;
  const server = createServer((req, res) => {
    req.resume();
    res.on('close', () => {
      if (!res.writableFinished) closed++;
    });
    handle(res, req);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const engine = new UpstreamEngine({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'sk-secret', models: ['m'] });
  try {
    await run(engine, () => closed);
  } finally {
    await engine.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

async function read(engine: UpstreamEngine, limits: StreamLimits, signal = new AbortController().signal, pause = 0): Promise<string[]> {
  const texts: string[] = [];
  for await (const ev of engine.stream(request, signal, limits) as AsyncIterable<EngineEvent>) {
    texts.push(ev.type === 'content' ? ev.text : ev.type);
    if (pause) await sleep(pause);
  }
  return texts;
}

const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });

test('timeouts: a silent upstream fails with 504 naming the target, before and after the first event, and its request is dropped', async () => {
  const cases: Array<[string, (res: ServerResponse) => void, StreamLimits, RegExp]> = [
    ['no headers', () => {}, { firstByteMs: 80, target: 't' }, /Upstream 't' sent no first byte within 80 ms/],
    ['headers, no event', (res) => (sse(res), res.write(': thinking\n\n')), { firstByteMs: 80, target: 't' }, /sent no first byte within 80 ms/],
    ['stalls mid-stream', (res) => (sse(res), res.write(chunk('a'))), { firstByteMs: 5_000, idleMs: 80, target: 't' }, /Upstream 't' sent nothing within 80 ms/],
  ];
  for (const [name, handle, limits, message] of cases) {
    await withUpstream(handle, async (engine, closed) => {
      await assert.rejects(read(engine, limits), (e: PsrError) => e.code === 'upstream_timeout' && e.status === 504 && message.test(e.message), name);
      await sleep(50);
      assert.equal(closed(), 1, `${name}: the upstream request was dropped`);
    });
  }
});

test('timeouts: a slow consumer does not make the upstream look idle', async () => {
  const handle = (res: ServerResponse) => {
    sse(res);
    res.end(['a', 'b', 'c'].map(chunk).join('') + 'data: [DONE]\n\n');
  };
  await withUpstream(handle, async (engine) => {
    assert.deepEqual(await read(engine, { firstByteMs: 200, idleMs: 30 }, undefined, 60), ['a', 'b', 'c', 'finish']);
  });
});

test('cancel: the caller aborting or the consumer stopping early drops the upstream request', async () => {
  const handle = (res: ServerResponse) => (sse(res), res.write(chunk('a')));
  await withUpstream(handle, async (engine, closed) => {
    const ctl = new AbortController();
    const it = engine.stream(request, ctl.signal)[Symbol.asyncIterator]();
    assert.equal(((await it.next()).value as { text: string }).text, 'a');
    const pending = it.next();
    ctl.abort(new Error('client left'));
    await assert.rejects(pending, /client left/);
    assert.deepEqual(await it.next(), { done: true, value: undefined });

    const early = engine.stream(request, new AbortController().signal)[Symbol.asyncIterator]();
    await early.next();
    await early.return!();

    // A consumer may interrupt itself: return() while its next() waits settles that next() as done.
    const interrupted = engine.stream(request, new AbortController().signal)[Symbol.asyncIterator]();
    await interrupted.next();
    const waiting = interrupted.next();
    await interrupted.return!();
    assert.deepEqual(await waiting, { done: true, value: undefined });
    await sleep(50);
    assert.equal(closed(), 3);
  });
});

test('a long fast stream reaches a slow consumer whole and in order (the socket is paused, not buffered without end)', async () => {
  const texts = Array.from({ length: 5_000 }, (_, i) => `t${i} `);
  const handle = (res: ServerResponse) => {
    sse(res);
    res.end(texts.map(chunk).join('') + 'data: [DONE]\n\n');
  };
  await withUpstream(handle, async (engine) => {
    const got: string[] = [];
    for await (const ev of engine.stream(request, new AbortController().signal)) {
      if (ev.type === 'content') got.push(ev.text);
      if (got.length % 1_000 === 0) await sleep(5);
    }
    assert.deepEqual(got, texts);
  });
});

test('a whole JSON response split over many writes becomes its events; an error status is mapped without the key', async () => {
  const body = JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'whole' }, finish_reason: 'length' }], usage: { prompt_tokens: 2, completion_tokens: 1 } });
  const json = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < body.length; i += 7) res.write(body.slice(i, i + 7));
    res.end();
  };
  await withUpstream(json, async (engine) => {
    assert.deepEqual(await read(engine, {}), ['whole', 'finish', 'usage']);
  });
  const failing = (res: ServerResponse) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad key sk-secret' } }));
  await withUpstream(failing, async (engine) => {
    await assert.rejects(read(engine, {}), (e: PsrError) => e.status === 502 && /\[redacted\]/.test(e.message) && !e.message.includes('sk-secret'));
  });
});
