/** Config file + environment: precedence, validation errors naming key and file, `psr config check`. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadConfig as loadServeConfig } from '../src/config.js';
import { ConfigError, loadConfig } from '../src/config/index.js';
import { hashKey } from '../src/gateway/auth/index.js';

const dir = mkdtempSync(join(tmpdir(), 'psr-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('defaults with no file and no environment', () => {
  const cfg = loadConfig({ env: {} });
  assert.equal(cfg.port, 3000);
  assert.equal(cfg.cache.size, 10_000);
  assert.equal(cfg.maxTokens, 0, 'no max_tokens ceiling unless configured');
  assert.equal(cfg.enableStreaming, true);
  assert.deepEqual(cfg.auth.keys, []);
  assert.equal(cfg.redis, undefined);
});

test('file (YAML and JSON) < environment; PSR_CONFIG and --config', () => {
  const yaml = file('a.yaml', 'port: 4000\ncache:\n  size: 5\n  warm:\n    - model: psr-symbolic\n      prompt: How to handle rate limiting?\n');
  const json = file('b.json', JSON.stringify({ port: 4100, maxTokens: 100 }));
  assert.equal(loadConfig({ argvPath: yaml, env: {} }).cache.size, 5);
  assert.equal(loadConfig({ argvPath: yaml, env: {} }).cache.warm[0].prompt, 'How to handle rate limiting?');
  assert.equal(loadConfig({ env: { PSR_CONFIG: json } }).maxTokens, 100);
  assert.equal(loadConfig({ argvPath: json, env: { PSR_CONFIG: yaml } }).port, 4100, '--config wins over PSR_CONFIG');
  const env = { PORT: '5000', CACHE_SIZE: '7', MAX_TOKENS: '64', ENABLE_STREAMING: 'false', REDIS_URL: 'redis://127.0.0.1:6379', UPSTREAM_URL: 'http://127.0.0.1:9/v1', UPSTREAM_API_KEY: 'sk-up', MOCK_PORT: '8081' };
  const cfg = loadConfig({ argvPath: yaml, env });
  assert.deepEqual([cfg.port, cfg.cache.size, cfg.maxTokens, cfg.enableStreaming, cfg.redis?.url, cfg.upstream?.url, cfg.upstream?.apiKey, cfg.mockPort], [5000, 7, 64, false, 'redis://127.0.0.1:6379', 'http://127.0.0.1:9/v1', 'sk-up', 8081]);
});

test('serve flags win over env and file; kb, gguf, mock, logRequests, symbolic.warm keep their env vars', async (t) => {
  const f = file('s.yaml', 'port: 4000\nkb: [a.ttl]\nsymbolic:\n  warm: [Is a cat an animal?]\n');
  const cases = [
    { name: 'file', env: {}, flags: {}, want: { port: 4000, kb: ['a.ttl'], mock: false, logRequests: false, gguf: [] as string[] } },
    { name: 'env over file', env: { PORT: '4001', PSR_KB: 'b.ttl, c.ttl', PSR_MOCK: '1', PSR_LOG: '1', PSR_GGUF: 'm.gguf:x' }, flags: {}, want: { port: 4001, kb: ['b.ttl', 'c.ttl'], mock: true, logRequests: true, gguf: ['m.gguf:x'] } },
    { name: 'flags over env', env: { PORT: '4001', PSR_KB: 'b.ttl', PSR_MOCK: 'true' }, flags: { port: '4002', kb: ['d.ttl'], mock: false, log: true }, want: { port: 4002, kb: ['d.ttl'], mock: false, logRequests: true, gguf: [] as string[] } },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const cfg = loadConfig({ argvPath: f, env: c.env, flags: c.flags });
      assert.deepEqual({ port: cfg.port, kb: cfg.kb, mock: cfg.mock, logRequests: cfg.logRequests, gguf: cfg.gguf }, c.want);
      assert.deepEqual(cfg.symbolic.warm, ['Is a cat an animal?']);
    });
  }
  await t.test('the psr serve facade reads --config', () => {
    assert.equal(loadServeConfig({}, { config: f, port: '4003' }).port, 4003);
    assert.deepEqual(loadServeConfig({}, { config: f }).kb, ['a.ttl']);
  });
  await t.test('bad flags and several upstream targets', () => {
    assert.throws(() => loadConfig({ env: {}, flags: { port: 'x' } }), /flag --port: must be an integer, got 'x'/);
    assert.throws(() => loadConfig({ env: {}, flags: { 'body-limit': '10' } }), /flag --body-limit: bodyLimit must be >= 1024/);
    assert.throws(() => loadConfig({ env: { UPSTREAM_URL: 'ftp://x' } }), /env UPSTREAM_URL: upstream\.url must be an http\(s\) URL/);
    assert.equal(loadConfig({ env: { UPSTREAM_URL: 'fast=http://a:1/v1, http://b:2/v1' } }).upstream?.url, 'fast=http://a:1/v1, http://b:2/v1');
  });
});

test('PSR_API_KEYS / PSR_ADMIN_KEYS are hashed at load, file keys kept', () => {
  const f = file('k.yaml', `auth:\n  keys:\n    - sha256: ${hashKey('filekey')}\n      name: ci\n`);
  const cfg = loadConfig({ argvPath: f, env: { PSR_API_KEYS: 'k1, k2', PSR_ADMIN_KEYS: 'root' } });
  assert.equal(cfg.auth.keys.length, 4);
  assert.ok(!JSON.stringify(cfg).includes('k1'), 'no plain key kept');
  assert.deepEqual(cfg.auth.keys.at(-1), { sha256: hashKey('root'), role: 'admin' });
});

test('errors name the key and the file (with line) or the environment variable', async (t) => {
  const cases = [
    { name: 'negative size', file: 'e1.yaml', text: 'cache:\n  size: -1\n', want: [/e1\.yaml:2: cache\.size must be >= 0/] },
    { name: 'typo key', file: 'e2.yaml', text: 'port: 1\ncahce: {}\n', want: [/e2\.yaml:2: cahce is not a known setting/] },
    { name: 'bad digest', file: 'e3.yaml', text: 'auth:\n  keys:\n    - sha256: abc\n', want: [/e3\.yaml:3: auth\.keys\.0\.sha256 must be a sha256 digest/] },
    { name: 'json wrong type', file: 'e4.json', text: '{\n  "port": "x"\n}', want: [/e4\.json:2: port must be integer/] },
    { name: 'enum', file: 'e5.yaml', text: 'log:\n  level: loud\n', want: [/e5\.yaml:2: log\.level must be one of/] },
    { name: 'several at once', file: 'e6.yaml', text: 'port: 70000\nworkers: 0\n', want: [/port must be <= 65535/, /workers must be >= 1/] },
    { name: 'broken yaml', file: 'e7.yaml', text: 'port: [1,\n', want: [/e7\.yaml:\d+: not valid YAML/] },
    { name: 'not a mapping', file: 'e8.yaml', text: '- 1\n', want: [/e8\.yaml: the top level must be a mapping/] },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const p = file(c.file, c.text);
      assert.throws(() => loadConfig({ argvPath: p, env: {} }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        for (const re of c.want) assert.match(err.message, re);
        return true;
      });
    });
  }
  await t.test('missing file', () => assert.throws(() => loadConfig({ argvPath: join(dir, 'nope.yaml'), env: {} }), /nope\.yaml: cannot read config file \(ENOENT\)/));
  await t.test('env values', () => {
    assert.throws(() => loadConfig({ env: { CACHE_SIZE: 'lots' } }), /env CACHE_SIZE: must be an integer, got 'lots'/);
    assert.throws(() => loadConfig({ env: { ENABLE_STREAMING: 'maybe' } }), /env ENABLE_STREAMING: must be true or false/);
    assert.throws(() => loadConfig({ env: { PORT: '99999' } }), /env PORT: port must be <= 65535/);
    assert.throws(() => loadConfig({ env: { REDIS_URL: 'localhost:6379' } }), /env REDIS_URL: redis\.url must be a redis:\/\/ or rediss:\/\/ URL/);
    assert.throws(() => loadConfig({ env: { UPSTREAM_API_KEY: 'k' } }), /env UPSTREAM_API_KEY: upstream\.url is required/);
  });
});

test('psr config check: exit 0 with a summary, 1 naming the bad key and file', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'config', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  const good = cli(['check', '--config', file('ok.yaml', 'port: 3001\n')]);
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, /config ok \(.*ok\.yaml\)/);
  assert.match(good.stdout, /listen: 127\.0\.0\.1:3001/);
  const bad = cli(['check'], { PSR_CONFIG: file('bad.yaml', 'cache:\n  ttlSeconds: 0\n') });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad\.yaml:2: cache\.ttlSeconds must be >= 1/);
  const shown = cli(['show'], { PSR_API_KEYS: 'sk-plain-secret', UPSTREAM_URL: 'http://x:1', UPSTREAM_API_KEY: 'sk-up-secret' });
  assert.equal(shown.status, 0, shown.stderr);
  assert.ok(!shown.stdout.includes('sk-plain-secret') && !shown.stdout.includes('sk-up-secret'), 'secrets masked');
});
