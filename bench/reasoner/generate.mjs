// Writes the benchmark inputs into bench/reasoner/.tmp/ (git-ignored):
//   dt-<n>.ttl     the deep taxonomy of depth n, from the deep-taxonomy-benchmark package, written
//                  as Turtle with prefixes like the original eulersharp test-dl-<n>.n3 files
//   dt-100000.nt   the same depth-100k taxonomy as N-Triples (full IRIs on every line)
//   dt-rule.n3     its one rule: { ?x a ?c . ?c rdfs:subClassOf ?d } => { ?x a ?d }
//   rdfs-100k.nt   a generated ~100k-fact graph with a class tree, a property tree, domains,
//                  ranges, typed individuals and links, for an RDFS closure with data/rules/rdfs.n3
//   load-1m.nt     1M random facts, to show that loading streams (peak RSS vs file size)
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { generateDeepTaxonomy } from 'deep-taxonomy-benchmark';

const DIR = new URL('./.tmp/', import.meta.url).pathname;
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const EX = 'http://example.org/bench#';

async function writeLines(path, lines) {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const DTB = 'http://eulersharp.sourceforge.net/2009/12dtb/test#';
const short = (iri) => (iri.startsWith(DTB) ? ':' + iri.slice(DTB.length) : iri === RDF + 'type' ? 'a' : iri.startsWith(RDFS) ? 'rdfs:' + iri.slice(RDFS.length) : `<${iri}>`);

function* deepTaxonomy(n) {
  yield `@prefix : <${DTB}> .\n@prefix rdfs: <${RDFS}> .\n`;
  for (const q of generateDeepTaxonomy(n).match()) yield `${short(q.subject.value)} ${short(q.predicate.value)} ${short(q.object.value)} .\n`;
}

// a deterministic pseudo-random sequence so every run benchmarks the same graph
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function* rdfsGraph(target) {
  const r = rng(42);
  const t = (s, p, o) => `<${s}> <${p}> <${o}> .\n`;
  const classes = 2000, props = 200;
  for (let c = 1; c < classes; c++) yield t(`${EX}C${c}`, `${RDFS}subClassOf`, `${EX}C${Math.floor(r() * c)}`);
  for (let p = 1; p < props; p++) {
    yield t(`${EX}p${p}`, `${RDFS}subPropertyOf`, `${EX}p${Math.floor(r() * p)}`);
    if (p % 4 === 0) yield t(`${EX}p${p}`, `${RDFS}domain`, `${EX}C${Math.floor(r() * classes)}`);
    if (p % 5 === 0) yield t(`${EX}p${p}`, `${RDFS}range`, `${EX}C${Math.floor(r() * classes)}`);
  }
  const people = Math.floor(target / 4);
  let n = classes + props * 2;
  for (let i = 0; n < target; i++, n += 2) {
    const a = i % people;
    yield t(`${EX}i${a}`, `${RDF}type`, `${EX}C${Math.floor(r() * classes)}`);
    yield t(`${EX}i${a}`, `${EX}p${1 + Math.floor(r() * (props - 1))}`, `${EX}i${Math.floor(r() * people)}`);
  }
}

mkdirSync(DIR, { recursive: true });
writeFileSync(DIR + 'dt-rule.n3', `@prefix rdfs: <${RDFS}> .\n{ ?x a ?c . ?c rdfs:subClassOf ?d } => { ?x a ?d } .\n`);
function* deepTaxonomyNT(n) {
  for (const q of generateDeepTaxonomy(n).match()) yield `<${q.subject.value}> <${q.predicate.value}> <${q.object.value}> .\n`;
}

for (const n of [1000, 10000, 100000]) {
  if (!existsSync(`${DIR}dt-${n}.ttl`)) await writeLines(`${DIR}dt-${n}.ttl`, deepTaxonomy(n));
}
if (!existsSync(`${DIR}dt-100000.nt`)) await writeLines(`${DIR}dt-100000.nt`, deepTaxonomyNT(100000));
function* million() {
  const r = rng(7);
  for (let i = 0; i < 1_000_000; i++) {
    yield `<${EX}s${Math.floor(r() * 200_000)}> <${EX}p${i % 50}> <${EX}o${Math.floor(r() * 500_000)}> .\n`;
  }
}

if (!existsSync(DIR + 'load-1m.nt')) await writeLines(DIR + 'load-1m.nt', million());
if (!existsSync(DIR + 'rdfs-100k.nt')) await writeLines(DIR + 'rdfs-100k.nt', rdfsGraph(100_000));
console.log(`inputs in ${DIR}`);
