/**
 * Triple patterns written as text, e.g. `?x a :Animal` or `?x :eats ?y . ?y a :Plant`, resolved
 * with a store's prefixes. Used by `psr kb prove`, queries and backward chaining.
 */
import type { PatternTerm } from './compile-rule.js';
import { NS, RDF_TYPE, literalKey } from './terms.js';

const TOKEN = /\s*(<[^>]*>|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^(?:<[^>]*>|[\w-]*:[\w.-]*))?|\?[\w-]+|_:[\w-]+|[+-]?\d+(?:\.\d+)?(?![\w:])|true\b|false\b|[\w-]*:[\w.\-/#]*|a\b|\.)/y;

/** Split pattern text into tokens; throws with the offending column on junk. */
function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read the pattern at column ${pos + 1}: ${text.slice(pos, pos + 20)}`);
    out.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  return out;
}

/** The term (or variable) one pattern token stands for. */
function resolve(tok: string, prefixes: Record<string, string>): PatternTerm {
  if (tok.startsWith('?')) return { var: tok.slice(1) };
  if (tok === 'a') return { key: RDF_TYPE };
  if (tok.startsWith('<')) return { key: tok.slice(1, -1) };
  if (tok.startsWith('_:')) return { key: tok };
  if (tok === 'true' || tok === 'false') return { key: literalKey(tok === 'true') };
  if (/^[+-]?\d/.test(tok)) return { key: literalKey(Number(tok)) };
  if (tok.startsWith('"')) {
    const end = tok.lastIndexOf('"');
    const lex = tok.slice(1, end).replace(/\\(.)/g, '$1');
    const rest = tok.slice(end + 1);
    if (rest.startsWith('^^')) return { key: `"${lex}"^^${(resolve(rest.slice(2), prefixes) as { key: string }).key}` };
    return { key: `"${lex}"${rest}` };
  }
  const colon = tok.indexOf(':');
  const ns = prefixes[tok.slice(0, colon)] ?? (tok.slice(0, colon) === '' ? undefined : (NS as Record<string, string>)[tok.slice(0, colon)]);
  if (ns === undefined) throw new Error(`unknown prefix "${tok.slice(0, colon)}:" in ${tok}`);
  return { key: ns + tok.slice(colon + 1) };
}

/** Parse `s p o [. s p o]*` into patterns; throws an Error with the reason on bad text. */
export function parsePattern(text: string, prefixes: Record<string, string>): PatternTerm[][] {
  const toks = tokenize(text);
  const out: PatternTerm[][] = [];
  let cur: PatternTerm[] = [];
  for (const tok of toks) {
    if (tok === '.') {
      if (cur.length) throw new Error(`a pattern needs 3 terms before "."`);
      continue;
    }
    cur.push(resolve(tok, prefixes));
    if (cur.length === 3) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length || out.length === 0) throw new Error('a pattern is "subject predicate object" (e.g. ?x a :Animal)');
  return out;
}

/** A pattern term written back as text (variables as ?x, IRIs as <iri>). */
export function patternTermText(t: PatternTerm): string {
  return 'var' in t ? '?' + t.var : t.key.startsWith('"') || t.key.startsWith('_:') ? t.key : `<${t.key}>`;
}
