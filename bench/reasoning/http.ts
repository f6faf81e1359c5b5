/**
 * Phased streaming over real HTTP/SSE: `psr mock-upstream` and `psr serve` (UPSTREAM_URL → the
 * mock) as separate processes, measured from this process with a keep-alive client. Per row:
 * time to the first SSE frame (through psr that is the prompt summary; direct, the upstream's
 * first chunk), to the first answer token, to the end, and the time psr adds per upstream chunk.
 * Paths are interleaved request by request so machine load hits them alike.
 * Run: npm run bench:phases -- [--rounds 60]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const ROOT = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 60);

/** Start a psr CLI command and resolve with its base URL once it says it listens. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s/]+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${out}`)));
  });
}

interface Sample {
  first: number;
  answer: number;
  total: number;
  frames: number;
}

/** One streamed request: frame timings as the client sees them. */
async function once(pool: Pool, body: Record<string, unknown>): Promise<Sample> {
  const t0 = performance.now();
  const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const s: Sample = { first: -1, answer: -1, total: 0, frames: 0 };
  let buf = '';
  let inThink = false;
  for await (const part of res.body) {
    buf += (part as Buffer).toString();
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      if (!frame.startsWith('data: {')) continue;
      const t = performance.now() - t0;
      s.frames++;
      if (s.first < 0) s.first = t;
      const content = (JSON.parse(frame.slice(6)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '';
      // Direct from the upstream, the answer starts after the </think> block.
      if (content.includes('<think>')) inThink = true;
      if (inThink) {
        if (content.includes('</think>')) inThink = false;
        continue;
      }
      if (s.answer < 0 && content.trim() !== '') s.answer = t;
    }
  }
  s.total = performance.now() - t0;
  return s;
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const ROWS: Array<{ label: string; prompt: string; mock: Record<string, unknown> }> = [
  { label: 'short answer', prompt: 'What is 2+2?', mock: {} },
  { label: 'short, upstream first byte after 250 ms', prompt: 'What is 2+2?', mock: { first_byte_delay_ms: 250 } },
  { label: 'long answer (count to 400)', prompt: 'Please count to 400', mock: {} },
  { label: 'paced tokens (5 ms apart, count to 60)', prompt: 'Please count to 60', mock: { token_delay_ms: 5 } },
];

const mock = await start(['mock-upstream', '--port', '0', '--reasoning', 'tags']);
const quiet = { LOG_LEVEL: 'warn', PSR_CACHE: '0', PORT: '0', UPSTREAM_URL: `mock=${mock.url}` };
const phased = await start(['serve'], quiet);
const plain = await start(['serve'], { ...quiet, PSR_PHASES: 'off' });
const PATHS: Array<[string, Pool]> = [
  ['direct to the mock', new Pool(mock.url, { connections: 4 })],
  ['psr, phases on', new Pool(phased.url, { connections: 4 })],
  ['psr, phases off', new Pool(plain.url, { connections: 4 })],
];

console.log(`${ROUNDS} rounds per row, paths interleaved; median (p90) ms; node ${process.version}; ${new Date().toISOString()}`);
console.log('| request | path | first SSE frame | first answer token | total | frames | added µs per upstream chunk |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of ROWS) {
  const body = { model: 'mock-reasoner', stream: true, messages: [{ role: 'user', content: row.prompt }], mock: row.mock };
  const samples = PATHS.map(() => [] as Sample[]);
  for (let r = 0; r < ROUNDS + 5; r++) {
    for (let i = 0; i < PATHS.length; i++) {
      const s = await once(PATHS[i]![1], body);
      if (r >= 5) samples[i]!.push(s); // the first rounds warm JIT and sockets
    }
  }
  const directTotal = q(samples[0]!.map((s) => s.total), 0.5);
  const upstreamChunks = q(samples[0]!.map((s) => s.frames), 0.5);
  PATHS.forEach(([name], i) => {
    const xs = samples[i]!;
    const cell = (f: (s: Sample) => number) => `${q(xs.map(f), 0.5).toFixed(2)} (${q(xs.map(f), 0.9).toFixed(2)})`;
    const total = q(xs.map((s) => s.total), 0.5);
    const added = i === 0 ? '—' : (((total - directTotal) * 1000) / upstreamChunks).toFixed(1);
    console.log(`| ${row.label} | ${name} | ${cell((s) => s.first)} | ${cell((s) => s.answer)} | ${cell((s) => s.total)} | ${q(xs.map((s) => s.frames), 0.5)} | ${added} |`);
  });
}
for (const [, pool] of PATHS) await pool.close();
for (const p of [phased, plain, mock]) p.child.kill('SIGTERM');
