/**
 * A real psr (createApp, listening on 127.0.0.1:0) over a real mock upstream (node:http on
 * port 0), plus the official `openai` client pointed at it. Close it in `after()`.
 */
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { createApp, type AppOptions } from '../../src/api/app.js';
import type { NativeSupport } from '../../src/core/types.js';
import { createUpstreamEngine } from '../../src/engines/upstream/engine.js';
import { decodeSse, type SseEvent } from '../../src/engines/upstream/sse-decoder.js';
import { startMockUpstream, type MockUpstream, type MockUpstreamOptions } from '../../src/mock-upstream/server.js';

/** A running psr + mock upstream. */
export interface PsrStack {
  /** psr's base URL (no /v1). */
  url: string;
  app: FastifyInstance;
  mock: MockUpstream;
  client: OpenAI;
  close(): Promise<void>;
}

/** Options for startStack. */
export interface StackOptions {
  /** What the upstream engine claims to do itself; `{}` makes psr apply n/stop/max_tokens centrally. */
  native?: NativeSupport;
  mock?: MockUpstreamOptions;
  /** Upstream key psr sends (the mock then requires it). */
  upstreamKey?: string;
  app?: Omit<AppOptions, 'engines'>;
}

/** Start psr over a fresh mock upstream. */
export async function startStack(opts: StackOptions = {}): Promise<PsrStack> {
  const mock = await startMockUpstream({ ...opts.mock, apiKey: opts.upstreamKey });
  const engine = await createUpstreamEngine({ url: mock.url, apiKey: opts.upstreamKey, native: opts.native });
  const app = await createApp({ ...opts.app, engines: [engine] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 20_000 });
  return {
    url,
    app,
    mock,
    client,
    async close() {
      await app.close();
      await mock.close();
    },
  };
}

/** POST JSON with fetch; returns status, headers and the raw text. */
export async function postRaw(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** POST a streaming request and collect the SSE frames (raw framing, no SDK in between). */
export async function sseFrames(url: string, body: unknown): Promise<{ status: number; contentType: string; frames: SseEvent[]; raw: string }> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const raw = await res.text();
  const frames: SseEvent[] = [];
  async function* once() {
    yield raw;
  }
  for await (const f of decodeSse(once())) frames.push(f);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', frames, raw };
}

/** Poll `check` until it returns true or ~5 s pass (for cross-process effects such as an abort). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for: ${what}`);
}
