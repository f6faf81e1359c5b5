/**
 * Operating the real `psr serve` process: SIGTERM during a slow stream (the built-in mock
 * upstream with a per-request token delay) lets the stream finish, refuses new connections and
 * exits 0; past the grace deadline the stream is ended with an SSE error event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { postJson, spawnPsr, type PsrProcess } from './helpers/psr-process.js';

/** Start a slow stream; resolves once its first chunk has arrived, with a promise of the whole text. */
async function slowStream(psr: PsrProcess, tokenDelayMs: number): Promise<{ first: string; whole: Promise<string> }> {
  const res = await postJson(`${psr.url}/v1/chat/completions`, {
    model: 'mock-reasoner', stream: true, messages: [{ role: 'user', content: 'tell me about graceful shutdown' }],
    mock: { token_delay_ms: tokenDelayMs },
  });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value, { stream: true });
  // wrapped: an async function returning a bare promise would wait for it (promises flatten)
  const whole = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    return text;
  })();
  return { first: text, whole };
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: '127.0.0.1' });
    sock.once('connect', () => { sock.destroy(); resolve(false); });
    sock.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function eventuallyRefused(port: number): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (await refused(port)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const [patient, hurried] = await Promise.all([
  spawnPsr({ args: ['--mock'], env: { PSR_SHUTDOWN_GRACE_MS: '20000' } }),
  spawnPsr({ args: ['--mock'], env: { PSR_SHUTDOWN_GRACE_MS: '300' } }),
]);

test('SIGTERM during a stream: the stream finishes, new connections are refused, exit 0', async () => {
  const { first, whole } = await slowStream(patient, 40);
  patient.child.kill('SIGTERM');
  assert.ok(await eventuallyRefused(patient.port), 'no new connections once shutting down');
  const text = await whole;
  assert.match(text, /"finish_reason":"stop"/);
  const chunks = (t: string) => t.split('\n\n').filter(Boolean).length;
  assert.ok(chunks(text) - chunks(first) > 20, 'most of the stream arrived after the signal');
  assert.match(text, /data: \[DONE\]\n\n$/);
  assert.doesNotMatch(text, /event: error/);
  assert.deepEqual(await patient.exited, { code: 0, signal: null });
  assert.match(patient.stdout(), /shutting down: no new connections/);
});

test('past the grace deadline a running stream ends with an SSE error event, then exit 0', async () => {
  const { whole } = await slowStream(hurried, 400);
  hurried.child.kill('SIGTERM');
  const text = await whole;
  const tail = text.trimEnd().split('\n\n').at(-1)!;
  assert.match(tail, /^event: error\ndata: /);
  const err = JSON.parse(tail.split('data: ')[1]!) as { error: { code: string; type: string } };
  assert.deepEqual([err.error.code, err.error.type], ['shutting_down', 'server_error']);
  assert.doesNotMatch(text, /\[DONE\]/);
  assert.deepEqual(await hurried.exited, { code: 0, signal: null });
});
