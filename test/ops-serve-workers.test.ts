/**
 * `psr serve --workers 2` as a real process tree on a real redis-server: both workers serve
 * one port and share one rate limit through Redis; the primary replaces a worker that dies and,
 * on SIGTERM, shuts every worker down gracefully and exits 0.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startRedis } from './helpers/redis-server.js';
import { spawnPsr } from './helpers/psr-process.js';

const redis = await startRedis();
const psr = await spawnPsr({ args: ['--workers', '2'], env: { REDIS_URL: redis.url, RATE_LIMIT_RPM: '5', PSR_LOG: '1' }, listening: 2, timeoutMs: 90_000 });
after(async () => {
  await psr.stop('SIGKILL');
  await redis.stop();
});

/** A request on a fresh connection (no keep-alive), so the primary hands each to the next worker. */
function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port: psr.port, path, method, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Worker pids that logged a completed chat request. */
function chatPids(): Set<number> {
  const pids = new Set<number>();
  for (const line of psr.stdout().split('\n')) {
    if (line.includes('"msg":"request completed"') && line.includes('"statusCode":')) pids.add(Number(/"pid":(\d+)/.exec(line)?.[1]));
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('two workers serve one port and share one rate limit through Redis', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push(await call('POST', '/v1/chat/completions', { model: 'psycho-symbolic-v1', temperature: 0.5, messages: [{ role: 'user', content: 'Is a cat an animal?' }] }));
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429], 'five per minute in total, not per worker');
  assert.equal(chatPids().size, 2, 'both workers answered');
});

test('a crashed worker is replaced; SIGTERM shuts all down gracefully with exit 0', async () => {
  const [victim, survivor] = [...chatPids()];
  process.kill(victim!, 'SIGKILL');
  for (let i = 0; i < 600 && [...psr.stdout().matchAll(/psr listening on/g)].length < 3; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal([...psr.stdout().matchAll(/psr listening on/g)].length, 3, 'a new worker started');
  assert.match(psr.stderr(), new RegExp(`worker ${victim} exited \\(SIGKILL\\); starting a new one`));
  for (let i = 0; i < 4; i++) assert.equal(await call('GET', '/v1/models'), 200, 'still serving');
  psr.child.kill('SIGTERM');
  assert.deepEqual(await psr.exited, { code: 0, signal: null });
  assert.ok(!alive(survivor!), 'workers are gone with the primary');
  assert.match(psr.stderr(), /SIGTERM: shutting down 2 workers gracefully/);
});
