import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, lemmatize, tokenize } from './nlp.js';
import { nounChunks } from './chunks.js';

test('tokens carry lemmas, POS, negation scope and entities', () => {
  const a = analyze("I don't like the children's mice in Paris on Monday.");
  assert.deepEqual(lemmatize("The mice were running"), ['the', 'mouse', 'be', 'run']);
  const like = a.tokens.find((t) => t.lower === 'like')!;
  assert.equal(like.negated, true);
  assert.equal(like.pos, 'VERB');
  assert.ok(a.entities.some((e) => e.type === 'DATE' && e.value === 'Monday'));
  assert.equal(a.sentences.length, 1);
});

test('noun chunks', () => {
  const cases: Array<[string, string[]]> = [
    ['I prefer green tea over black coffee', ['green tea', 'black coffee']],
    ['The quick brown fox jumps over the lazy dog', ['quick brown fox', 'lazy dog']],
    ['I hate waiting', ['waiting']],
  ];
  for (const [text, want] of cases) {
    assert.deepEqual(nounChunks(analyze(text).tokens).map((c) => c.text), want, text);
  }
});

test('empty and odd input', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(analyze('   ').tokens, []);
  assert.ok(analyze('日本語のテキスト 😀').tokens.length > 0);
  assert.ok(analyze('x'.repeat(20000)).tokens.length >= 1);
});

test('tokens do not depend on what was analysed before (wink grows its lexicon as it reads)', () => {
  const before = analyze("the nurse's fate").tokens.map((t) => t.value);
  analyze("nurse's.");
  analyze('"nurse\'s"');
  assert.deepEqual(analyze("the nurse's fate").tokens.map((t) => t.value), before);
  assert.deepEqual(before, ['the', 'nurse', "'s", 'fate']);
});
