/** "What is X": the knowledge graph's description first, WordNet's gloss and hypernyms next. */
import type { Answer, AnswerContext, ProofNode, Sentence } from './types.js';
import { andList, article, cap, directTypes, riskSummary, subjectLink, toData, unknown } from './common.js';
import { V } from '../knowledge/vocab.js';

/** Answer a definitional question about `phrase` (or the entity under discussion). */
export function define(ctx: AnswerContext, phrase: string | undefined, needsContext?: boolean): Answer {
  const link = subjectLink(ctx, phrase, needsContext);
  if (link) return fromGraph(ctx, link.id, link);
  if (phrase) {
    const lexical = fromWordNet(ctx, phrase);
    if (lexical) return lexical;
  }
  return unknown(ctx, phrase ? `what "${phrase}" is` : 'what you are referring to', [phrase]);
}

function fromGraph(ctx: AnswerContext, id: number, link: NonNullable<Answer['focus']>): Answer {
  const { graph } = ctx;
  const info = graph.info(id);
  const direct = directTypes(graph, id);
  const typeNames = direct.map((t) => graph.label(t));
  const facts = [
    ...direct.map((t) => graph.factId(id, V.type, t)),
    ...graph.factsOf(id, V.description).slice(0, 1),
  ].filter((f) => f >= 0);
  const kinds = typeNames.length ? `${article(typeNames[0])} ${andList(typeNames)}` : undefined;
  const name = cap(info.label);
  const first = info.description
    ? kinds ? [`${name} is ${kinds}: ${info.description}.`, `${name}, ${kinds}, is ${info.description}.`] : [`${name} is ${info.description}.`]
    : kinds ? [`${name} is ${kinds}.`] : [`${name} is in my knowledge, but I have no description of it.`];
  const sentences = [first, ...roles(ctx, id)];
  const risks = riskSummary(graph, id);
  if (risks.total) sentences.push([`I know ${risks.text} of ${info.label}; ask for any of them.`]);
  if (info.sources.length) sentences.push([`Source: ${info.sources[0]}.`]);
  return {
    status: 'answered', sentences, facts, rules: [], confidence: facts.length ? 1 : 0.5, focus: link,
    proof: { label: `${info.label}: ${kinds ?? 'known term'}`, kind: 'answer', children: [] },
    data: { answer: sentences.map((s) => s[0]).join(' '), subject: toData(info), types: typeNames },
  };
}

// what a risk belongs to and what fixes it; what a technique mitigates or handles
function roles(ctx: AnswerContext, id: number): Sentence[] {
  const { graph } = ctx;
  const names = (ids: number[]) => andList([...new Set(ids)].slice(0, 8).map((i) => graph.label(i)));
  const out: Sentence[] = [];
  const owners = graph.subjects(V.hasRisk, id);
  if (owners.length) out.push([`It is a known risk of ${names(owners)}.`]);
  const fixes = graph.objects(id, V.mitigatedBy);
  if (fixes.length) out.push([`Mitigation: ${names(fixes)}.`]);
  const mitigates = graph.subjects(V.mitigatedBy, id);
  if (mitigates.length) out.push([`It mitigates ${names(mitigates)}.`]);
  const handles = graph.subjects(V.handledBy, id);
  if (handles.length) out.push([`It is a way to handle ${names(handles)}.`]);
  return out;
}

function fromWordNet(ctx: AnswerContext, phrase: string): Answer | undefined {
  const wn = ctx.wordnet;
  if (!wn) return undefined;
  const word = phrase.replace(/^(?:an?|the)\s+/i, '').trim().replace(/\s+/g, '_');
  const senses = wn.lookup(word, 'n');
  const sense = senses[0] ?? wn.lookup(word)[0];
  if (!sense) return undefined;
  const def = wn.gloss(word)[0];
  const chain = wn.hypernymChain(sense).slice(1); // the chain starts with the sense itself
  const name = phrase.replace(/^(?:an?|the)\s+/i, '').trim();
  const parent = chain[0]?.words[0];
  const definition = def?.definition ?? sense.gloss;
  const sentences = [[
    parent ? `${cap(article(name))} ${name} is ${article(parent)} ${parent}; WordNet defines it as “${definition}”.` : `${cap(name)}: ${definition}.`,
    `In WordNet, ${article(name)} ${name} is ${definition}.`,
  ]];
  if (chain.length > 1) sentences.push([`Its hypernym chain: ${[name, ...chain.map((s) => s.words[0])].join(' → ')}.`]);
  sentences.push(['Source: WordNet 3.1.']);
  const proof: ProofNode = chainProof(name, chain.map((s) => `${s.words[0]} (${s.id})`));
  return {
    status: 'answered', sentences, facts: [], rules: [], confidence: 1, proof,
    data: { answer: `${name}: ${definition}`, definition, hypernyms: chain.map((s) => s.words[0]), source: 'WordNet 3.1' },
  };
}

/** A hypernym chain as a nested proof: each step "a is a b" rests on the next. */
export function chainProof(start: string, chain: string[]): ProofNode {
  const steps = [start, ...chain];
  let node: ProofNode | undefined;
  for (let i = steps.length - 2; i >= 0; i--) {
    node = { label: `${steps[i]} is a kind of ${steps[i + 1]}`, kind: 'lexicon', source: 'WordNet 3.1', children: node ? [node] : [] };
  }
  return node ?? { label: start, kind: 'lexicon', source: 'WordNet 3.1', children: [] };
}
