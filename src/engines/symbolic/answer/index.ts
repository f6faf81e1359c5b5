/** Answer a parsed question from the knowledge graph (and WordNet), by question form. */
import type { Query } from '../nlq/query.js';
import { unknown } from './common.js';
import { compare } from './compare.js';
import { define } from './define.js';
import { check, isa, why } from './isa.js';
import { count, how, list } from './list.js';
import { route } from './route.js';
import type { Answer, AnswerContext } from './types.js';

/** Dispatch a query to its handler; never throws for odd input. */
export function answerQuery(ctx: AnswerContext, q: Query): Answer {
  switch (q.form) {
    case 'define': return define(ctx, q.subject, q.needsContext);
    case 'attribute':
    case 'list': return list(ctx, q.relation, q.subject, q.needsContext);
    case 'count': return count(ctx, q.relation, q.subject, q.needsContext);
    case 'isa': return isa(ctx, q.subject, q.object, q.needsContext);
    case 'check': return check(ctx, q.subject, q.relation, q.object, q.needsContext);
    case 'why': return why(ctx, q.subject, q.relation, q.object, q.needsContext || !q.subject);
    case 'how': return how(ctx, q.subject, q.needsContext);
    case 'compare': return compare(ctx, q.subject, q.object);
    case 'route': return route(ctx, q.subject, q.object);
    default: {
      // A bare noun phrase ("JWT", "rate limiting") is a request to define it, if it links.
      if (q.subject && ctx.linker.link(q.subject)) return define(ctx, q.subject);
      return unknown(ctx, q.text ? `how to answer "${truncate(q.text)}"` : 'an empty question', [q.subject]);
    }
  }
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

export type { Answer, AnswerContext, ProofNode, Sentence } from './types.js';
