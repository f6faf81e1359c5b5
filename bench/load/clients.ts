/**
 * Load clients for the load bench and test/reliability-load.test.ts: many streaming requests
 * held open at once, slowloris connections (headers dribbled a byte at a time), slow readers
 * (a stream whose client stops reading), and a timed normal request.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Outcome of one held stream. */
export interface StreamOutcome {
  ok: boolean;
  /** ms from sending to the first body byte (NaN when none came). */
  ttfbMs: number;
  totalMs: number;
  error?: string;
}

/** The chat body the load clients send: a long answer with a token delay, so streams stay open. */
export function streamBody(i: number, tokenDelayMs: number, count = 100): string {
  return JSON.stringify({ model: 'mock-reasoner', stream: true, messages: [{ role: 'user', content: `client ${i}: count to ${count}` }], mock: { token_delay_ms: tokenDelayMs } });
}

/** Counts streams whose response has started and not yet ended; `peak` is the most at once. */
export class OpenGauge {
  open = 0;
  peak = 0;
  /** A response started. */
  up(): void {
    this.peak = Math.max(this.peak, ++this.open);
  }
  /** A response ended. */
  down(): void {
    this.open--;
  }
}

/** One streaming request read to the end; ok when it ends with `data: [DONE]`. */
export function holdStream(url: string, body: string, timeoutMs = 120_000, gauge?: OpenGauge, connections?: OpenGauge): Promise<StreamOutcome> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve) => {
    let ttfb = NaN;
    let tail = '';
    const req = request({ host: u.hostname, port: u.port, path: '/v1/chat/completions', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.setEncoding('utf8');
      gauge?.up();
      res.once('close', () => gauge?.down());
      res.on('data', (c: string) => {
        if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
        tail = (tail + c).slice(-64);
      });
      res.on('end', () => finish(res.statusCode === 200 && tail.includes('data: [DONE]'), res.statusCode === 200 ? undefined : `status ${res.statusCode}`));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish(false, 'timeout');
    }, timeoutMs);
    let done = false;
    function finish(ok: boolean, error?: string): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ok, ttfbMs: ttfb, totalMs: performance.now() - t0, ...(error ? { error } : {}) });
    }
    req.on('error', (e) => finish(false, e.message));
    req.once('socket', (s) => {
      s.once('connect', () => connections?.up());
      s.once('close', () => connections?.down());
    });
    req.end(body);
  });
}

/** `n` slowloris sockets: a request line, then one header byte every `everyMs`; never finished. */
export function slowloris(url: string, n: number, everyMs = 1000): { sockets: Socket[]; closedByServer(): number; stop(): void } {
  const u = new URL(url);
  let closed = 0;
  const sockets = Array.from({ length: n }, () => {
    const s = connect(Number(u.port), u.hostname, () => s.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Slow: '));
    s.on('error', () => {});
    s.on('close', () => closed++);
    return s;
  });
  const timer = setInterval(() => {
    for (const s of sockets) if (!s.destroyed) s.write('a');
  }, everyMs);
  return { sockets, closedByServer: () => closed, stop: () => (clearInterval(timer), sockets.forEach((s) => s.destroy())) };
}

/** `n` streaming requests whose clients read the headers and then stop reading entirely. */
export function slowReaders(url: string, n: number, body: (i: number) => string): { started(): number; stop(): void } {
  const u = new URL(url);
  let started = 0;
  const reqs = Array.from({ length: n }, (_, i) => {
    const req = request({ host: u.hostname, port: u.port, path: '/v1/chat/completions', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      started++;
      res.pause(); // no reads: the server's writes back up into the socket buffers
      res.socket.pause();
    });
    req.on('error', () => {});
    req.end(body(i));
    return req;
  });
  return { started: () => started, stop: () => reqs.forEach((r) => r.destroy()) };
}

/** One normal (non-streaming) chat request; resolves with status and milliseconds taken. */
export async function timedRequest(url: string, model = 'mock-reasoner', content = 'What is 2+2?'): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content }] }), signal: AbortSignal.timeout(60_000) });
  await res.text();
  return { status: res.status, ms: performance.now() - t0 };
}

/** The p-th percentile (0–100) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
