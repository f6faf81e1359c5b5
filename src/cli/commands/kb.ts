/** `psr kb check|infer|prove`: load knowledge files, materialize with rules, prove patterns with proof trees. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import {
  KbBoundError, KbLoadError, KnowledgeBase, formatProof, loadFile, shortTerm, toNTriples,
} from '../../engines/symbolic/kb/index.js';
import { describeContradiction, infer, loadRuleSet, prove, ruleSetNames, type ReasonBounds } from '../../engines/symbolic/rules/index.js';

/** One-line description for `psr --help`. */
export const summary = 'knowledge files: check (parse), infer (materialize with rules), prove "<pattern>" (backward chaining)';

const HELP = `usage:
  psr kb check <files...>                     parse; print counts, or file:line:col errors (exit 1)
  psr kb infer <files...> [--rules rdfs,owl] [--stats] [--out all.nt]
                                              materialize with the rules in the files plus named
                                              rule sets; print input/derived facts, contradictions
                                              and timing as JSON; --out writes every fact as N-Triples
  psr kb prove "<pattern>" <files...> [--rules rdfs,owl] [--json]
                                              backward chaining, e.g. "?x a :Animal"; prints bindings
                                              and proof trees (exit 1 when nothing is proven)
files: .ttl .nt .n3 .json .yaml/.yml    rule sets: ${ruleSetNames().join(', ')}
bounds: --max-facts N --max-new-terms N --max-iterations N --max-depth N --max-solutions N --timeout MS
other: --no-contradictions (skip the shipped contradiction checks in infer)
`;

const OPTIONS = {
  rules: { type: 'string' }, stats: { type: 'boolean' }, out: { type: 'string' }, json: { type: 'boolean' },
  'no-contradictions': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  'max-facts': { type: 'string' }, 'max-new-terms': { type: 'string' }, 'max-iterations': { type: 'string' },
  'max-depth': { type: 'string' }, 'max-solutions': { type: 'string' }, timeout: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function bounds(v: Values): ReasonBounds {
  const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
  return {
    maxFacts: num(v['max-facts']), maxNewTerms: num(v['max-new-terms']), maxIterations: num(v['max-iterations']),
    maxDepth: num(v['max-depth']), maxSolutions: num(v['max-solutions']), timeoutMs: num(v.timeout),
  };
}

/** Load every file (all of them, so every error is reported); false if any failed. */
async function loadAll(kb: KnowledgeBase, files: string[], report: (line: string) => void): Promise<boolean> {
  let ok = true;
  for (const file of files) {
    try {
      const r = await loadFile(kb, file);
      report(`ok ${file}: ${r.facts} facts, ${r.rules} rules (${r.format})`);
    } catch (e) {
      if (!(e instanceof KbLoadError)) throw e;
      process.stderr.write(`${e.message}\n`);
      ok = false;
    }
  }
  return ok;
}

async function addRuleSets(kb: KnowledgeBase, v: Values, contradictions: boolean): Promise<void> {
  const names = (v.rules ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (contradictions && !v['no-contradictions']) names.push('contradictions');
  for (const name of names) await loadRuleSet(kb, name);
}

async function writeNTriples(kb: KnowledgeBase, path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let f = 0; f < kb.size; f++) {
    const line = `${toNTriples(kb.key(kb.facts.s[f]))} ${toNTriples(kb.key(kb.facts.p[f]))} ${toNTriples(kb.key(kb.facts.o[f]))} .\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function inferCmd(files: string[], v: Values): Promise<number> {
  const t0 = performance.now();
  const kb = new KnowledgeBase();
  if (!(await loadAll(kb, files, () => {}))) return 1;
  await addRuleSets(kb, v, true);
  const input = kb.size;
  const t1 = performance.now();
  const r = infer(kb, bounds(v));
  const t2 = performance.now();
  if (v.out) await writeNTriples(kb, v.out);
  const derived = v.stats ? undefined : Array.from({ length: kb.size - input }, (_, i) => {
    const f = kb.fact(input + i);
    return { s: f.s, p: f.p, o: f.o, confidence: f.confidence, rule: f.rule };
  });
  const contradictions = r.contradictions.map((c) => describeContradiction(kb, c, { maxDepth: 20, maxNodes: 200 }));
  const result = {
    input: { files, facts: input, rules: kb.rules.length }, derivedCount: r.derived, derived,
    improved: r.improved, iterations: r.iterations, newTerms: r.newTerms,
    contradictions: v.stats ? contradictions.map((c) => c.summary) : contradictions,
    timing: { loadMs: round(t1 - t0), inferMs: round(t2 - t1), totalMs: round(performance.now() - t0) },
  };
  process.stdout.write(JSON.stringify(result, null, v.stats ? 2 : 1) + '\n');
  return 0;
}

async function proveCmd(pattern: string, files: string[], v: Values): Promise<number> {
  const kb = new KnowledgeBase();
  if (!(await loadAll(kb, files, () => {}))) return 1;
  await addRuleSets(kb, v, false);
  let r;
  try {
    r = prove(kb, pattern, bounds(v));
  } catch (e) {
    if (e instanceof KbBoundError) throw e;
    process.stderr.write(`psr kb prove: ${(e as Error).message}\n`);
    return 2;
  }
  if (v.json) process.stdout.write(JSON.stringify({ pattern, answers: r.answers, tables: r.tables, ms: round(r.ms) }, null, 1) + '\n');
  else {
    if (r.answers.length === 0) process.stdout.write('no proof found\n');
    for (const a of r.answers) {
      const b = Object.entries(a.bindings).map(([k, val]) => `?${k} = ${shortTerm(val, kb.prefixes)}`).join(', ');
      process.stdout.write(`${b || 'yes'}  (confidence ${Number(a.confidence.toFixed(4))})\n${a.proofs.map((t) => formatProof(t, '  ', kb.prefixes)).join('\n')}\n`);
    }
  }
  return r.answers.length > 0 ? 0 : 1;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Dispatch `psr kb <sub>`; exit 0 ok, 1 load error / bound hit / nothing proven, 2 usage. */
export async function run(args: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const [sub, ...rest] = positionals;
  if (values.help || !sub) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  try {
    if (sub === 'check' && rest.length) return (await loadAll(new KnowledgeBase(), rest, (l) => process.stdout.write(l + '\n'))) ? 0 : 1;
    if (sub === 'infer' && rest.length) return await inferCmd(rest, values);
    if (sub === 'prove' && rest.length >= 2) return await proveCmd(rest[0], rest.slice(1), values);
  } catch (e) {
    if (e instanceof KbBoundError) {
      process.stderr.write(`psr kb ${sub}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  process.stderr.write(HELP);
  return 2;
}
