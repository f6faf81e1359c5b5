import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermTable } from './terms.js';

// byte-stored keys, wide keys (a char above 0xff, kept in a Map), the empty key, and keys that
// differ only in their last character or in length, so hash collisions must be told apart
const KEYS = [
  'http://example.org/a', 'http://example.org/b', 'http://example.org/ab', '', '"x"', '"x"@en',
  '"café"', '"日本"@ja', 'urn:ü', 'urn:😀', '_:b0', '"line\nbreak"', 'http://example.org/a ',
];

describe('TermTable', () => {
  it('interns each key once and gives it back unchanged', () => {
    const t = new TermTable();
    const ids = KEYS.map((k) => t.intern(k));
    assert.equal(new Set(ids).size, KEYS.length);
    assert.deepEqual(KEYS.map((k) => t.intern(k)), ids);
    assert.deepEqual(ids.map((id) => t.key(id)), KEYS);
    assert.deepEqual(KEYS.map((k) => t.lookup(k)), ids);
    assert.equal(t.lookup('http://example.org/c'), -1);
    assert.equal(t.size, KEYS.length);
  });

  it('stays exact while its buffers and slots grow', () => {
    const t = new TermTable();
    const n = 50_000;
    for (let i = 0; i < n; i++) assert.equal(t.intern(`http://example.org/term/${i}`), i);
    for (let i = 0; i < n; i += 997) {
      assert.equal(t.lookup(`http://example.org/term/${i}`), i);
      assert.equal(t.key(i), `http://example.org/term/${i}`);
    }
    // keys built by concatenation (as the parser builds prefixed names) find the same ids
    assert.equal(t.intern('http://example.org/' + 'term/' + String(123)), 123);
  });

  for (const mark of [0, 3, 7, KEYS.length]) {
    it(`truncate(${mark}) forgets exactly the later keys`, () => {
      const t = new TermTable();
      KEYS.forEach((k) => t.intern(k));
      t.truncate(mark);
      assert.equal(t.size, mark);
      KEYS.forEach((k, i) => assert.equal(t.lookup(k), i < mark ? i : -1, k));
      // re-interning after a rollback reuses the freed ids in order and keeps keys intact
      KEYS.forEach((k, i) => assert.equal(t.intern(k), i));
      assert.deepEqual(KEYS.map((_, i) => t.key(i)), KEYS);
    });
  }
});
