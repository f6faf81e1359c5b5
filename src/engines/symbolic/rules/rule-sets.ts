/** Built-in rule sets shipped as N3 in data/rules/, loaded into a KnowledgeBase by name. */
import { dataPath } from '../../../core/paths.js';
import { loadFile, type KnowledgeBase } from '../kb/index.js';

const SETS: Record<string, string> = {
  rdfs: 'rdfs.n3',
  owl: 'owl-rl.n3',
  'owl-rl': 'owl-rl.n3',
  contradictions: 'contradictions.n3',
};

/** What each constraint of contradictions.n3 reports as `kind`, by rule number. */
const CONTRADICTION_KINDS = ['disjointWith', 'differentFrom', 'propertyDisjointWith', 'negationOf', 'complementOf'];

/** Names of the built-in rule sets. */
export function ruleSetNames(): string[] {
  return Object.keys(SETS);
}

/** Load a built-in rule set (`rdfs`, `owl`/`owl-rl`, `contradictions`); returns the indexes of its rules in kb.rules. */
export async function loadRuleSet(kb: KnowledgeBase, name: string): Promise<number[]> {
  const file = SETS[name];
  if (!file) throw new Error(`unknown rule set "${name}"; known: ${ruleSetNames().join(', ')}`);
  const first = kb.rules.length;
  await loadFile(kb, dataPath('rules', file), { source: `builtin:${name}` });
  const added = Array.from({ length: kb.rules.length - first }, (_, i) => first + i);
  if (file === 'contradictions.n3') added.forEach((ix, n) => (kb.rules[ix].kind = CONTRADICTION_KINDS[n]));
  return added;
}
