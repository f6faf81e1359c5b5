/**
 * psr's own CPU per request, layer by layer, in one process and without a client socket (so
 * the figures move far less with machine load than bench:gateway's). Parts (PARTS=a,b):
 *   undici  – raw undici pool.request + body.json() to nginx (the floor of the upstream side)
 *   engine  – the upstream chain engine alone (fallback, timeouts, client, decoding) to nginx
 *   gw      – createPipeline over the upstream chain engine + the reasoning gateway stages, to nginx (no ops)
 *   stages  – createPipeline over a synthetic in-memory engine + the reasoning gateway stages (no network, no ops)
 *   ops     – stages + every ops middleware of psr serve's default config (no network)
 *   full    – startServer's whole generate (ops + stages + upstream chain) to nginx, no HTTP in front
 *   floorhttp – a bare Fastify + undici pass-through server, over a loopback socket, to nginx
 *   http    – psr's whole server (as `psr serve` wires it) over a loopback socket, to nginx
 *   (the two http parts include their client's CPU, an undici pool in this process: compare them with each other)
 * Each json (stream:false) and sse (stream:true). N requests at 64 concurrent, ROUNDS rounds, median.
 * Usage: npm run bench:layers   (env PARTS, N, ROUNDS; PROF=1 writes a .cpuprofile to bench/gateway-overhead/out/)
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { startNginx } from './nginx.js';
import { accumulate } from '../../src/core/accumulate.js';
import type { Engine, EngineEvent, GenerateRequest } from '../../src/core/types.js';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/gateway/server.js';
import { createPipeline } from '../../src/gateway/pipeline.js';
import { ModelRouter } from '../../src/gateway/router.js';
import { createReasoningGateway, discoverModels } from '../../src/gateway/reasoning-gateway.js';
import { parseUpstreamTargets } from '../../src/gateway/upstream-targets.js';
import { createOps, loggerOptions } from '../../src/gateway/ops/index.js';
import { Writable } from 'node:stream';

const N = Number(process.env.N ?? 20000), C = 64, ROUNDS = Number(process.env.ROUNDS ?? 3);
const PARTS = (process.env.PARTS ?? 'undici,engine,gw,stages,ops,full,floorhttp,http').split(',');
const nginx = await startNginx(18595 + Math.floor(Math.random() * 300));
const origin = nginx.url;

const mk = (model: string, stream: boolean): GenerateRequest => ({ model, input: { kind: 'chat', messages: [{ role: 'user', content: 'What is 2+2?' }] }, n: 1, stop: [], sampling: { temperature: 0.7 }, maxTokens: 64, stream, extra: {} });

/** The events nginx's fixed answers decode to, from memory. */
class SyntheticEngine implements Engine {
  readonly name = 'synthetic';
  readonly native = { n: true, stop: true, maxTokens: true };
  models() { return [{ id: 'syn-json', ownedBy: 'x' }, { id: 'syn-sse', ownedBy: 'x' }]; }
  async *generate(req: GenerateRequest): AsyncIterable<EngineEvent> {
    if (req.model === 'syn-json') {
      yield { type: 'content', choice: 0, text: 'The answer is 4.' };
    } else {
      for (const t of ['', 'The', ' answer', ' is', ' 4', '.']) yield { type: 'content', choice: 0, text: t };
    }
    yield { type: 'finish', choice: 0, reason: 'stop' };
    yield { type: 'usage', promptTokens: 12, completionTokens: 5 };
  }
  async health() { return { ok: true }; }
}

async function measure(one: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: C }, async () => { while (done++ < N) await one(); }));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / N;
}

