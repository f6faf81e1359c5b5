/**
 * The llama engine's edges on a real tiny GGUF: a client disconnect stops generation and frees
 * the sequence, a full queue answers 429, a corrupt or missing file gives a clear 503 while the
 * other models keep serving, and embeddings honour `dimensions`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { GenerateRequest } from '../src/core/types.js';
import { LlamaEngine } from '../src/engines/llama/index.js';

const dir = mkdtempSync(join(tmpdir(), 'psr-llama-limits-'));
const good = join(dir, 'tiny.gguf');
const corrupt = join(dir, 'corrupt.gguf');
let engine: LlamaEngine;

function chat(over: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: 'tiny', input: { kind: 'chat', messages: [{ role: 'user', content: 'write a long story' }] }, n: 1, stop: [], sampling: { temperature: 1, seed: 1 }, extra: {}, ...over };
}

before(() => {
  execFileSync(process.execPath, ['scripts/make-tiny-gguf.mjs', good]);
  // a real header followed by a truncated, scrambled body: what a broken download looks like
  const bytes = readFileSync(good);
  writeFileSync(corrupt, Buffer.concat([bytes.subarray(0, 64), Buffer.alloc(4096, 0xab)]));
  engine = new LlamaEngine({
    models: [{ id: 'tiny', path: good }, { id: 'broken', path: corrupt }, { id: 'missing', path: join(dir, 'nope.gguf') }],
    parallel: 1,
    queueSize: 1,
  });
});
after(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('llama engine limits', () => {
  it('reports load failures at start and in health, and keeps serving the good model', async () => {
    const results = await engine.preload();
    assert.equal(results.find((r) => r.id === 'tiny')?.error, undefined);
    assert.match(results.find((r) => r.id === 'broken')?.error ?? '', /'broken' could not be loaded from .*corrupt\.gguf: \S/);
    assert.match(results.find((r) => r.id === 'missing')?.error ?? '', /does not exist/);
    const health = await engine.health();
    assert.equal(health.ok, false);
    assert.match(health.error ?? '', /corrupt\.gguf/);
    for (const model of ['broken', 'missing']) {
      await assert.rejects(drain(chat({ model, maxTokens: 2 })), (err: { code?: string; status?: number; message?: string }) => {
        assert.equal(err.code, 'engine_unavailable');
        assert.equal(err.status, 503);
        assert.match(err.message ?? '', /could not be loaded/);
        return true;
      });
    }
    assert.ok((await drain(chat({ maxTokens: 3 }))) > 0);
  });

  it('a disconnect stops generation at once and frees the sequence', async () => {
    const ac = new AbortController();
    const before = engine.stats().generatedTokens;
    let seen = 0;
    await assert.rejects(async () => {
      for await (const e of engine.generate(chat({ maxTokens: 900 }), ac.signal)) {
        if (e.type === 'content' && ++seen === 3) ac.abort();
      }
    }, { name: 'AbortError' });
    const atAbort = engine.stats().generatedTokens;
    await sleep(300);
    assert.ok(atAbort - before < 900, 'stopped before max_tokens');
    assert.ok(engine.stats().generatedTokens - atAbort <= 1, 'no tokens generated after the abort');
    assert.equal(engine.stats().activeGenerations, 0);
    assert.ok((await drain(chat({ maxTokens: 2 }))) > 0, 'the only sequence is free again');
  });

  it('a consumer that stops reading also stops the generation', async () => {
    for await (const e of engine.generate(chat({ maxTokens: 900 }), new AbortController().signal)) if (e.type === 'content') break;
    const after = engine.stats().generatedTokens;
    await sleep(300);
    assert.ok(engine.stats().generatedTokens - after <= 1);
  });

  it('queues beyond the free sequences and answers 429 queue_full when the queue is full', async () => {
    const ac = new AbortController();
    const running = engine.generate(chat({ maxTokens: 900 }), ac.signal)[Symbol.asyncIterator]();
    await running.next();
    const queued = engine.generate(chat({ maxTokens: 2 }), ac.signal)[Symbol.asyncIterator]();
    const queuedNext = queued.next();
    await sleep(50);
    await assert.rejects(drain(chat({ maxTokens: 2 })), { code: 'queue_full', status: 429 });
    ac.abort();
    await assert.rejects(queuedNext, { name: 'AbortError' });
    // events produced before the abort may still be buffered; the stream then ends in AbortError
    await assert.rejects(async () => { while (!(await running.next()).done); }, { name: 'AbortError' });
  });

  const dims: Array<[number | undefined, number]> = [[undefined, 64], [16, 16], [1, 1]];
  for (const [dimensions, expected] of dims) {
    it(`embeds with dimensions ${dimensions ?? 'default'} → ${expected} unit-length values`, async () => {
      const res = await engine.embed({ model: 'tiny', input: ['the sun', 'the moon'], dimensions, extra: {} }, new AbortController().signal);
      assert.equal(res.vectors.length, 2);
      for (const v of res.vectors) {
        assert.equal(v.length, expected);
        assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
      }
      assert.ok(res.promptTokens >= 4);
    });
  }

  it('asking for more dimensions than the model has is a 400', async () => {
    await assert.rejects(engine.embed({ model: 'tiny', input: ['x'], dimensions: 65, extra: {} }, new AbortController().signal), { code: 'invalid_value', status: 400, param: 'dimensions' });
  });

  it('a prompt longer than the context is context_length_exceeded', async () => {
    const long = 'the '.repeat(1500);
    await assert.rejects(drain(chat({ input: { kind: 'chat', messages: [{ role: 'user', content: long }] } })), { code: 'context_length_exceeded', status: 400 });
  });
});

async function drain(req: GenerateRequest): Promise<number> {
  let n = 0;
  for await (const e of engine.generate(req, new AbortController().signal)) if (e.type === 'content') n++;
  return n;
}
