/**
 * Open many streaming chat requests and cancel each at a random point: before the response,
 * right after the headers, or after a random number of body bytes. Used by the disconnect bench
 * (10,000 streams) and by test/reliability-disconnect.test.ts (fewer).
 */
import { request, type Agent } from 'node:http';

/** Options for cancelStreams. */
export interface CancelOptions {
  /** psr base URL. */
  url: string;
  model: string;
  count: number;
  concurrency: number;
  /** Upper bound of the random byte offset at which a stream is cut. */
  maxBytes?: number;
  agent?: Agent | false;
  /** Seeded randomness so a run can be repeated. */
  random?: () => number;
}

/** What happened to the streams. */
export interface CancelResult {
  /** Streams cut before their end. */
  cancelled: number;
  /** Streams that ended before their cut point (not cancelled). */
  finished: number;
  /** Where the cuts fell. */
  cutBefore: { response: number; body: number; bytes: number };
}

/** A small deterministic PRNG (mulberry32), shared with the rest of psr. */
export { seededRandom as seeded } from '../../src/core/random.js';

function one(opts: CancelOptions, i: number, r: () => number, out: CancelResult): Promise<void> {
  const u = new URL(opts.url);
  const body = JSON.stringify({ model: opts.model, stream: true, messages: [{ role: 'user', content: `stream ${i}: count to 300` }], mock: { token_delay_ms: 2 } });
  const roll = r();
  const mode = roll < 0.1 ? 'response' : roll < 0.2 ? 'body' : 'bytes';
  const cutAt = 1 + Math.floor(r() * (opts.maxBytes ?? 4000));
  let settled = false;
  return new Promise((resolve) => {
    const req = request({ host: u.hostname, port: u.port, path: '/v1/chat/completions', method: 'POST', agent: opts.agent ?? false, headers: { 'content-type': 'application/json' } }, (res) => {
      if (mode === 'body') return cut();
      let seen = 0;
      res.on('data', (c: Buffer) => {
        seen += c.length;
        if (seen >= cutAt) cut();
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        out.finished++;
        resolve();
      });
    });
    function cut(): void {
      if (settled) return;
      settled = true;
      out.cancelled++;
      out.cutBefore[mode]++;
      req.destroy();
      resolve();
    }
    req.on('error', () => resolve()); // our own destroy
    req.end(body);
    if (mode === 'response') setTimeout(cut, Math.floor(r() * 5));
  });
}

/** Run `count` streams, `concurrency` at a time, each cut at a random point. */
export async function cancelStreams(opts: CancelOptions): Promise<CancelResult> {
  const r = opts.random ?? Math.random;
  const out: CancelResult = { cancelled: 0, finished: 0, cutBefore: { response: 0, body: 0, bytes: 0 } };
  let next = 0;
  const lane = async () => {
    while (next < opts.count) await one(opts, next++, r, out);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.count) }, lane));
  return out;
}
