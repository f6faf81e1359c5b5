/**
 * Reliability harness: psr started the way `psr serve --mock` starts it (symbolic engine plus the
 * in-process mock upstream), and a raw HTTP client that can send any bytes, any method and any
 * headers with a hard per-request deadline, so a hang shows up as a failure, not a stuck test.
 */
import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { loadConfig, type PsrConfig } from '../../src/config.js';
import { startServer, type RunningServer, type ServerExtension } from '../../src/gateway/server.js';

/** A raw HTTP answer: status, headers and the whole body as bytes and text. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One raw request. */
export interface RawRequest {
  method: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
}

/**
 * Send `req` to `base` and read the whole answer; rejects with `hang: …` after `timeoutMs`.
 * @example await rawRequest(url, { method: 'POST', path: '/v1/chat/completions', body: '{' })
 */
export function rawRequest(base: string, req: RawRequest, opts: { timeoutMs?: number; agent?: Agent } = {}): Promise<RawResponse> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, method: req.method, path: req.path, headers: req.headers, agent: opts.agent ?? false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        const body = Buffer.concat(parts);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', fail);
    });
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    // a hang is the failure we look for: name it so the property report says so
    const timer = setTimeout(() => {
      r.destroy();
      reject(new Error(`hang: no complete answer to ${req.method} ${req.path} within ${timeoutMs} ms`));
    }, timeoutMs);
    r.on('error', fail);
    r.end(req.body);
  });
}

/** Options for startReliabilityServer. */
export interface ReliabilityServerOptions {
  env?: NodeJS.ProcessEnv;
  /** Serve the in-process mock upstream too (default true). */
  mock?: boolean;
  extend?: ServerExtension;
}

/** The configuration psr would build from `env` (port 0 on 127.0.0.1 unless the env says otherwise). */
export function reliabilityConfig(opts: ReliabilityServerOptions = {}): PsrConfig {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', ...opts.env }, { mock: opts.mock ?? true });
}

/** Start psr in-process, configured like `psr serve --mock` (plus `env`). */
export function startReliabilityServer(opts: ReliabilityServerOptions = {}): Promise<RunningServer> {
  return startServer(reliabilityConfig(opts), { logger: false, ...opts.extend });
}

/** Kinds of handles that keep the event loop alive, counted by type (for leak checks). */
export function activeHandleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  for (const h of handles) {
    const name = h.constructor?.name ?? 'unknown';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  for (const r of process.getActiveResourcesInfo()) counts[`resource:${r}`] = (counts[`resource:${r}`] ?? 0) + 1;
  return counts;
}

/** Run GC (when exposed with --expose-gc) a few times and return heapUsed in bytes. */
export async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}
