// The n3 package's own Reasoner on the same files as `psr kb infer`, as one process:
//   node n3-reason.mjs <data files...> --rules <rule file.n3>
// Loads data with the n3 streaming parser into an N3.Store, reasons, prints JSON with the
// number of facts derived in the default graph (what psr counts) and the timing.
import { createReadStream } from 'node:fs';
import { DataFactory, Parser, Reasoner, Store } from 'n3';

const args = process.argv.slice(2);
const ruleFile = args[args.indexOf('--rules') + 1];
const dataFiles = args.filter((a, i) => a !== '--rules' && args[i - 1] !== '--rules');

function load(store, file) {
  const format = file.endsWith('.n3') ? 'text/n3' : file.endsWith('.nt') ? 'application/n-triples' : 'text/turtle';
  return new Promise((resolve, reject) => {
    new Parser({ format }).parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), (err, quad) => {
      if (err) reject(err);
      else if (quad) store.addQuad(quad);
      else resolve();
    });
  });
}

const t0 = performance.now();
const data = new Store();
for (const f of dataFiles) await load(data, f);
const rules = new Store();
await load(rules, ruleFile);
const dg = DataFactory.defaultGraph();
const before = data.countQuads(null, null, null, dg);
const t1 = performance.now();
new Reasoner(data).reason(rules);
const t2 = performance.now();
const derived = data.countQuads(null, null, null, dg) - before;
console.log(JSON.stringify({ input: before, derivedCount: derived, timing: { loadMs: t1 - t0, inferMs: t2 - t1 } }));
