/**
 * Yes/no questions: "is X a Y" (knowledge graph types with their derivations, else WordNet
 * hypernyms) and "does X P Y" (a fact or a derivation). "Why" questions reuse both and lead
 * with the proof.
 */
import { V } from '../knowledge/vocab.js';
import type { Link } from '../knowledge/linker.js';
import { linkRelation } from '../knowledge/relations.js';
import { andList, article, cap, labelKind, relationClaim, subjectLink, unknown } from './common.js';
import { chainProof } from './define.js';
import { confidenceOf, premiseClaims, proofOf, proofText, rulesUsed } from './proof.js';
import type { Answer, AnswerContext, Sentence } from './types.js';

/** Is X a Y? */
export function isa(ctx: AnswerContext, subj: string | undefined, obj: string | undefined, needsContext?: boolean): Answer {
  const { graph } = ctx;
  const x = subjectLink(ctx, subj, needsContext);
  const relational = x && obj ? ofPhrase(ctx, obj) : undefined;
  if (x && relational) {
    // "a risk of JWT" reads JWT → X; "a member of the team" reads X → team
    const { p, y } = relational;
    return labelKind(p.label) === 'noun' ? checkLinks(ctx, y, p, x, relationClaim(y.label, p.label, x.label)) : checkLinks(ctx, x, p, y, relationClaim(x.label, p.label, y.label));
  }
  const y = obj ? ctx.linker.link(obj, (id) => graph.isClass(id)) : undefined;
  if (x && y) {
    const fact = graph.factId(x.id, V.type, y.id) >= 0 ? graph.factId(x.id, V.type, y.id) : graph.factId(x.id, V.subClassOf, y.id);
    if (fact >= 0) return yes(ctx, [[`Yes: ${x.label} is ${article(y.label)} ${y.label}.`, `Yes, ${x.label} is ${article(y.label)} ${y.label}.`]], [fact], x);
    const known = graph.types(x.id).map((t) => graph.label(t)).filter((l) => l !== 'Resource');
    const also = known.length ? ` What I do know: ${x.label} is ${article(known[0])} ${known.join(', ')}.` : '';
    return {
      status: 'answered', sentences: [[`No fact or rule in my knowledge makes ${x.label} ${article(y.label)} ${y.label}.${also}`]],
      facts: [], rules: [], confidence: 0.5, focus: x, data: { answer: false, subject: x.label, class: y.label, knownTypes: known },
    };
  }
  const lexical = wordnetIsA(ctx, subj, obj);
  if (lexical) return lexical;
  return unknown(ctx, `whether ${subj ?? 'that'} is ${article(obj ?? 'a')} ${obj ?? 'thing'}`, [subj, obj]);
}

function wordnetIsA(ctx: AnswerContext, subj: string | undefined, obj: string | undefined): Answer | undefined {
  const wn = ctx.wordnet;
  if (!wn || !subj || !obj) return undefined;
  const a = subj.replace(/\s+/g, '_');
  const b = obj.replace(/\s+/g, '_');
  if (wn.lookup(a, 'n').length === 0 || wn.lookup(b, 'n').length === 0) return undefined;
  const path = wn.isA(a, b);
  if (!path) {
    const sense = wn.lookup(a, 'n')[0];
    const chain = wn.hypernymChain(sense).slice(1).map((x) => x.words[0]);
    return {
      status: 'answered', sentences: [[`No: in WordNet, no sense of "${subj}" has "${obj}" among its hypernyms.`],
        [` ${cap(article(subj))} ${subj} is ${article(chain[0] ?? 'thing')} ${chain[0] ?? 'thing'}: ${[subj, ...chain].join(' → ')}.`]],
      facts: [], rules: [], confidence: 0.8, proof: chainProof(subj, chain),
      data: { answer: false, chain: [subj, ...chain], source: 'WordNet 3.1' },
    };
  }
  const names = path.map((s) => s.words[0]).filter((w, i) => i > 0 || w.toLowerCase() !== subj.toLowerCase());
  return {
    status: 'answered',
    sentences: [[`Yes: ${article(subj)} ${subj} is ${article(obj)} ${obj}.`, `Yes, ${article(subj)} ${subj} is a kind of ${obj}.`],
      [` WordNet's hypernym chain: ${[subj, ...names].join(' → ')}.`]],
    facts: [], rules: [], confidence: 1, proof: chainProof(subj, names),
    data: { answer: true, chain: [subj, ...names], source: 'WordNet 3.1' },
  };
}

