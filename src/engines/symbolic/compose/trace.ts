/** The reasoning trace shown before an answer: parse, links, context, affect, facts, rules. */
import type { Answer } from '../answer/types.js';
import type { Graph } from '../knowledge/graph.js';
import type { Link } from '../knowledge/linker.js';
import type { Query } from '../nlq/query.js';
import { factText } from '../answer/proof.js';

/** Affect as the trace shows it (the affect room's analysis, summarized). */
export interface AffectSummary {
  sentiment: string;
  emotions: string[];
  preferences: string[];
  frustrated: boolean;
}

/** Trace lines, each ending in a newline, streamed as reasoning. */
export function traceLines(graph: Graph, q: Query, answer: Answer, focus: Link | undefined, affect: AffectSummary | undefined, cached: boolean): string[] {
  const lines: string[] = [];
  const slots = (['subject', 'relation', 'object', 'verb'] as const).filter((k) => q[k]).map((k) => `${k} "${q[k]}"`);
  lines.push(`Question form: ${q.form}${slots.length ? ` · ${slots.join(' · ')}` : ''}`);
  if (q.context) lines.push(`Follow-up: ${q.context}`);
  if (q.needsContext) lines.push(`Context: resolved to ${focus ? `"${focus.label}" from earlier in the conversation` : 'nothing (no earlier subject)'}`);
  if (answer.focus) lines.push(`Linked: "${answer.focus.label}" → ${graph.kb.key(answer.focus.id)} (${answer.focus.how} match)`);
  const rel = answer.relation;
  if (rel) lines.push(`Relation: ${rel.phrase ? `"${rel.phrase}" → ` : ''}${rel.label} (${graph.kb.key(rel.id)}, ${rel.how} match)`);
  if (affect) {
    const parts = [`sentiment ${affect.sentiment}`];
    if (affect.emotions.length) parts.push(`emotions ${affect.emotions.join(', ')}`);
    if (affect.preferences.length) parts.push(`preferences ${affect.preferences.join('; ')}`);
    if (affect.frustrated) parts.push('the user sounds frustrated');
    lines.push(`Affect: ${parts.join(' · ')}`);
  }
  if (answer.facts.length) {
    lines.push(`Facts used: ${answer.facts.length}`);
    for (const f of answer.facts.slice(0, 8)) {
      const v = graph.fact(f);
      lines.push(`  - ${factText(graph, f)} [${v.rule ? `derived by ${v.rule}` : v.source}; confidence ${v.confidence.toFixed(2)}]`);
    }
    if (answer.facts.length > 8) lines.push(`  - … and ${answer.facts.length - 8} more`);
  } else if (answer.proof) {
    lines.push(`Evidence: ${answer.proof.label}`);
  }
  if (answer.rules.length) lines.push(`Rules fired: ${answer.rules.join(', ')}`);
  lines.push(answer.status === 'answered' ? `Confidence: ${answer.confidence.toFixed(2)}` : 'No supporting facts found: answering "I don\'t know".');
  if (cached) lines.push('(answer served from the reasoning cache)');
  return lines.map((l) => l + '\n');
}
