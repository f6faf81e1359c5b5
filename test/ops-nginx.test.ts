/**
 * deploy/nginx.conf, run by Debian's nginx in front of a small SSE server that writes chunks
 * 200 ms apart: chunks must reach the client one by one with their spacing preserved (a
 * buffering proxy would deliver them all at the end), and upstream connections are reused.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, Agent, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startNginx } from './helpers/nginx.js';

const CHUNKS = 5;
const GAP_MS = 200;
let upstreamConnections = 0;
const upstream = createServer((req, res) => {
  if (req.url === '/metrics') return res.end('secret metrics');
  if (req.url !== '/sse') return res.end('plain');
  // Deliberately no X-Accel-Buffering header: the config alone must keep the stream unbuffered.
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let i = 0;
  const timer = setInterval(() => {
    if (i++ < CHUNKS) return void res.write(`data: {"i":${i}}\n\n`);
    clearInterval(timer);
    res.end('data: [DONE]\n\n');
  }, GAP_MS);
  req.on('close', () => clearInterval(timer));
});
upstream.on('connection', () => upstreamConnections++);
await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
const nginx = await startNginx({ upstreamPort: (upstream.address() as AddressInfo).port });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
after(async () => {
  agent.destroy();
  await nginx.stop();
  await new Promise((r) => upstream.close(r));
});

interface Arrival { at: number; text: string }

function get(path: string): Promise<{ status: number; headers: IncomingHttpHeaders; events: Arrival[]; body: string }> {
  return new Promise((resolve, reject) => {
    // Browsers and SDKs ask for gzip; a compressing proxy holds SSE chunks back, so ask too.
    const req = request(`${nginx.url}${path}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const events: Arrival[] = [];
      let buf = '';
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        buf += d;
        for (let cut = buf.indexOf('\n\n'); cut >= 0; cut = buf.indexOf('\n\n')) {
          events.push({ at: performance.now(), text: buf.slice(0, cut) });
          buf = buf.slice(cut + 2);
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, events, body }));
      res.on('error', reject);
    });
    req.on('error', (err) => reject(new Error(`${err.message}\n${nginx.errors()}`)));
    req.end();
  });
}

test('SSE chunks pass through nginx unbuffered, spacing preserved', async () => {
  const res = await get('/sse');
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /text\/event-stream/);
  assert.equal(res.events.length, CHUNKS + 1, res.body);
  assert.equal(res.events.at(-1)?.text, 'data: [DONE]');
  const gaps = res.events.slice(1).map((e, i) => e.at - res.events[i].at);
  // Generous bound (chunks are 200 ms apart): a buffering proxy delivers them together (gap ~0).
  // A loaded machine may delay one chunk and bunch it with the next; buffering bunches them all.
  const spaced = gaps.filter((g) => g > 100).length;
  assert.ok(spaced >= Math.ceil(gaps.length / 2), `arrival gaps ${gaps.map((x) => x.toFixed(0)).join(', ')} ms`);
  assert.ok(res.events.at(-1)!.at - res.events[0].at > (CHUNKS - 1) * 100, 'first chunk arrived long before the last');
});

test('connections to psr are kept alive and reused across requests', async () => {
  const before = upstreamConnections;
  for (let i = 0; i < 4; i++) assert.equal((await get('/plain')).body, 'plain');
  assert.ok(upstreamConnections - before <= 2, `${upstreamConnections - before} upstream connections for 4 requests`);
});

test('/metrics is not exposed on the public edge', async () => {
  const res = await get('/metrics');
  assert.equal(res.status, 404);
  assert.ok(!res.body.includes('secret metrics'));
});
