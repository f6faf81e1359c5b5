import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordnet } from './default.js';

const wn = wordnet();

test('isA proves taxonomy with a hypernym path', () => {
  const cases: Array<[string, string, string[] | undefined]> = [
    ['violin', 'instrument', ['violin', 'bowed stringed instrument', 'stringed instrument', 'musical instrument']],
    ['dog', 'animal', ['dog', 'domestic animal', 'animal']],
    ['violins', 'device', ['violin', 'bowed stringed instrument', 'stringed instrument', 'musical instrument', 'device']],
    ['dog', 'car', undefined],
    ['oak', 'tree', ['oak', 'tree']],
    ['', 'tree', undefined],
    ['zzqxv', 'tree', undefined],
  ];
  for (const [a, b, want] of cases) {
    assert.deepEqual(wn.isA(a, b)?.map((s) => s.words[0]), want, `${a} is a ${b}`);
  }
});

test('hypernymChain runs from the sense to the root entity', () => {
  const chain = wn.hypernymChain(wn.lookup('violin', 'n')[0]).map((s) => s.words[0]);
  assert.equal(chain[0], 'violin');
  assert.equal(chain.at(-1), 'entity');
  assert.ok(chain.includes('musical instrument'));
});

test('base forms follow morphy rules and the irregular table', () => {
  const cases: Array<[string, 'n' | 'v' | 'a', string[]]> = [
    ['mice', 'n', ['mouse']],
    ['boxes', 'n', ['box']],
    ['went', 'v', ['go']],
    ['stopped', 'v', ['stop']],
    ['running', 'v', ['run']],
    ['better', 'a', ['better', 'good']],
    ['churches', 'n', ['church']],
    ['glass', 'n', ['glass']],
  ];
  for (const [w, pos, want] of cases) assert.deepEqual(wn.baseForms(w, pos), want, w);
});

test('synonyms, glosses and lookups', () => {
  assert.ok(wn.synonyms('car').includes('automobile'));
  assert.ok(!wn.synonyms('car').includes('car'));
  const g = wn.gloss('violin')[0];
  assert.match(g.definition, /bowed stringed instrument/);
  const happy = wn.gloss('happy', 'a')[0];
  assert.ok(happy.examples.length > 0, 'examples split off the gloss');
  assert.equal(wn.lookup('violin')[0].id, '04544161-n');
  assert.equal(wn.synset(wn.lookup('violin')[0].id)?.words[1], 'fiddle');
});

test('odd input never throws', () => {
  for (const w of ['', '   ', '日本語', '😀', 'a'.repeat(5000), 'x y z', "'s", '\u0000']) {
    assert.ok(Array.isArray(wn.lookup(w)));
    assert.ok(Array.isArray(wn.synonyms(w)));
    wn.isA(w, w);
  }
  assert.equal(wn.synset('nonsense'), undefined);
  assert.equal(wn.synset('99999999-n'), undefined);
});

test('binary search finds every lemma of every index file', async () => {
  const { IndexFile } = await import('./index-file.js');
  const { defaultDictDir } = await import('./wordnet.js');
  for (const name of ['noun', 'verb', 'adj', 'adv']) {
    const idx = new IndexFile(`${defaultDictDir()}/index.${name}`);
    const missing = [...idx.lemmas()].filter((l) => idx.find(l)?.lemma !== l);
    assert.deepEqual(missing, [], name);
  }
});
