import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from './registry.js';

test('registry: get returns what was registered; a miss lists the known names', () => {
  const r = new Registry<number>('widget').register('a', 1).register('b', 2);
  assert.equal(r.get('b'), 2);
  assert.deepEqual(r.list(), ['a', 'b']);
  assert.throws(() => r.get('c'), /unknown widget 'c'; known: a, b/);
  assert.throws(() => r.register('a', 3), /already registered/);
});
