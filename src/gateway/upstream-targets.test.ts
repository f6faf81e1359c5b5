import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUpstreamTargets, UpstreamTargetError } from './upstream-targets.js';

test('target lists: names, keys by position, duplicates', () => {
  const cases: Array<[string, string | undefined, Array<{ name: string; url: string; apiKey?: string }>]> = [
    ['http://127.0.0.1:8000/v1', undefined, [{ name: '127.0.0.1:8000', url: 'http://127.0.0.1:8000/v1' }]],
    ['fast=http://a:1, http://b:2/v1', 'k', [{ name: 'fast', url: 'http://a:1', apiKey: 'k' }, { name: 'b:2', url: 'http://b:2/v1', apiKey: 'k' }]],
    ['http://a:1,http://b:2', 'k1,k2', [{ name: 'a:1', url: 'http://a:1', apiKey: 'k1' }, { name: 'b:2', url: 'http://b:2', apiKey: 'k2' }]],
    ['http://a:1/x?y=1,http://a:1/z', undefined, [{ name: 'a:1', url: 'http://a:1/x?y=1' }, { name: 'a:1#2', url: 'http://a:1/z' }]],
  ];
  for (const [raw, keys, want] of cases) assert.deepEqual(parseUpstreamTargets(raw, { apiKeys: keys }), want, raw);
});

test('bad target lists name the problem', () => {
  const bad: Array<[string, string | undefined, RegExp]> = [
    ['', undefined, /no upstream URL/],
    ['ftp://a', undefined, /http\(s\)/],
    ['not a url', undefined, /not a URL/],
    ['a=http://x:1,a=http://y:1', undefined, /used twice/],
    ['b c=http://x:1', undefined, /may only hold/],
    ['http://x:1,http://y:1', 'k1,k2,k3', /3 keys for 2/],
  ];
  for (const [raw, keys, why] of bad) assert.throws(() => parseUpstreamTargets(raw, { apiKeys: keys }), (e: Error) => e instanceof UpstreamTargetError && why.test(e.message), raw);
});
