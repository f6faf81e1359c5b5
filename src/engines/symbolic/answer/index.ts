/** Answer a parsed question from the knowledge graph (and WordNet), by question form. */
import type { Query } from '../nlq/query.js';
import { isRelationTerm, linkRelation } from '../knowledge/relations.js';
import { unknown } from './common.js';
import { proofText } from './proof.js';
import { agent } from './agent.js';
import { compare } from './compare.js';
import { define } from './define.js';
import { check, isa, why } from './isa.js';
import { count, how, list } from './list.js';
import { route } from './route.js';
import type { Answer, AnswerContext } from './types.js';

/** Dispatch a query to its handler; never throws for odd input. */
export function answerQuery(ctx: AnswerContext, q: Query): Answer {
  const answer = byForm(ctx, q);
  if (!q.explain || !answer.proof || answer.status !== 'answered') return answer;
  return { ...answer, sentences: [...answer.sentences, ['\nWhy: this rests on the following facts and rules:'], [proofText(answer.proof)]] };
}

function byForm(ctx: AnswerContext, q: Query): Answer {
  switch (q.form) {
    case 'define': return define(ctx, q.subject, q.needsContext);
    case 'attribute':
    case 'list': return list(ctx, q.relation, q.subject, q.needsContext);
    case 'count': return count(ctx, q.relation, q.subject, q.needsContext);
    case 'isa': return isa(ctx, q.subject, q.object, q.needsContext);
    case 'check': return check(ctx, q.subject, q.relation, q.object, q.needsContext);
    case 'why': return why(ctx, q.subject, q.relation, q.object, q.needsContext || !q.subject);
    case 'how': return how(ctx, q.subject, q.needsContext);
    case 'agent': return agent(ctx, q.relation, q.object, q.needsContext);
    case 'compare': return compare(ctx, q.subject, q.object);
    case 'route': return route(ctx, q.subject, q.object);
    default: return bare(ctx, q);
  }
}

// A bare phrase: "security issues with OAuth", "JWT vulnerabilities" list; "rate limiting" defines.
function bare(ctx: AnswerContext, q: Query): Answer {
  const phrase = q.subject;
  if (phrase && phrase.length <= 200) {
    const m = /^(.+?) (?:with|of|in|for|about|when using) (.+)$/i.exec(phrase);
    if (m && linkRelation(ctx, m[1]) && ctx.linker.link(m[2])) return list(ctx, m[1], m[2]);
    if (phrase.includes(' ') && ctx.linker.split(phrase, (id) => isRelationTerm(ctx.graph, id))) return list(ctx, phrase, undefined);
    if (ctx.linker.link(phrase)) return define(ctx, phrase);
  }
  return unknown(ctx, q.text ? `how to answer "${truncate(q.text)}"` : 'an empty question', [phrase]);
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

export type { Answer, AnswerContext, ProofNode, Sentence } from './types.js';
