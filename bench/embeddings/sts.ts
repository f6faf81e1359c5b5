/**
 * STS benchmark: Spearman correlation of cosine similarity with human scores, plain TF-IDF vs
 * psycho-symbolic-embed-v1, on the train and dev splits, plus embedding throughput.
 * Run: npm run bench:sts   (or: npx tsx bench/embeddings/sts.ts [--dimensions 256])
 */
import { parseArgs } from 'node:util';
import { createEmbedder, cosine, BASE_DIMENSIONS } from '../../src/engines/symbolic/embed/index.js';
import { loadSts, spearman, STS_DIR, type StsPair } from './sts-data.js';

const { values } = parseArgs({ options: { dimensions: { type: 'string' } } });
const dimensions = Number(values.dimensions ?? BASE_DIMENSIONS);
const train = loadSts('train');
const dev = loadSts('dev');
if (!train || !dev) {
  console.log(`skipped: STS benchmark not found at ${STS_DIR} (expects sts-train.csv and sts-dev.csv)`);
  process.exit(0);
}

// the baseline everyone quotes: lowercase word tokens, raw counts × IDF fitted on train sentences
function tfidfBaseline(fit: StsPair[]): (a: string, b: string) => number {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const df = new Map<string, number>();
  for (const p of fit) for (const s of [p.a, p.b]) for (const w of new Set(words(s))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = fit.length * 2 + 1;
  const vec = (s: string) => {
    const v = new Map<string, number>();
    for (const w of words(s)) v.set(w, (v.get(w) ?? 0) + Math.log(n / ((df.get(w) ?? 0) + 1)));
    return v;
  };
  return (a, b) => {
    const va = vec(a);
    const vb = vec(b);
    let dot = 0;
    for (const [w, x] of va) dot += x * (vb.get(w) ?? 0);
    const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
    return dot / (norm(va) * norm(vb) || 1);
  };
}

const score = (pairs: StsPair[], sim: (a: string, b: string) => number) =>
  spearman(pairs.map((p) => sim(p.a, p.b)), pairs.map((p) => p.score));

const baseline = tfidfBaseline(train);
const embedder = createEmbedder();
const psrAt = (dims: number) => (a: string, b: string) => {
  const [va, vb] = embedder.embed([a, b], { dimensions: dims });
  return cosine(va, vb);
};

// throughput first, while the WordNet and sense caches are still cold
const sentences = dev.flatMap((p) => [p.a, p.b]);
const rate = () => {
  const t = performance.now();
  embedder.embed(sentences);
  return Math.round(sentences.length / ((performance.now() - t) / 1000));
};
const cold = rate();
const warm = rate();

const dimsList = [...new Set([dimensions, 256, 64])].filter((d) => d <= BASE_DIMENSIONS);
const rows: Array<[string, number, number]> = [['TF-IDF baseline (IDF from train)', score(train, baseline), score(dev, baseline)]];
for (const d of dimsList) rows.push([`psycho-symbolic-embed-v1, ${d} dims`, score(train, psrAt(d)), score(dev, psrAt(d))]);
console.log(`STS benchmark (${STS_DIR}); train ${train.length} pairs, dev ${dev.length} pairs; Spearman ×100\n`);
console.log('| method | train | dev |\n| --- | ---: | ---: |');
for (const [name, tr, dv] of rows) console.log(`| ${name} | ${(tr * 100).toFixed(2)} | ${(dv * 100).toFixed(2)} |`);
console.log(`\nthroughput, ${BASE_DIMENSIONS} dims, one thread: ${cold} sentences/s cold caches, ${warm} sentences/s warm`);
