/**
 * Ops features end to end through the real HTTP server: two psr instances sharing one real
 * Redis (cache hit across instances, shared rate limits, shared usage), 401/429 with headers
 * (also through the official openai client), metrics moving, and Redis killed mid-run
 * without a failed request.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startRedis } from './helpers/redis-server.js';
import { CountingEngine, startOpsServer } from './helpers/ops-server.js';

const redis = await startRedis();
const common = { redisUrl: redis.url, userKeys: ['sk-cache', 'sk-limit', 'sk-stream', 'sk-usage', 'sk-outage'], adminKeys: ['sk-admin'], requestsPerMinute: 4 };
const a = await startOpsServer({ ...common, engine: new CountingEngine() });
const b = await startOpsServer({ ...common, engine: new CountingEngine() });
after(async () => {
  await a.close();
  await b.close();
  await redis.stop();
});

function chat(base: string, key: string | undefined, body: Record<string, unknown>): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  return fetch(`${base}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model: 'ops-model', temperature: 0, ...body }) });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
const json = async (r: Response): Promise<any> => r.json();
const ask = (text: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content: text }], ...extra });

test('a cache hit on the second identical request, served by the other instance', async () => {
  const first = await chat(a.url, 'sk-cache', ask('what is psr?'));
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-psr-cache'), 'miss');
  const second = await chat(b.url, 'sk-cache', ask('what is psr?'));
  assert.equal(second.headers.get('x-psr-cache'), 'hit');
  assert.equal(b.engine.calls, 0, 'instance b never ran its engine');
  const [x, y] = [await json(first), await json(second)];
  assert.equal(y.choices[0].message.content, x.choices[0].message.content);
  assert.equal(y.choices[0].message.content, 'echo what is psr? run 1');
  const sampled = await chat(b.url, 'sk-cache', ask('what is psr?', { temperature: 0.8 }));
  assert.equal(sampled.headers.get('x-psr-cache'), 'bypass');
  assert.equal(b.engine.calls, 1);
});

test('a cached stream is replayed as a stream on the other instance', async () => {
  const sse = async (base: string) => {
    const res = await chat(base, 'sk-stream', ask('stream me', { stream: true }));
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const text = await res.text();
    const deltas = text.split('\n\n').filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6)).choices[0]?.delta?.content ?? '');
    return { cache: res.headers.get('x-psr-cache'), content: deltas.join(''), done: text.trimEnd().endsWith('data: [DONE]') };
  };
  const one = await sse(a.url);
  const two = await sse(b.url);
  assert.deepEqual([one.cache, two.cache], ['miss', 'hit']);
  assert.equal(two.content, one.content);
  assert.ok(two.done);
  const whole = await chat(a.url, 'sk-stream', ask('stream me'));
  assert.equal(whole.headers.get('x-psr-cache'), 'hit', 'a non-streaming request reuses the streamed entry');
  assert.equal((await json(whole)).choices[0].message.content, one.content);
});

test('401 invalid_api_key for missing and wrong keys, also through the openai client', async () => {
  const missing = await chat(a.url, undefined, ask('x'));
  assert.equal(missing.status, 401);
  assert.equal((await json(missing)).error.code, 'invalid_api_key');
  const client = new OpenAI({ baseURL: `${a.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
  await assert.rejects(client.chat.completions.create({ model: 'ops-model', messages: [{ role: 'user', content: 'x' }] }), (err: unknown) => {
    assert.ok(err instanceof OpenAI.AuthenticationError);
    assert.equal(err.code, 'invalid_api_key');
    return true;
  });
  const ok = new OpenAI({ baseURL: `${a.url}/v1`, apiKey: 'sk-usage', maxRetries: 0 });
  const r = await ok.chat.completions.create({ model: 'ops-model', temperature: 0, messages: [{ role: 'user', content: 'hello' }], user: 'dora' });
  assert.match(r.choices[0].message.content ?? '', /^echo hello/);
});

test('rate limits are shared by both instances: 429 with Retry-After and x-ratelimit-* headers', async () => {
  const statuses: number[] = [];
  let last: Response | undefined;
  for (const base of [a.url, b.url, a.url, b.url, a.url]) {
    last = await chat(base, 'sk-limit', ask(`limit ${statuses.length}`));
    statuses.push(last.status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
  assert.ok(Number(last!.headers.get('retry-after')) >= 1);
  assert.equal(last!.headers.get('x-ratelimit-limit-requests'), '4');
  assert.equal(last!.headers.get('x-ratelimit-remaining-requests'), '0');
  const body = await json(last!);
  assert.equal(body.error.code, 'rate_limit_exceeded');
  const client = new OpenAI({ baseURL: `${b.url}/v1`, apiKey: 'sk-limit', maxRetries: 0 });
  await assert.rejects(client.chat.completions.create({ model: 'ops-model', messages: [{ role: 'user', content: 'x' }] }), OpenAI.RateLimitError);
});

test('usage by user across instances, readable only with an admin key', async () => {
  await chat(a.url, 'sk-usage', ask('u1', { user: 'erin' }));
  await chat(b.url, 'sk-usage', ask('u2', { user: 'erin' }));
  await new Promise((r) => setTimeout(r, 50));
  const denied = await fetch(`${a.url}/v1/usage?user=erin`, { headers: { authorization: 'Bearer sk-usage' } });
  assert.equal(denied.status, 403);
  const res = await fetch(`${b.url}/v1/usage?user=erin`, { headers: { authorization: 'Bearer sk-admin' } });
  assert.equal(res.status, 200);
  const report = await json(res);
  assert.equal(report.requests, 2);
  assert.ok(report.prompt_tokens > 0 && report.completion_tokens > 0);
  assert.equal(report.models['ops-model'].requests, 2);
});

test('metrics are exposed and move; no keys or users in them', async () => {
  const scrape = async () => (await fetch(`${a.url}/metrics`)).text();
  const count = (text: string, re: RegExp) => Number(text.split('\n').find((l) => re.test(l))?.split(' ').at(-1) ?? 0);
  const okLine = /^psycho_symbolic_requests_total\{.*model="ops-model".*engine="counting".*status="200"/;
  const before = await scrape();
  await chat(a.url, 'sk-usage', ask('metrics please', { user: 'frank' }));
  await chat(a.url, undefined, ask('no key'));
  const text = await scrape();
  assert.equal(count(text, okLine), count(before, okLine) + 1);
  assert.ok(count(text, /^psycho_symbolic_requests_total\{.*status="401"/) >= 1);
  assert.ok(count(text, /^psr_time_to_first_token_seconds_count\{model="ops-model",engine="counting"\}/) > count(before, /^psr_time_to_first_token_seconds_count\{model="ops-model",engine="counting"\}/));
  assert.match(text, /^psr_tokens_total\{model="ops-model",engine="counting",direction="out"\} [1-9]/m);
  assert.match(text, /^psycho_symbolic_cache_hit_ratio \d/m);
  assert.match(text, /^psr_overhead_seconds_count\{/m);
  assert.ok(!/sk-|frank|erin/.test(text));
});

test('Redis killed mid-run: every request still succeeds (no cache, per-instance limits)', async () => {
  await redis.kill();
  for (const base of [a.url, b.url, a.url]) {
    const res = await chat(base, 'sk-outage', ask('after the outage'));
    assert.equal(res.status, 200);
    assert.match((await json(res)).choices[0].message.content, /^echo after the outage/);
  }
  assert.equal((await a.cache.stats()).backend, 'none');
});
