/**
 * The real `psr serve` process with a config file and environment: API keys (401 in the OpenAI
 * shape), per-key rate limits (429 with Retry-After and x-ratelimit-*), metrics moving, usage
 * by user (admin only), cache stats in /health, request ids, and logs without prompts or keys.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { hashKey } from '../src/gateway/auth/index.js';
import { configFile, postJson, spawnPsr } from './helpers/psr-process.js';

const USER_KEY = 'sk-user-0123456789';
const ADMIN_KEY = 'sk-admin-9876543210';
const SECRET_PROMPT = 'zebra-secret-prompt: is a cat an animal?';
const cfg = configFile('psr.yaml', [
  'auth:',
  '  keys:',
  `    - sha256: ${hashKey(USER_KEY)}`,
  '      name: ci',
  'rateLimit:',
  '  requestsPerMinute: 4',
  '',
].join('\n'));
const psr = await spawnPsr({ args: ['--config', cfg], env: { PSR_ADMIN_KEYS: ADMIN_KEY, PSR_LOG: '1' } });
after(() => psr.stop('SIGKILL'));

const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
const chatBody = (extra: Record<string, unknown> = {}) => ({ model: 'psycho-symbolic-v1', temperature: 0, user: 'alice', messages: [{ role: 'user', content: SECRET_PROMPT }], ...extra });

/** Sum of a metric's samples whose labels contain every `labels` fragment. */
async function metric(name: string, ...labels: string[]): Promise<number> {
  const text = await (await fetch(`${psr.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (labels.every((l) => line.includes(l))) sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

test('401 in the OpenAI shape for a missing or wrong key; public /health and /metrics need none', async (t) => {
  const cases = [
    { name: 'no key', headers: {} as Record<string, string>, message: /didn't provide an API key/ },
    { name: 'wrong key', headers: bearer('sk-wrong'), message: /Incorrect API key/ },
    { name: 'not bearer', headers: { authorization: `Basic ${USER_KEY}` }, message: /didn't provide/ },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const res = await postJson(`${psr.url}/v1/chat/completions`, chatBody(), c.headers);
      assert.equal(res.status, 401);
      const body = (await res.json()) as { error: { code: string; type: string; message: string; param: unknown } };
      assert.equal(body.error.code, 'invalid_api_key');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(body.error.message, c.message);
      assert.ok(!body.error.message.includes('sk-wrong'), 'the presented key is not echoed');
    });
  }
  assert.equal((await fetch(`${psr.url}/health`)).status, 200);
  assert.equal((await fetch(`${psr.url}/metrics`)).status, 200);
  assert.ok((await metric('psycho_symbolic_requests_total', 'status="401"')) >= 3, '401s are counted');
});

test('metrics move, rate limit headers, 429 with Retry-After, usage by user, cache in /health', async () => {
  const before = await metric('psycho_symbolic_requests_total', 'endpoint="/v1/chat/completions"', 'status="200"');
  const first = await postJson(`${psr.url}/v1/chat/completions`, chatBody(), { ...bearer(USER_KEY), 'x-request-id': 'trace-abc-1' });
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-request-id'), 'trace-abc-1', 'the proxy request id is kept');
  assert.equal(first.headers.get('x-ratelimit-limit-requests'), '4');
  assert.equal(first.headers.get('x-ratelimit-remaining-requests'), '3');
  assert.equal(first.headers.get('x-psr-cache'), 'miss');
  const second = await postJson(`${psr.url}/v1/chat/completions`, chatBody(), bearer(USER_KEY));
  assert.equal(second.headers.get('x-psr-cache'), 'hit');
  assert.match(second.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, 'a generated request id');
  const emb = await postJson(`${psr.url}/v1/embeddings`, { model: 'psycho-symbolic-embed-v1', input: 'cats and dogs', user: 'alice' }, bearer(USER_KEY));
  assert.equal(emb.status, 200);
  const streamed = await postJson(`${psr.url}/v1/chat/completions`, chatBody({ stream: true, temperature: 0.7 }), bearer(USER_KEY));
  assert.equal(streamed.status, 200);
  assert.match(await streamed.text(), /data: \[DONE\]/);
  const refused = await postJson(`${psr.url}/v1/chat/completions`, chatBody(), bearer(USER_KEY));
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
  assert.equal(refused.headers.get('x-ratelimit-remaining-requests'), '0');
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limit_exceeded');
  // another key has its own budget
  assert.equal((await postJson(`${psr.url}/v1/chat/completions`, chatBody({ user: 'bob' }), bearer(ADMIN_KEY))).status, 200);

  assert.equal((await metric('psycho_symbolic_requests_total', 'endpoint="/v1/chat/completions"', 'status="200"')) - before, 4);
  assert.equal(await metric('psycho_symbolic_requests_total', 'status="429"'), 1);
  assert.ok((await metric('psycho_symbolic_response_time_seconds_count', 'model="psycho-symbolic-v1"', 'engine="symbolic"')) >= 4);
  assert.ok((await metric('psycho_symbolic_cache_hit_ratio')) > 0);
  assert.ok((await metric('psr_time_to_first_token_seconds_count', 'engine="symbolic"')) >= 2);
  assert.ok((await metric('psr_overhead_seconds_count', 'engine="symbolic"')) >= 2);
  assert.ok((await metric('psr_tokens_total', 'direction="out"')) > 0);
  assert.ok((await metric('psr_tokens_total', 'model="psycho-symbolic-embed-v1"', 'direction="in"')) > 0, 'embeddings tokens counted');

  const forbidden = await fetch(`${psr.url}/v1/usage?user=alice`, { headers: bearer(USER_KEY) });
  assert.equal(forbidden.status, 403, 'usage needs an admin key');
  const usage = (await (await fetch(`${psr.url}/v1/usage?user=alice`, { headers: bearer(ADMIN_KEY) })).json()) as { requests: number; prompt_tokens: number; models: Record<string, { requests: number }> };
  assert.equal(usage.requests, 4, 'three chats and one embedding (the refused one is not counted)');
  assert.ok(usage.prompt_tokens > 0);
  assert.equal(usage.models['psycho-symbolic-embed-v1']?.requests, 1);

  const health = (await (await fetch(`${psr.url}/health`)).json()) as { cache: { hits: number; misses: number; hitRatio: number; size: number; backend: string } };
  assert.equal(health.cache.backend, 'memory');
  assert.equal(health.cache.hits, 2, "alice's repeat and bob's identical request (the user is not part of the key)");
  assert.ok(health.cache.size >= 1);
});

test('logs carry request ids and never the prompt or a key', async () => {
  const logs = psr.stdout() + psr.stderr();
  assert.match(logs, /"requestId":"trace-abc-1"/);
  assert.match(logs, /"msg":"request completed"/, 'PSR_LOG=1 logs each request');
  assert.ok(!logs.includes('zebra-secret'), 'no prompt text');
  assert.ok(!logs.includes(USER_KEY) && !logs.includes(ADMIN_KEY), 'no API key');
});
