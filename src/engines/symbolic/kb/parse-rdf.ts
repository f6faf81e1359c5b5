/**
 * Streaming Turtle / N-Triples / N3 loading with the n3 package's parser. Default-graph triples
 * are staged as integer facts as they arrive; N3 formulas (`{ … } => { … }`) become rules.
 */
import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { compileRule, type PatternTerm } from './compile-rule.js';
import { KbLoadError } from './errors.js';
import type { Staging } from './staging.js';
import { NS, termKey } from './terms.js';

/** Formats the n3 parser reads. */
export type RdfFormat = 'turtle' | 'ntriples' | 'n3';

const MIME: Record<RdfFormat, string> = { turtle: 'text/turtle', ntriples: 'application/n-triples', n3: 'text/n3' };
const IMPLIES = NS.log + 'implies';

interface ParseError extends Error {
  context?: { line?: number; token?: { line?: number; start?: number }; previousToken?: { line?: number; end?: number } };
}

/** Line and 1-based column of an n3 parser error. */
function position(err: ParseError): [number, number] {
  const ctx = err.context ?? {};
  const line = ctx.line ?? ctx.token?.line ?? Number(/line (\d+)/.exec(err.message)?.[1] ?? 0);
  if (ctx.token?.start !== undefined) return [line, ctx.token.start + 1];
  if (ctx.previousToken?.end !== undefined && ctx.previousToken.line === line) return [line, ctx.previousToken.end + 1];
  return [line, 1];
}

/** Options of one RDF parse. */
export interface RdfParseOptions {
  file: string;
  format: RdfFormat;
  /** Confidence of every fact in the file (default 1). */
  confidence: number;
  baseIRI?: string;
}

/** Parse `input` into `staging`; rejects with a KbLoadError carrying file, line and column. */
export function parseRdf(input: string | Readable, staging: Staging, intern: (k: string) => number, opts: RdfParseOptions): Promise<void> {
  const parser = new Parser({ format: MIME[opts.format], baseIRI: opts.baseIRI });
  const formulas = new Map<string, RDF.Quad[]>();
  const implications: [RDF.Term, RDF.Term][] = [];
  return new Promise((resolve, reject) => {
    let failed = false;
    let lastS = '', lastP = '', lastSId = -1, lastPId = -1;
    const fail = (line: number, col: number, msg: string): void => {
      if (failed) return;
      failed = true;
      if (typeof input !== 'string') input.destroy();
      reject(new KbLoadError(opts.file, line, col, msg));
    };
    const onQuad = (err: Error | null, q: RDF.Quad | null): void => {
      if (failed) return;
      if (err) return fail(...position(err as ParseError), err.message.replace(/ on line \d+\.$/, ''));
      if (q === null) return finish();
      if (q.graph.termType !== 'DefaultGraph') {
        const g = q.graph.value;
        const list = formulas.get(g);
        if (list === undefined) formulas.set(g, [q]);
        else list.push(q);
        return;
      }
      if (q.predicate.value === IMPLIES && (q.subject.termType === 'BlankNode' || (q.subject.termType as string) === 'Literal')) {
        implications.push([q.subject, q.object]);
        return;
      }
      if (q.subject.termType === 'Variable' || q.predicate.termType === 'Variable' || q.object.termType === 'Variable') {
        return fail(0, 0, `variable outside a rule in ${q.subject.value} ${q.predicate.value} ${q.object.value}`);
      }
      // consecutive triples mostly share the predicate and often the subject: skip the map then
      const sk = termKey(q.subject), pk = termKey(q.predicate);
      if (sk !== lastS) (lastS = sk), (lastSId = intern(sk));
      if (pk !== lastP) (lastP = pk), (lastPId = intern(pk));
      staging.push(lastSId, lastPId, intern(termKey(q.object)), opts.confidence);
    };
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      try {
        implications.forEach(([ifF, thenF], i) => staging.rules.push(buildRule(ifF, thenF, formulas, `${basename(opts.file)}#${i + 1}`, opts.file, intern)));
        resolve();
      } catch (e) {
        fail(0, 0, (e as Error).message);
      }
    };
    if (typeof input !== 'string') {
      input.on('error', (e) => fail(0, 0, e.message));
      // n3's lexer ends a stream only once it has seen data: an empty file would never settle
      // (`psr kb check` then exited 0 silently, skipping the files after it). With data the
      // lexer has finished synchronously in its own 'end' handler by the time this runs.
      input.on('end', () => setImmediate(() => !failed && finish()));
    }
    parser.parse(input as string, { onQuad, onPrefix: (prefix: string, iri: RDF.NamedNode) => void (staging.prefixes[prefix] = iri.value) });
  });
}

function buildRule(ifF: RDF.Term, thenF: RDF.Term, formulas: Map<string, RDF.Quad[]>, id: string, source: string, intern: (k: string) => number) {
  const body = ifF.termType === 'Literal' ? [] : (formulas.get(ifF.value) ?? []);
  const isFalse = thenF.termType === 'Literal' && thenF.value === 'false';
  if (!isFalse && thenF.termType !== 'BlankNode') throw new Error(`rule ${id}: the conclusion must be a formula or false`);
  const head = isFalse ? [] : (formulas.get(thenF.value) ?? []);
  const pat = (t: RDF.Term): PatternTerm => {
    if (t.termType === 'Variable') return { var: t.value };
    // blanks in premises act as variables; blanks only in conclusions are existentials
    if (t.termType === 'BlankNode') return { var: '_' + t.value };
    return { key: termKey(t) };
  };
  const premises = body.map((q) => [pat(q.subject), pat(q.predicate), pat(q.object)]);
  const conclusions = head.map((q) => [pat(q.subject), pat(q.predicate), pat(q.object)]);
  return compileRule({ id, premises, conclusions: isFalse ? false : conclusions, source }, intern);
}
