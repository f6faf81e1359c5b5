/** `psr ask "<question>"`: answer from the knowledge graph on the command line, with --explain for the proof. */
import { parseArgs } from 'node:util';
import type { ProofNode } from '../../engines/symbolic/answer/types.js';
import { canonicalText } from '../../engines/symbolic/compose/phrase.js';
import { createSymbolicEngine } from '../../engines/symbolic/index.js';
import { KbLoadError } from '../../engines/symbolic/kb/index.js';

/** One-line description for `psr --help`. */
export const summary = 'answer a question from the knowledge graph (--kb files, --explain for the proof tree)';

const HELP = `usage: psr ask "<question>" [--kb file ...] [--explain] [--json] [--no-starter]

  --kb FILE      extra knowledge (Turtle, N-Triples, N3 rules, JSON, YAML); repeatable
  --explain      print the reasoning trace and the proof tree
  --json         print the answer, facts and proof as JSON
  --no-starter   leave out the shipped starter knowledge
`;

function printTree(node: ProofNode, depth = 0): string {
  const src = node.source ? `  (${node.source})` : '';
  return `${'  '.repeat(depth)}${depth ? '└ ' : ''}${node.label}${src}\n` + node.children.map((c) => printTree(c, depth + 1)).join('');
}

/** Answer one question and exit 0 (answered) or 3 (I don't know). */
export async function run(args: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      kb: { type: 'string', multiple: true }, explain: { type: 'boolean' }, json: { type: 'boolean' },
      'no-starter': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  let engine;
  try {
    engine = await createSymbolicEngine({ kb: values.kb, starter: !values['no-starter'] });
  } catch (e) {
    if (e instanceof KbLoadError) {
      process.stderr.write(`psr ask: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const r = engine.ask(positionals.join(' '));
  const text = canonicalText(r.answer.sentences);
  if (values.json) {
    process.stdout.write(JSON.stringify({ status: r.answer.status, answer: text, confidence: r.answer.confidence, data: r.answer.data, proof: r.answer.proof ?? null }, null, 2) + '\n');
  } else {
    process.stdout.write(text + '\n');
    if (values.explain) {
      const health = await engine.health();
      process.stdout.write(`\n— reasoning —\nquestion form: ${r.query.form}; facts used: ${r.answer.facts.length}; rules: ${r.answer.rules.join(', ') || 'none'}; confidence ${r.answer.confidence.toFixed(2)}\n`);
      process.stdout.write(`knowledge: ${JSON.stringify(health.detail?.knowledge)}\n`);
      if (r.answer.proof) process.stdout.write(`\n— proof —\n${printTree(r.answer.proof)}`);
    }
  }
  return r.answer.status === 'answered' ? 0 : 3;
}
