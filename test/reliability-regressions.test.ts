/**
 * Regressions the fuzzers found, pinned as a table: each was a 5xx or a non-envelope answer to
 * bad input. Plus requests Node's HTTP parser rejects before Fastify sees them, over a raw socket.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { RunningServer } from '../src/gateway/server.js';
import { assertSpec } from './helpers/openapi.js';
import { assertWellFormed } from './helpers/reliability-checks.js';
import { rawRequest, startReliabilityServer } from './helpers/reliability-stack.js';

let server: RunningServer;
before(async () => {
  server = await startReliabilityServer();
});
after(async () => server?.close());

const nest = (d: number) => '['.repeat(d) + ']'.repeat(d);
const user = (extra: Record<string, unknown>) => [{ role: 'user', content: 'What is 2+2?', ...extra }];

/** method, path, body, expected status */
const CASES: Array<{ name: string; method?: string; path?: string; body?: string; status: number }> = [
  // forwarded extra fields went through JSON.stringify to the upstream: stack overflow → 502
  { name: 'deeply nested extra field to an upstream model', body: `{"model":"mock-reasoner","messages":[{"role":"user","content":"hi"}],"x":${nest(100_000)}}`, status: 400 },
  { name: 'deeply nested tool parameters', body: `{"model":"mock-reasoner","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}]}`, status: 400 },
  { name: 'deeply nested json_schema to the symbolic engine', body: `{"model":"psycho-symbolic-v1","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}}`, status: 400 },
  { name: 'a million nested arrays as the body', body: nest(1_000_000), status: 400 },
  { name: 'nesting just under the limit still works', body: `{"model":"mock-reasoner","messages":[{"role":"user","content":"hi"}],"x":${nest(250)}}`, status: 200 },
  // tool_calls on a user message skipped validation and crashed token counting → 500
  { name: 'tool_calls [0] on a user message (symbolic)', body: JSON.stringify({ model: 'psycho-symbolic-v1-fast', messages: user({ tool_calls: [0] }) }), status: 200 },
  { name: 'tool_calls string on a user message (upstream)', body: JSON.stringify({ model: 'mock-reasoner', messages: user({ tool_calls: 'x' }) }), status: 200 },
  { name: 'tool_call_id and reasoning_content of the wrong type on a user message', body: JSON.stringify({ model: 'psycho-symbolic-v1', messages: user({ tool_call_id: {}, reasoning_content: 5 }) }), status: 200 },
  // Fastify answered a bad %-escape in its own shape, not the OpenAI envelope
  { name: 'malformed %-escape in a model id', method: 'GET', path: '/v1/models/%ZZ', status: 400 },
  { name: 'invalid UTF-8 %-escape in a model id', method: 'GET', path: '/v1/models/%FF%FE', status: 400 },
];

test('fuzzer findings: bad input gets a 4xx envelope (or works), never a 5xx', async () => {
  for (const c of CASES) {
    const method = c.method ?? 'POST';
    const path = c.path ?? '/v1/chat/completions';
    const res = await rawRequest(server.url, { method, path, body: c.body, headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, c.status, `${c.name}: ${res.text.slice(0, 300)}`);
    await assertWellFormed(res, { method, path, stream: false, what: c.name });
  }
});

function rawExchange(bytes: string): Promise<string> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(u.port), u.hostname, () => s.end(bytes));
    let out = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => (out += d));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(10_000, () => s.destroy(new Error('hang: server kept a rejected request open')));
  });
}

const PARSER_CASES: Array<{ name: string; bytes: string; status: number }> = [
  { name: 'garbage request line', bytes: 'HELLO THERE\r\n\r\n', status: 400 },
  { name: 'bad header line', bytes: 'GET /health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n', status: 400 },
  { name: 'bad chunked encoding', bytes: 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', status: 400 },
  { name: 'headers over the size limit', bytes: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431 },
];

test('requests the HTTP parser rejects are answered in the envelope and closed', async () => {
  for (const c of PARSER_CASES) {
    const out = await rawExchange(c.bytes);
    const [head, body] = [out.slice(0, out.indexOf('\r\n\r\n')), out.slice(out.indexOf('\r\n\r\n') + 4)];
    assert.match(head, new RegExp(`^HTTP/1.1 ${c.status} `), `${c.name}: ${out.slice(0, 200)}`);
    assertSpec('ErrorResponse', JSON.parse(body));
  }
});
