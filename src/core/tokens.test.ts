import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens, tokenize } from './tokens.js';

const cases: Array<[string, number]> = [
  ['', 0],
  ['hello', 1],
  ['The answer is 4.', 5],
  ['  spaced  out ', 3],
  ['2+2=4', 5],
  ['héllo wörld', 2],
];

test('countTokens and tokenize agree and tokenize is lossless', () => {
  for (const [text, n] of cases) {
    assert.equal(countTokens(text), n, text);
    assert.equal(tokenize(text).length, n, text);
    assert.equal(tokenize(text).join(''), text, text);
  }
});
