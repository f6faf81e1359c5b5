/**
 * WordNet and lexicon start-up costs: first lookup, memory, cold and warm lookups, is-a proofs,
 * emotion-lexicon build, wink-nlp model load. Run in a fresh process: npx tsx bench/embeddings/wordnet-load.ts
 */
import { WordNet } from '../../src/engines/symbolic/lexicon/wordnet/wordnet.js';
import { analyze } from '../../src/engines/symbolic/lexicon/nlp.js';
import { emotionLexiconSize } from '../../src/engines/symbolic/affect/emotion-lexicon.js';

const rows: Array<[string, string]> = [];
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

const m0 = process.memoryUsage();
const wn = new WordNet();
const [, first] = time(() => wn.lookup('violin'));
const m1 = process.memoryUsage();
rows.push(['first lookup (reads index.noun/verb/adj/adv)', `${first.toFixed(1)} ms`]);
rows.push(['memory after first lookup (RSS / heap+buffers delta)', `${mb(m1.rss - m0.rss)} / ${mb(m1.heapUsed + m1.arrayBuffers - m0.heapUsed - m0.arrayBuffers)}`]);
rows.push(['index bytes held', mb(wn.stats().indexBytes)]);

// distinct common-ish words from the noun index: each is a binary search plus synset reads by offset
const words = [...wn.lemmas('n')].filter((_, i) => i % 97 === 0).slice(0, 1000);
const [, cold] = time(() => words.forEach((w) => wn.lookup(w)));
rows.push([`cold lookup, ${words.length} distinct words`, `${((cold * 1000) / words.length).toFixed(0)} µs each`]);
const [, warm] = time(() => { for (let i = 0; i < 10; i++) words.forEach((w) => wn.lookup(w)); });
rows.push(['warm lookup (cached)', `${((warm * 1000) / (words.length * 10)).toFixed(1)} µs each`]);
const [path, isa] = time(() => wn.isA('violin', 'instrument'));
rows.push([`isA(violin, instrument) → ${path?.length ?? 0}-step path`, `${isa.toFixed(2)} ms`]);
const [, chain] = time(() => wn.hypernymChain(wn.lookup('dog', 'n')[0]));
rows.push(['hypernymChain(dog) to root', `${chain.toFixed(2)} ms`]);
const [, wink] = time(() => analyze('The quick brown fox.'));
rows.push(['wink-nlp model load + first analysis', `${wink.toFixed(0)} ms`]);
const [size, emo] = time(() => emotionLexiconSize());
rows.push([`emotion lexicon build (${size} words)`, `${emo.toFixed(0)} ms`]);
const m2 = process.memoryUsage();
rows.push(['RSS at end (whole process)', mb(m2.rss)]);
rows.push(['synsets cached', String(wn.stats().synsetsCached)]);

console.log('| measure | value |\n| --- | ---: |');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
