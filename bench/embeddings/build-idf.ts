/**
 * Builds data/lexicon/sts-train-df.json: in how many STS-B *train* sentences each lemma occurs.
 * Only the train split is read, so dev scores stay honest. Run: npx tsx bench/embeddings/build-idf.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { analyze } from '../../src/engines/symbolic/lexicon/nlp.js';
import { DF_FILE, type DfTable } from '../../src/engines/symbolic/embed/idf.js';
import { loadSts, STS_DIR } from './sts-data.js';

const MIN_DF = 2;
const train = loadSts('train');
if (!train) {
  console.error(`STS benchmark not found at ${STS_DIR}: nothing built`);
  process.exit(1);
}
const counts = new Map<string, number>();
let docs = 0;
for (const pair of train) {
  for (const sentence of [pair.a, pair.b]) {
    docs++;
    for (const lemma of new Set(analyze(sentence).tokens.map((t) => t.lemma))) {
      counts.set(lemma, (counts.get(lemma) ?? 0) + 1);
    }
  }
}
const df: Record<string, number> = {};
for (const [lemma, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= MIN_DF) df[lemma] = n;
const table: DfTable = { source: 'STS benchmark train split (sentence frequency of wink-nlp lemmas)', docs, minDf: MIN_DF, df };
mkdirSync(dirname(DF_FILE), { recursive: true });
writeFileSync(DF_FILE, JSON.stringify(table));
console.log(`wrote ${DF_FILE}: ${Object.keys(df).length} lemmas from ${docs} sentences`);
