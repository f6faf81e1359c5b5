/** Argument normalization and JSON repair: what clients get when a model writes broken JSON. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJsonEnd, normalizeArguments } from './json-text.js';

const CASES: Array<[string, unknown, string, boolean]> = [
  ['object kept, compacted', '{ "a": 1 }', '{"a":1}', false],
  ['empty is {}', '  ', '{}', false],
  ['cut inside a string', '{"city":"Par', '{"city":"Par"}', true],
  ['cut after a comma', '{"a":1,', '{"a":1}', true],
  ['cut after the first key', '{"a":', '{}', true],
  ['cut inside a later key', '{"a":1,"b', '{"a":1}', true],
  ['cut in a nested array', '{"xs":[1,2', '{"xs":[1,2]}', true],
  ['trailing commas', '{"a":[1,2,],}', '{"a":[1,2]}', true],
  ['escaped quote at the cut', '{"q":"say \\"hi', '{"q":"say \\"hi"}', true],
  ['array wrapped', '[1,2]', '{"input":[1,2]}', false],
  ['number wrapped', '42', '{"input":42}', false],
  ['JSON string holding an object', '"{\\"a\\":1}"', '{"input":"{\\"a\\":1}"}', false],
  ['prose wrapped', 'cheap flights', '{"input":"cheap flights"}', false],
  ['object value', { a: 1 }, '{"a":1}', false],
  ['null is {}', null, '{}', false],
];

for (const [name, raw, json, repaired] of CASES) {
  test(`normalizeArguments: ${name}`, () => {
    const out = normalizeArguments(raw);
    assert.deepEqual(out, { json, repaired });
    assert.doesNotThrow(() => JSON.parse(out.json));
  });
}

test('findJsonEnd respects strings and escapes', () => {
  assert.equal(findJsonEnd('x {"a":"}"} y', 2), 11);
  assert.equal(findJsonEnd('{"a":"\\"}"', 0), -1);
  assert.equal(findJsonEnd('[{"a":[1]}]', 0), 11);
});
