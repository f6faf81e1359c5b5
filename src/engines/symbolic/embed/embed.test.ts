import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_DIMENSIONS, cosine, createEmbedder, embed, similarity } from './index.js';
import { PsrError } from '../../../core/errors.js';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

test('vectors are deterministic, unit length and sized by dimensions', () => {
  const texts = ['A man is playing a guitar.', '', '日本語 😀', '!!!', 'x'.repeat(3000)];
  const a = embed(texts);
  const b = createEmbedder().embed(texts);
  assert.deepEqual(a, b);
  for (const v of a) {
    assert.equal(v.length, BASE_DIMENSIONS);
    assert.ok(Math.abs(norm(v) - 1) < 1e-9);
  }
  for (const d of [1, 64, 256, BASE_DIMENSIONS]) {
    const [v] = embed('The cat sat on the mat.', { dimensions: d });
    assert.equal(v.length, d);
    assert.ok(Math.abs(norm(v) - 1) < 1e-9 || norm(v) === 0);
  }
});

test('dimensions outside 1..base are rejected with a param', () => {
  for (const d of [0, -1, 1.5, BASE_DIMENSIONS + 1]) {
    assert.throws(() => embed('hi', { dimensions: d }), (e: unknown) => e instanceof PsrError && e.param === 'dimensions');
  }
});

test('related sentences score above unrelated ones', () => {
  const cases: Array<[string, string, string]> = [
    ['A man is playing a guitar.', 'A man plays the guitar.', 'The stock market fell sharply today.'],
    ['A woman is slicing a tomato.', 'A lady cuts a tomato.', 'A dog runs across the field.'],
    ['The car is red.', 'The automobile is red.', 'The violin is old.'],
    ['He fired a shot gun.', 'He fired a shotgun.', 'She is reading a novel.'],
    ['The keyboard is broken.', 'The key-board is broken.', 'Birds fly south in winter.'],
    ['Prices rose 5 percent.', 'Prices rose 5 percent in May.', 'Prices rose 40 percent.'],
  ];
  for (const [a, near, far] of cases) {
    assert.ok(similarity(a, near) > similarity(a, far), `${a} ~ ${near} > ${far}`);
  }
});

test('synonyms meet through WordNet senses even without shared words', () => {
  const cases: Array<[string, string, string]> = [
    ['automobile', 'car', 'banana'],
    ['The lady is smiling.', 'The woman is smiling.', 'The truck is smiling.'],
    ['He purchased a home.', 'He bought a house.', 'He painted a fence.'],
  ];
  for (const [a, syn, other] of cases) {
    assert.ok(similarity(a, syn) > similarity(a, other), `${a} ~ ${syn} > ${other}`);
  }
});

test('the concept hook adds shared concepts', () => {
  const concepts = new Map([['JWT', 'kb:jwt'], ['JSON Web Token', 'kb:jwt']]);
  const e = createEmbedder({
    conceptsOf: (t) => [...concepts].filter(([label]) => t.includes(label)).map(([, id]) => ({ id, weight: 1 })),
  });
  const plain = createEmbedder();
  const [a, b] = e.embed(['JWT expiry', 'JSON Web Token expiry']);
  const [pa, pb] = plain.embed(['JWT expiry', 'JSON Web Token expiry']);
  assert.ok(cosine(a, b) > cosine(pa, pb));
});

test('embedRequest counts tokens', () => {
  const r = createEmbedder().embedRequest(['one two three', 'four'], 8);
  assert.equal(r.vectors.length, 2);
  assert.equal(r.vectors[0].length, 8);
  assert.equal(r.promptTokens, 4);
});

test('any string embeds to a finite unit vector', async () => {
  const fc = (await import('fast-check')).default;
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const [v] = embed(text, { dimensions: 32 });
      assert.ok(v.every(Number.isFinite));
      assert.ok(Math.abs(norm(v) - 1) < 1e-9);
    }),
    { numRuns: 200, seed: 7 },
  );
});
