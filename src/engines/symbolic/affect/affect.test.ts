import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAffect, preferenceFacts, type Emotion } from './index.js';

interface Case {
  text: string;
  label?: 'positive' | 'negative' | 'neutral';
  /** Emotions that must reach the dominant threshold. */
  feels?: Emotion[];
  /** Emotions that must stay below it. */
  notFeels?: Emotion[];
  /** Exact preferences as "polarity:object". */
  prefs?: string[];
  frustrated?: boolean;
}

const CASES: Case[] = [
  { text: 'I am so happy today!', label: 'positive', feels: ['joy'], prefs: [], frustrated: false },
  { text: 'I am not happy with this.', label: 'negative', notFeels: ['joy'] },
  { text: 'I am very scared of the deploy tomorrow', label: 'negative', feels: ['fear'] },
  { text: 'I am slightly worried.', notFeels: ['joy'] },
  { text: 'This is disgusting.', feels: ['disgust'] },
  { text: 'Wow, I did not expect that, I am astonished!', feels: ['surprise'] },
  { text: 'I feel sad and lonely.', label: 'negative', feels: ['sadness'] },
  { text: 'I trust this library, it is reliable.', feels: ['trust'] },
  { text: 'I am furious about the outage.', label: 'negative', feels: ['anger'] },
  { text: 'I hope the release goes well, I am eager to ship.', feels: ['anticipation'] },
  { text: 'I am not angry at all.', notFeels: ['anger'] },
  { text: 'Never afraid of a challenge.', notFeels: ['fear'] },
  { text: 'The weather is okay.', notFeels: ['joy', 'anger', 'fear', 'sadness'], frustrated: false },
  { text: 'The service is good.', label: 'positive' },
  { text: 'The service is very good.', label: 'positive' },
  { text: 'The service is not good.', label: 'negative' },
  { text: 'I prefer green tea over coffee.', prefs: ['like:green tea', 'dislike:coffee'] },
  { text: 'I prefer tabs to spaces', prefs: ['like:tabs', 'dislike:spaces'] },
  { text: 'I love Rust but I hate writing YAML configs.', prefs: ['like:Rust', 'dislike:writing YAML configs'], frustrated: false },
  { text: "I can't stand slow builds!", prefs: ['dislike:slow builds'] },
  { text: 'I need a faster CI pipeline', prefs: ['need:faster CI pipeline'] },
  { text: 'I want dark mode.', prefs: ['need:dark mode'] },
  { text: "I'd rather use Postgres than MySQL", prefs: ['like:use Postgres', 'dislike:MySQL'] },
  { text: "I don't like Java", label: 'negative', prefs: ['dislike:Java'] },
  { text: "I don't want meetings on Friday", prefs: ['dislike:meetings on Friday'] },
  { text: "I don't hate it", prefs: [] },
  { text: 'I would like a cup of coffee', prefs: ['need:cup of coffee'] },
  { text: 'We really love pair programming.', prefs: ['like:pair programming'] },
  { text: 'I dislike verbose logging because it hides errors', prefs: ['dislike:verbose logging'] },
  { text: 'I enjoy hiking', prefs: ['like:hiking'] },
  { text: 'I prefer not to use Java', prefs: ['dislike:use Java'] },
  { text: 'I think I like Go and Rust.', prefs: ['like:Go', 'like:Rust'] },
  { text: 'Python is my favorite language', prefs: ['like:Python'] },
  { text: "I'm a big fan of TypeScript", prefs: ['like:TypeScript'] },
  { text: 'Do you like pizza?', prefs: [] },
  { text: 'This is SO frustrating, it still doesn\'t work!!!', label: 'negative', frustrated: true, feels: ['anger'] },
  { text: "Ugh, the build keeps failing again. I'm sick of this.", frustrated: true },
  { text: 'Why won\'t this compile? I have tried for hours.', frustrated: true },
  { text: 'Thanks, that works great!', label: 'positive', frustrated: false },
  { text: '😀😀', feels: ['joy'], prefs: [] },
  { text: '😡', feels: ['anger'] },
  { text: '', label: 'neutral', prefs: [], frustrated: false },
  { text: '   \n\t ', label: 'neutral', prefs: [] },
  { text: 'これは素晴らしいです', prefs: [], frustrated: false },
  { text: 'Это очень хорошо', prefs: [] },
  { text: '!!!???', prefs: [] },
  { text: 'x'.repeat(50_000), prefs: [] },
];

test('affect cases', () => {
  const failures: string[] = [];
  for (const c of CASES) {
    try {
      check(c);
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  assert.deepEqual(failures, []);
});

function check(c: Case): void {
  {
    const a = analyzeAffect(c.text);
    const name = JSON.stringify(c.text.slice(0, 60));
    if (c.label) assert.equal(a.sentiment.label, c.label, `${name} label (${a.sentiment.compound})`);
    for (const e of c.feels ?? []) assert.ok(a.dominant.includes(e), `${name} feels ${e}: ${JSON.stringify(a.emotions[e])}`);
    for (const e of c.notFeels ?? []) assert.ok(!a.dominant.includes(e), `${name} does not feel ${e}`);
    if (c.prefs) assert.deepEqual(a.preferences.map((p) => `${p.polarity}:${p.object}`), c.prefs, name);
    if (c.frustrated !== undefined) assert.equal(a.frustration.frustrated, c.frustrated, `${name} frustration ${JSON.stringify(a.frustration)}`);
  }
}

test('negation moves "not happy" towards sadness and names the word', () => {
  const a = analyzeAffect('I am not happy.');
  assert.equal(a.emotions.joy.score, 0);
  assert.ok(a.emotions.sadness.score > 0);
  assert.deepEqual(a.emotions.sadness.words, ['not happy']);
});

test('intensifiers raise emotion scores', () => {
  const plain = analyzeAffect('I am scared.').emotions.fear.score;
  const very = analyzeAffect('I am extremely scared.').emotions.fear.score;
  const bit = analyzeAffect('I am slightly scared.').emotions.fear.score;
  assert.ok(very > plain && plain > bit, `${bit} < ${plain} < ${very}`);
});

test('preferenceFacts are per user, typed, with provenance', () => {
  const facts = preferenceFacts('alice', analyzeAffect("I prefer Go over Java. I'm so angry and furious today."));
  assert.deepEqual(
    facts.map((f) => [f.s, f.p, f.o]),
    [
      ['user:alice', 'prefers', 'Go'],
      ['user:alice', 'dislikes', 'Java'],
      ['user:alice', 'feels', 'anger'],
    ],
  );
  for (const f of facts) {
    assert.ok(f.confidence > 0 && f.confidence <= 1);
    assert.equal(f.source, 'user-statement');
    assert.ok(f.evidence.length > 0);
  }
  assert.deepEqual(preferenceFacts('bob', analyzeAffect('')), []);
});

test('any string yields a well-formed result', async () => {
  const fc = (await import('fast-check')).default;
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const a = analyzeAffect(text);
      assert.ok(a.sentiment.compound >= -1 && a.sentiment.compound <= 1);
      for (const p of a.preferences) assert.ok(p.object.length > 0);
      assert.ok(Array.isArray(preferenceFacts('u', a)));
    }),
    { numRuns: 200, seed: 42 },
  );
});
