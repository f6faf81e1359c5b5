/**
 * A misbehaving OpenAI-compatible upstream for SSE fuzzing: plain node:http that answers every
 * completion request with whatever bytes the test queued (split into the given pieces, with an
 * optional abrupt end), and serves a model list so psr's upstream engine can be put in front.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The next answer: status, content type, body pieces written one by one, then end or destroy. */
export interface BrokenAnswer {
  status: number;
  contentType: string;
  pieces: Buffer[];
  /** Destroy the socket instead of ending the response. */
  destroy: boolean;
  /** Delay between pieces (ms). */
  gapMs: number;
}

/** A running broken upstream. */
export interface BrokenUpstream {
  url: string;
  /** Answer the next completion request(s) with this. */
  setAnswer(a: BrokenAnswer): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the fixture on 127.0.0.1:0. */
export async function startBrokenUpstream(model = 'broken-model'): Promise<BrokenUpstream> {
  let answer: BrokenAnswer = { status: 200, contentType: 'text/event-stream', pieces: [Buffer.from('data: [DONE]\n\n')], destroy: false, gapMs: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'x' }] }));
    }
    for await (const _ of req); // drain the request body
    const a = answer;
    res.writeHead(a.status, { 'content-type': a.contentType });
    for (const p of a.pieces) {
      if (res.destroyed) return;
      res.write(p);
      if (a.gapMs > 0) await sleep(a.gapMs);
    }
    if (a.destroy) res.destroy();
    else res.end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    setAnswer: (a) => void (answer = a),
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      for (const s of sockets) s.destroy();
    }),
  };
}

/** Split `bytes` at the given fractional cut points (sorted, deduplicated), anywhere, even inside a UTF-8 sequence. */
export function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const idx = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const i of idx) {
    if (i > prev) out.push(bytes.subarray(prev, i));
    prev = Math.max(prev, i);
  }
  if (prev < bytes.length) out.push(bytes.subarray(prev));
  return out;
}
