/**
 * `psr mock-upstream`: a simulated reasoning LLM on plain node:http (fast enough to sit under
 * a gateway benchmark). It counts requests and the ones the client cancelled (GET /mock/stats)
 * and can stop accepting connections to simulate an upstream that is down.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { completion, embeddings, fail, json, models } from './handlers.js';
import { modesFor, type MockModes } from './modes.js';

/** Counters the mock keeps; `aborted` counts requests whose client left before the end. */
export interface MockStats {
  requests: number;
  active: number;
  completed: number;
  aborted: number;
  /** The last completion/embedding request: path, body and whether it carried a bearer token. */
  last?: { path: string; body: Record<string, unknown>; authorization: boolean };
}

/** Options for startMockUpstream. */
export interface MockUpstreamOptions {
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Defaults for the per-request modes. */
  modes?: Partial<MockModes>;
}

/** A running mock upstream. */
export interface MockUpstream {
  readonly url: string;
  readonly port: number;
  stats(): MockStats;
  /** Close the listener and drop connections: clients get ECONNREFUSED until accept(). */
  refuse(): Promise<void>;
  /** Listen again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    const v: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Wait `ms` before answering; false when the client left meanwhile (the timer must not outlive it). */
function stillThere(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', gone);
      resolve(true);
    }, ms);
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', gone);
  });
}

function handler(opts: MockUpstreamOptions, defaults: MockModes, stats: MockStats) {
  return async function mockRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/v1(?=\/)/, '');
    if (path === '/mock/stats') return json(res, 200, stats);
    stats.requests++;
    stats.active++;
    res.once('close', () => {
      stats.active--;
      if (res.writableFinished) stats.completed++;
      else stats.aborted++;
    });
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) return fail(res, 401, 'Incorrect API key provided', 'invalid_api_key');
    if (req.method === 'GET' && path === '/models') return models(res);
    if (req.method === 'GET' && path.startsWith('/models/')) return models(res, decodeURIComponent(path.slice(8)));
    if (req.method !== 'POST') return fail(res, 404, `Unknown request URL: ${req.method} ${req.url}`, 'not_found');
    const body = await readBody(req);
    if (!body) return fail(res, 400, 'We could not parse the JSON body of your request.', 'invalid_json');
    stats.last = { path, body, authorization: req.headers.authorization !== undefined };
    const modes = modesFor(req.headers, defaults, body);
    if (modes.firstByteDelayMs && !(await stillThere(res, modes.firstByteDelayMs))) return;
    if (modes.failStatus !== undefined) return fail(res, modes.failStatus, `Simulated failure (status ${modes.failStatus})`, 'mock_failure');
    if (path === '/chat/completions') return completion(req, res, body, modes, 'chat');
    if (path === '/completions') return completion(req, res, body, modes, 'text');
    if (path === '/embeddings') return embeddings(res, body);
    fail(res, 404, `Unknown request URL: ${req.method} ${req.url}`, 'not_found');
  };
}

/** Start the mock on `opts.port` (0 = any free port) and `opts.host` (default 127.0.0.1). */
export async function startMockUpstream(opts: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const defaults: MockModes = { reasoning: 'tags', toolFormat: 'openai', tokenDelayMs: 0, ...opts.modes };
  const stats: MockStats = { requests: 0, active: 0, completed: 0, aborted: 0 };
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, handler(opts, defaults, stats));
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
  await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    stats: () => structuredClone(stats),
    refuse: stop,
    accept: () => listen(port),
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