/** Does X P Y? */
export function check(ctx: AnswerContext, subj: string | undefined, rel: string | undefined, obj: string | undefined, needsContext?: boolean): Answer {
  const { graph } = ctx;
  const x = subjectLink(ctx, subj, needsContext);
  const p = linkRelation(ctx, rel);
  const y = obj ? ctx.linker.link(obj, (id) => !graph.isPredicate(id)) : undefined;
  if (!x || !p || !y) return unknown(ctx, `whether ${subj ?? 'that'} ${rel} ${obj ?? 'that'}`, [subj, rel, obj]);
  return checkLinks(ctx, x, p, y, relationClaim(x.label, p.label, y.label));
}

// "a risk of JWT" → (JWT, hasRisk, ·): the relation named before "of", the entity after it
function ofPhrase(ctx: AnswerContext, phrase: string): { p: Link; y: Link } | undefined {
  const m = /^(.+?) (?:of|for|in|to) (.+)$/i.exec(phrase);
  if (!m) return undefined;
  const p = linkRelation(ctx, m[1]);
  const y = p ? ctx.linker.link(m[2], (id) => !ctx.graph.isPredicate(id)) : undefined;
  return p && y ? { p, y } : undefined;
}

function checkLinks(ctx: AnswerContext, x: Link, p: Link, y: Link, claim: string): Answer {
  const { graph } = ctx;
  const fact = graph.factId(x.id, p.id, y.id);
  if (fact >= 0) return yes(ctx, [[`Yes: ${claim}.`, `Yes — ${claim}.`]], [fact], x);
  const actual = graph.objects(x.id, p.id).map((o) => graph.label(o));
  const also = actual.length ? ` What I do know: ${relationClaim(x.label, p.label, andList(actual.slice(0, 8)))}.` : '';
  return {
    status: 'answered', sentences: [[`Not as far as I know: no fact or rule says ${claim}.${also}`]],
    facts: [], rules: [], confidence: 0.5, focus: x, data: { answer: false, subject: x.label, relation: p.label, object: y.label, actual },
  };
}

function yes(ctx: AnswerContext, head: Sentence[], facts: number[], focus: Answer['focus']): Answer {
  const proof = proofOf(ctx.graph, facts[0]);
  const rules = rulesUsed(ctx.graph, facts);
  const premises = premiseClaims(ctx.graph, facts[0]);
  const because = premises.length > 1 ? `${premises.slice(0, -1).join(', ')}, and ${premises[premises.length - 1]}` : premises[0];
  const why: Sentence[] = rules.length
    ? [[` It follows by rule ${rules.join(', rule ')}, because ${because}.`, ` Rule ${rules.join(', rule ')} derives it, since ${because}.`]]
    : [[` It is stated directly (source: ${proof.source ?? 'knowledge base'}).`]];
  return {
    status: 'answered', sentences: [...head, ...why], facts, rules, confidence: confidenceOf(ctx.graph, facts), focus, proof,
    data: { answer: true, proof },
  };
}

/** Why …? Lead with the proof of the matching yes/no question. */
export function why(ctx: AnswerContext, subj: string | undefined, rel: string | undefined, obj: string | undefined, needsContext?: boolean): Answer {
  const base = rel ? check(ctx, subj, rel, obj, needsContext) : isa(ctx, subj, obj, needsContext);
  if (!base.proof) return base;
  return { ...base, sentences: [...base.sentences, [' Proof:'], [proofText(base.proof)]] };
}