const parts: Record<string, { json: () => Promise<unknown>; sse: () => Promise<unknown> }> = {};
const closers: Array<() => Promise<unknown>> = [];
const body = (stream: boolean) => JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'What is 2+2?' }], max_tokens: 64, temperature: 0.7, stream });
if (PARTS.includes('undici')) {
  const pool = new Pool(origin, { connections: 256 });
  closers.push(() => pool.close());
  parts.undici = {
    json: async () => { const r = await pool.request({ method: 'POST', path: '/json/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: body(false) }); await r.body.json(); },
    sse: async () => { const r = await pool.request({ method: 'POST', path: '/sse/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: body(true) }); await r.body.text(); },
  };
}
const targets = parseUpstreamTargets(`json=${origin}/json/v1,sse=${origin}/sse/v1`, {});
if (PARTS.includes('engine')) {
  const gw = createReasoningGateway({ targets });
  await discoverModels(gw.engines);
  const e = gw.engines[0]!;
  closers.push(() => e.close());
  parts.engine = { json: () => accumulate(e.generate(mk('bench-json', false), new AbortController().signal)), sse: () => accumulate(e.generate(mk('bench-sse', true), new AbortController().signal)) };
}
if (PARTS.includes('gw')) {
  const gw = createReasoningGateway({ targets });
  await discoverModels(gw.engines);
  closers.push(() => gw.engines[0]!.close());
  const g = createPipeline(new ModelRouter(gw.engines), { before: gw.pipeline.before, last: gw.pipeline.last });
  parts.gw = { json: () => accumulate(g(mk('bench-json', false), new AbortController().signal)), sse: () => accumulate(g(mk('bench-sse', true), new AbortController().signal)) };
}
if (PARTS.includes('stages') || PARTS.includes('ops')) {
  const gw = createReasoningGateway({ targets: [] });
  const router = new ModelRouter([new SyntheticEngine()]);
  const pipeline = { before: gw.pipeline.before, last: gw.pipeline.last };
  if (PARTS.includes('stages')) {
    const g = createPipeline(router, pipeline);
    parts.stages = { json: () => accumulate(g(mk('syn-json', false), new AbortController().signal)), sse: () => accumulate(g(mk('syn-sse', true), new AbortController().signal)) };
  }
  if (PARTS.includes('ops')) {
    const ops = await createOps(loadConfig({}));
    const o = ops.appOptions({ engines: [new SyntheticEngine()], pipeline });
    const g = createPipeline(new ModelRouter(o.engines), o.pipeline);
    parts.ops = { json: () => accumulate(g(mk('syn-json', false), new AbortController().signal)), sse: () => accumulate(g(mk('syn-sse', true), new AbortController().signal)) };
  }
}
if (PARTS.includes('full')) {
  const srv = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', UPSTREAM_URL: `json=${origin}/json/v1,sse=${origin}/sse/v1` }), { logger: false });
  closers.push(() => srv.app.close());
  const g = (srv.app as unknown as { psr: { generate: (r: GenerateRequest, s: AbortSignal) => AsyncIterable<EngineEvent> } }).psr.generate;
  parts.full = { json: () => accumulate(g(mk('bench-json', false), new AbortController().signal)), sse: () => accumulate(g(mk('bench-sse', true), new AbortController().signal)) };
}
/** Requests over a loopback socket to `origin`'s chat route (model per mode), from an undici pool here. */
function overHttp(origin: string, model: (stream: boolean) => string) {
  const pool = new Pool(origin, { connections: C });
  closers.push(() => pool.close());
  const call = (stream: boolean) => async () => {
    const r = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: model(stream), messages: [{ role: 'user', content: 'What is 2+2?' }], max_tokens: 64, temperature: 0.7, stream }) });
    await r.body.text();
    if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`);
  };
  return { json: call(false), sse: call(true) };
}
if (PARTS.includes('floorhttp')) {
  const upstream = new Pool(origin, { connections: 256 });
  const app = Fastify({ logger: false });
  app.post('/v1/chat/completions', async (request, reply) => {
    const stream = (request.body as { stream?: boolean }).stream === true;
    const res = await upstream.request({ method: 'POST', path: `/${stream ? 'sse' : 'json'}/v1/chat/completions`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) });
    if (!stream) return res.body.json();
    reply.header('content-type', 'text/event-stream');
    return reply.send(res.body);
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  closers.push(() => app.close(), () => upstream.close());
  parts.floorhttp = overHttp(address, () => 'bench-model');
}
if (PARTS.includes('http')) {
  // Logging as `psr serve` does it (request lines off by default), into a sink instead of stdout.
  const cfg = loadConfig({ PORT: '0', HOST: '127.0.0.1', UPSTREAM_URL: `json=${origin}/json/v1,sse=${origin}/sse/v1` });
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const srv = await startServer(cfg, { logger: { ...loggerOptions(cfg), stream: sink } });
  closers.push(() => srv.app.close());
  const { port } = srv.app.server.address() as { port: number };
  parts.http = overHttp(`http://127.0.0.1:${port}`, (stream) => (stream ? 'bench-sse' : 'bench-json'));
}

const session = new Session();
if (process.env.PROF) { session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 100 }); }
const results: Record<string, number[]> = {};
for (const [name, p] of Object.entries(parts)) for (const mode of ['json', 'sse'] as const) { for (let i = 0; i < 300; i++) await p[mode](); }
if (process.env.PROF) await session.post('Profiler.start');
for (let r = 0; r < ROUNDS; r++) for (const [name, p] of Object.entries(parts)) for (const mode of ['json', 'sse'] as const) (results[`${name} ${mode}`] ??= []).push(await measure(p[mode]));
if (process.env.PROF) { const { profile } = await session.post('Profiler.stop'); const dir = new URL('./out/', import.meta.url); mkdirSync(dir, { recursive: true }); writeFileSync(new URL('layers.cpuprofile', dir), JSON.stringify(profile)); }
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
process.stdout.write(`\n| layer | mode | CPU µs/request (median of ${ROUNDS}) | each round |\n|---|---|---|---|\n`);
for (const [k, v] of Object.entries(results)) {
  const [part, mode] = k.split(' ');
  process.stdout.write(`| ${part} | ${mode} | ${med(v).toFixed(1)} | ${v.map((x) => x.toFixed(0)).join(', ')} |\n`);
}
process.stdout.write(`\n${N} requests per round, ${C} in flight; CPU = process.cpuUsage() of this process (client and psr alike; nginx is a separate process).\n`);
for (const c of closers) await c();
nginx.stop();
process.exit(0);
