import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGgufSpec, parseGgufSpecs } from './gguf-spec.js';

const cases: Array<[string, { id: string; path: string } | RegExp]> = [
  ['models/tiny.gguf', { id: 'tiny', path: 'models/tiny.gguf' }],
  ['models/tiny.gguf:small', { id: 'small', path: 'models/tiny.gguf' }],
  ['/abs/Qwen3-0.6B-Q4_K_M.GGUF', { id: 'Qwen3-0.6B-Q4_K_M', path: '/abs/Qwen3-0.6B-Q4_K_M.GGUF' }],
  ['/m/q.gguf:org/name', { id: 'org/name', path: '/m/q.gguf' }],
  ['/m:x/q.gguf', { id: 'q', path: '/m:x/q.gguf' }],
  ['/m/model.bin:mine', { id: 'mine', path: '/m/model.bin' }],
  ['C:\\models\\x.gguf', { id: 'x', path: 'C:\\models\\x.gguf' }],
  ['C:\\models\\x.gguf:x1', { id: 'x1', path: 'C:\\models\\x.gguf' }],
  ['  ./a.gguf:qwen3:8b ', { id: 'qwen3:8b', path: './a.gguf' }],
  ['', /expected <path>\[:<id>\]/],
];

test('parseGgufSpec splits path and id', () => {
  for (const [spec, want] of cases) {
    if (want instanceof RegExp) assert.throws(() => parseGgufSpec(spec), want, spec);
    else assert.deepEqual(parseGgufSpec(spec), want, spec);
  }
});

test('parseGgufSpecs takes repeated flags or a comma-separated list', () => {
  assert.deepEqual(parseGgufSpecs('a.gguf, b.gguf:bee ,'), [{ id: 'a', path: 'a.gguf' }, { id: 'bee', path: 'b.gguf' }]);
  assert.deepEqual(parseGgufSpecs(['x/y.gguf']), [{ id: 'y', path: 'x/y.gguf' }]);
  assert.deepEqual(parseGgufSpecs(undefined), []);
});
