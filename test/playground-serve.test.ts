/**
 * The playground plugin over HTTP: content types, cache headers (revalidated page, immutable
 * versioned assets, 304 on a matching ETag), a same-origin CSP, nothing from other origins,
 * and `enabled: false` turning it off.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { loadPlayground, playgroundPlugin } from '../src/api/playground.js';

const WEB = new URL('../web/', import.meta.url).pathname;
const app = Fastify();
await app.register(playgroundPlugin);
const off = Fastify();
await off.register(playgroundPlugin, { enabled: false });
after(async () => {
  await app.close();
  await off.close();
});
const { version } = loadPlayground(WEB);

test('GET / is the page: HTML, revalidated, with an ETag, a strict CSP and versioned asset URLs', async () => {
  const res = await app.inject({ url: '/' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.match(String(res.headers.etag), /^"[\w-]{22}"$/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers['content-security-policy']), /default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'/);
  assert.ok(res.body.includes(`playground/app.js?v=${version}`));
  assert.equal(res.body.includes('__VERSION__'), false);
  const again = await app.inject({ url: '/', headers: { 'if-none-match': String(res.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
});

const assets: Array<[string, string]> = [
  ['app.js', 'text/javascript; charset=utf-8'],
  ['stream.js', 'text/javascript; charset=utf-8'],
  ['view.js', 'text/javascript; charset=utf-8'],
  ['style.css', 'text/css; charset=utf-8'],
];
for (const [file, type] of assets) {
  test(`${file}: ${type}; immutable when versioned, revalidated when not`, async () => {
    const versioned = await app.inject({ url: `/playground/${file}?v=${version}` });
    assert.equal(versioned.statusCode, 200);
    assert.equal(versioned.headers['content-type'], type);
    assert.equal(versioned.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(versioned.body, readFileSync(WEB + file, 'utf8'));
    const bare = await app.inject({ url: `/playground/${file}` });
    assert.equal(bare.headers['cache-control'], 'no-cache');
    const stale = await app.inject({ url: `/playground/${file}?v=old` });
    assert.equal(stale.headers['cache-control'], 'no-cache');
    const head = await app.inject({ method: 'HEAD', url: `/playground/${file}` });
    assert.equal(head.statusCode, 200);
  });
}

test('unknown files are 404; /playground redirects to /', async () => {
  assert.equal((await app.inject({ url: '/playground/secret.ts' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/playground/..%2Fpackage.json' })).statusCode, 404);
  const redirect = await app.inject({ url: '/playground' });
  assert.equal(redirect.statusCode, 301);
  assert.equal(redirect.headers.location, '/');
});

test('enabled: false serves nothing', async () => {
  assert.equal((await off.inject({ url: '/' })).statusCode, 404);
  assert.equal((await off.inject({ url: '/playground/app.js' })).statusCode, 404);
});

test('everything is local and small: no other origins referenced, under 32 KB in all', () => {
  let total = 0;
  for (const name of readdirSync(WEB)) {
    const text = readFileSync(WEB + name, 'utf8');
    total += text.length;
    assert.equal(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i.test(text.replace(/\/\/ .*$/gm, '')), false, `${name} references another origin`);
  }
  assert.ok(total < 32 * 1024, `playground is ${total} bytes`);
});
