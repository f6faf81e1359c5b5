/** API keys: off by default, 401 in the OpenAI shape, constant-time check, admin role, never logged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { composeGenerate } from '../src/gateway/generate.js';
import { bearerToken, hashKey, KeyStore, REDACT_PATHS } from '../src/gateway/auth/index.js';
import { MemoryUsageStore, withUsage } from '../src/gateway/usage/index.js';
import { opsApp } from './helpers/ops-app.js';
import { scriptedEngine } from './helpers/ops-fixtures.js';

const USER_KEY = 'sk-user-0123456789';
const ADMIN_KEY = 'sk-admin-abcdef';
const keys = KeyStore.from([{ sha256: hashKey(ADMIN_KEY), name: 'ops', role: 'admin' }], { user: [USER_KEY] });

test('auth is off when no keys are configured', async () => {
  const app = await opsApp({ keys: KeyStore.from([]), generate: scriptedEngine().generate });
  const res = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { content: 'x' } });
  assert.equal(res.statusCode, 200);
  await app.close();
});

test('missing, wrong and malformed keys get 401 invalid_api_key in the OpenAI shape', async (t) => {
  const lines: string[] = [];
  const app = await opsApp({ keys, generate: scriptedEngine().generate, logStream: { write: (l) => lines.push(l) } });
  const cases = [
    { name: 'missing', headers: {} },
    { name: 'wrong key', headers: { authorization: 'Bearer sk-nope-secret' } },
    { name: 'basic scheme', headers: { authorization: `Basic ${USER_KEY}` } },
    { name: 'empty bearer', headers: { authorization: 'Bearer ' } },
    { name: 'key with suffix', headers: { authorization: `Bearer ${USER_KEY}x` } },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { content: 'x' }, headers: c.headers });
      assert.equal(res.statusCode, 401);
      const body = res.json();
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
      assert.equal(body.error.code, 'invalid_api_key');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.ok(!res.body.includes('sk-nope-secret'), 'the presented key is not echoed');
    });
  }
  assert.ok(!lines.join('').includes('sk-nope-secret') && !lines.join('').includes(USER_KEY), 'keys never logged');
  await app.close();
});

test('valid user and admin keys pass; public paths need no key', async () => {
  const app = await opsApp({ keys, generate: scriptedEngine().generate });
  for (const key of [USER_KEY, ADMIN_KEY]) {
    const res = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { content: 'x' }, headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.statusCode, 200, key);
  }
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  await app.close();
});

test('/v1/usage requires an admin key: 401 without, 403 for user keys, 200 for admin', async () => {
  const usage = new MemoryUsageStore();
  const generate = composeGenerate(scriptedEngine().generate, withUsage(usage));
  const app = await opsApp({ keys, generate, usage });
  const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
  await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { content: 'x', user: 'alice' }, headers: bearer(USER_KEY) });
  assert.equal((await app.inject({ url: '/v1/usage?user=alice' })).statusCode, 401);
  const forbidden = await app.inject({ url: '/v1/usage?user=alice', headers: bearer(USER_KEY) });
  assert.equal(forbidden.statusCode, 403);
  assert.equal(forbidden.json().error.code, 'insufficient_permissions');
  const ok = await app.inject({ url: '/v1/usage?user=alice', headers: bearer(ADMIN_KEY) });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().requests, 1);
  assert.equal((await app.inject({ url: '/v1/usage', headers: bearer(ADMIN_KEY) })).statusCode, 400);
  await app.close();
});

test('bearer parsing and digest validation', () => {
  assert.equal(bearerToken('Bearer abc'), 'abc');
  assert.equal(bearerToken('bearer abc'), 'abc');
  assert.equal(bearerToken('Bearer a b'), undefined);
  assert.equal(bearerToken(undefined), undefined);
  assert.throws(() => new KeyStore([{ sha256: 'not-hex' }]), /64 hex/);
  assert.equal(keys.verify(USER_KEY)?.role, 'user');
  assert.deepEqual(keys.verify(ADMIN_KEY), { id: 'ops', role: 'admin' });
  assert.equal(keys.verify('x'), undefined);
});

test('pino redaction paths censor authorization headers', () => {
  const lines: string[] = [];
  const log = pino({ redact: REDACT_PATHS }, { write: (l: string) => lines.push(l) });
  log.info({ req: { headers: { authorization: `Bearer ${USER_KEY}` } } }, 'r');
  log.info({ headers: { authorization: `Bearer ${USER_KEY}`, 'x-api-key': USER_KEY } }, 'h');
  assert.ok(!lines.join('').includes(USER_KEY));
  assert.match(lines.join(''), /\[Redacted\]/);
});
