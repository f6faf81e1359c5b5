/**
 * Question → Query. Patterns run over a lightly normalized question, most specific first;
 * the relation/subject split inside phrases such as "JWT security vulnerabilities" is left
 * to the linker, which knows the knowledge graph's labels.
 */
import { analyze } from '../lexicon/nlp.js';
import type { Query, QueryForm } from './query.js';

const PRONOUN = /^(it|its|it's|this|that|they|them|their|these|those|he|she|his|her)$/i;
const ART = String.raw`(?:an?|the|some|any)\s+`;

type Rule = { form: QueryForm; re: RegExp; slots: Array<keyof Query | null>; fixed?: Partial<Query> };
const NOT_VERB = String.raw`(?!(?:is|are|was|were|do|does|did|has|have|can|could|should|would|will|about)\b)`;

// Order matters: routes before generic "how", attribute ("the P of X") before define.
const RULES: Rule[] = [
  { form: 'route', re: /^how (?:do|can|could|should|would) (?:i|we|you|one) (?:get|go|travel|move|reach|come) from (.+?) to (.+)$/i, slots: ['subject', 'object'] },
  { form: 'route', re: /^(?:find |plan |show )?(?:a |the )?(?:route|path|way|plan) from (.+?) to (.+)$/i, slots: ['subject', 'object'] },
  { form: 'compare', re: /^(?:compare|contrast) (.+?) (?:and|with|to|vs\.?|versus) (.+)$/i, slots: ['subject', 'object'] },
  { form: 'compare', re: /^(?:what(?:'s| is) the )?differences? between (.+?) and (.+)$/i, slots: ['subject', 'object'] },
  { form: 'compare', re: /^how (?:does|do|is|are) (.+?) (?:differ from|compare (?:to|with)) (.+)$/i, slots: ['subject', 'object'] },
  { form: 'compare', re: /^(.+?) (?:vs\.?|versus) (.+)$/i, slots: ['subject', 'object'] },
  { form: 'count', re: /^how many (.+?) (?:does|do|did) (.+?) have$/i, slots: ['relation', 'subject'] },
  { form: 'count', re: /^how many (.+?) (?:are there )?(?:in|of|for|does|has) (.+)$/i, slots: ['relation', 'subject'] },
  { form: 'count', re: /^how many (.+?)(?: are there| exist| do you know)?$/i, slots: ['relation'] },
  { form: 'why', re: new RegExp(String.raw`^why (?:is|are|was|were) (.+?) (?:not )?${ART}?(.+)$`, 'i'), slots: ['subject', 'object'] },
  { form: 'why', re: /^why (?:does|do|did) (.+?) (\w+) (.+)$/i, slots: ['subject', 'relation', 'object'] },
  { form: 'why', re: /^why(?: is that| so| not)?$/i, slots: [] },
  { form: 'how', re: /^how (?:to|do (?:i|we|you)|should (?:i|we)|can (?:i|we)|does one|would (?:i|you)) (handle|prevent|avoid|mitigate|fix|implement|deal with|defend against|protect against|solve|secure|design|do|use|scale) (.+)$/i, slots: ['verb', 'subject'] },
  { form: 'how', re: /^(?:what are )?(?:the )?(?:best )?(?:ways|techniques|approaches|practices|strategies) (?:to|for) (handle|prevent|avoid|mitigate|fix|implement|deal with|defend against|protect against|secure|design|do|use|scale)? ?(.+)$/i, slots: ['verb', 'subject'] },
  { form: 'isa', re: new RegExp(String.raw`^(?:is|are) (.+?) (not )?${ART}(.+)$`, 'i'), slots: ['subject', 'negated', 'object'] },
  { form: 'isa', re: /^(?:is|are) (.+?) (not )?(?:a kind of|a type of|a sort of|kinds of|types of) (.+)$/i, slots: ['subject', 'negated', 'object'] },
  { form: 'check', re: /^(?:is|are|was|were) (.+? (?:related|connected|linked|part|specified|defined|used|handled|mitigated|similar|relevant) .+)$/i, slots: ['subject'] },
  { form: 'check', re: /^(?:does|do|did|can|could) (.+)$/i, slots: ['subject'] },
  { form: 'list', re: /^(?:what|which) (.+?) (?:does|do|did|can|could|might|may) (.+?) (?:have|face|suffer from|run into|hit)$/i, slots: ['relation', 'subject'] },
  { form: 'list', re: /^what (?:can|could|might|may|does|do|will) (?:go|goes) wrong (?:with|in|when using|when|using|for|about) (.+)$/i, slots: ['subject'], fixed: { relation: 'risks' } },
  { form: 'list', re: /^(?:what|which|who|whom)(?: \w+)? (?:does|do|did) (.+?) (\w+(?: (?:on|to|by|with|against|from))?)$/i, slots: ['subject', 'relation'] },
  { form: 'agent', re: new RegExp(String.raw`^(?:what|who|which(?: \w+)?) ${NOT_VERB}(\w+(?:s|ed)(?: (?:on|to|by|with|against|from))?) (.+)$`, 'i'), slots: ['relation', 'object'] },
  { form: 'list', re: /^(?:list|name|show|give me|enumerate|tell me)(?: me)?(?: all)?(?: of)? (?:the )?(.+?) (?:of|in|for|with|about) (.+)$/i, slots: ['relation', 'subject'] },
  { form: 'list', re: /^(?:what|which) (?:are|were) (?:the |some |common |typical |known |main )*(.+?) (?:of|in|for|with|when using|to) (.+)$/i, slots: ['relation', 'subject'] },
  { form: 'attribute', re: /^(?:what|who|which)(?:'s| is| was) (?:the |an? )(.+?) (?:of|for) (.+)$/i, slots: ['relation', 'subject'] },
  { form: 'attribute', re: /^(?:what|who|which)(?:'s| is| was| are) (.+?)['’]s (.+)$/i, slots: ['subject', 'relation'] },
  { form: 'list', re: /^(?:what|which) (?:are|were) (?:the |some |common |typical |known |main )*(.+)$/i, slots: ['relation'] },
  { form: 'list', re: /^(?:list|name|show|enumerate)(?: me)?(?: all)?(?: the)? (.+)$/i, slots: ['relation'] },
  { form: 'define', re: /^(?:what|who)(?:'s| is| are| was| were) (?:an? |the )?(.+)$/i, slots: ['subject'] },
  { form: 'define', re: /^(?:define|describe|explain|tell me about|what do you know about|what about|and|how about) (?:an? |the )?(.+)$/i, slots: ['subject'] },
];

/** Lowercase-insensitive cleanup: trailing punctuation, polite prefixes, curly quotes. */
export function normalizeQuestion(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:please|hey|hi|ok|so|well|psr)[,!]?\s+/i, '')
    .replace(/^(?:can|could|would) you (?:please )?(?:tell me |explain |list )?/i, (m) => (/(tell|explain|list)/i.test(m) ? 'tell me ' : ''))
    .replace(/\s*(?:please)?[?.!]+$/g, '')
    .trim();
}

// "I'm building an API with JWT. What are its risks? Thanks." → the last sentence asking something
function pickQuestion(text: string): string {
  if (!/[?!.]\s+\S/.test(text)) return text;
  const sentences = text.slice(0, 20_000).split(/(?<=[?!.])\s+/).filter((x) => x.trim());
  const asked = sentences.filter((x) => x.trim().endsWith('?'));
  return asked.length ? asked[asked.length - 1] : text;
}

// "I'm so frustrated, why is X a Y" / "ok so, what are …": the question starts at the wh-clause
const LEAD_CLAUSE = /^[^,;:]{1,120}[,;:]\s+(?=(?:what|why|how|which|who|is|are|does|do|can|list|compare|tell me)\b)/i;

function cleanPhrase(s: string): string {
  return s.replace(/^(?:the|a|an|some|all|using)\s+/i, '').replace(/\s+(?:please|again|exactly)$/i, '').trim();
}

/** Parse one question; never throws. Unrecognized text has form 'unknown'. */
export function parseQuestion(text: string): Query {
  const q = normalizeQuestion(pickQuestion(typeof text === 'string' ? text : '')).replace(LEAD_CLAUSE, '');
  if (!q) return { form: 'unknown', text: q };
  for (const rule of RULES) {
    const m = rule.re.exec(q);
    if (!m) continue;
    const out: Query = { form: rule.form, text: q, ...rule.fixed };
    rule.slots.forEach((slot, i) => {
      const v = m[i + 1];
      if (!slot || v === undefined) return;
      if (slot === 'negated') out.negated = v.trim().length > 0;
      else (out as unknown as Record<string, string>)[slot] = cleanPhrase(v);
    });
    return resolvePronouns(out.form === 'check' ? splitCheck(out) : out);
  }
  // elliptic follow-ups: "and its risks?", "its edge cases", "risks?"
  const follow = /^(?:and |what about |how about )?(?:its|their|the) (.+)$/i.exec(q);
  if (follow) return { form: 'list', relation: cleanPhrase(follow[1]), needsContext: true, text: q };
  return { form: 'unknown', subject: q, text: q };
}

// "does the billing service depend on Postgres": the first verb after the subject is the relation,
// with its particle ("depend on"); everything after it is the object.
function splitCheck(query: Query): Query {
  const tokens = analyze(query.subject ?? '').tokens;
  const copula = /^(?:is|are|was|were) /i.test(query.text);
  const v = tokens.findIndex((t, i) => i > 0 && (t.pos === 'VERB' || (copula && t.pos === 'ADJ')));
  if (v < 0) return { ...query, form: 'unknown' };
  let end = v + 1;
  if (tokens[end]?.pos === 'ADP' || tokens[end]?.pos === 'PART') end++;
  const words = (a: number, b: number) => tokens.slice(a, b).map((t) => t.value).join(' ');
  const negated = tokens.slice(0, v).some((t) => t.lemma === 'not');
  const subject = cleanPhrase(words(0, v).replace(/\s*\bnot$/i, ''));
  return { ...query, subject, relation: words(v, end), object: cleanPhrase(words(end, tokens.length)), negated };
}

// "what are its risks" → subject from context; "what is it" → define the context entity
function resolvePronouns(query: Query): Query {
  const subj = query.subject;
  if (subj !== undefined && (PRONOUN.test(subj) || subj === '')) {
    return { ...query, subject: undefined, needsContext: true };
  }
  if (subj && /^(?:its|their|his|her) /i.test(subj)) {
    // "what is its issuer" parsed as define("its issuer") → attribute of the context entity
    const rel = subj.replace(/^\w+ /, '');
    const form = query.form !== 'define' ? query.form : /s$/i.test(rel) ? 'list' : 'attribute';
    return { ...query, form, relation: rel, subject: undefined, needsContext: true };
  }
  if (query.relation && /^(?:its|their) /i.test(query.relation)) {
    return { ...query, relation: query.relation.replace(/^\w+ /, ''), needsContext: !query.subject };
  }
  if ((query.form === 'list' || query.form === 'how') && !query.subject) return { ...query, needsContext: query.form === 'how' };
  return query;
}
