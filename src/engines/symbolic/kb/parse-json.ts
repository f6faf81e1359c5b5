/**
 * The JSON/YAML form for people who don't write RDF (see README.md). Parsed whole (these files
 * are hand-written and small), staged, and every error carries the line and column of its node.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { compileRule } from './compile-rule.js';
import { KbLoadError } from './errors.js';
import { NameResolver } from './json-terms.js';
import type { Staging } from './staging.js';
import { NS } from './terms.js';

type Obj = Record<string, unknown>;
type Path = (string | number)[];
const LITERAL_PROPS: Record<string, string> = { label: NS.rdfs + 'label', labels: NS.skos + 'altLabel', comment: NS.rdfs + 'comment' };

/**
 * Position of a JSON.parse error: from its message ("at position N" / "line L column C"), else
 * (V8 omits it for some errors) from the YAML parser's reading of the same text.
 */
function jsonErrorPosition(text: string, message: string): [number, number] {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return [Number(lc[1]), Number(lc[2])];
  const pos = /position (\d+)/.exec(message);
  if (!pos) {
    const yamlPos = parseDocument(text, { lineCounter: new LineCounter() }).errors[0]?.linePos?.[0];
    return yamlPos ? [yamlPos.line, yamlPos.col] : [1, 1];
  }
  const before = text.slice(0, Number(pos[1])).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

/** Parse a JSON (`json: true`) or YAML document into `staging`. */
export function parseJsonKb(text: string, staging: Staging, intern: (k: string) => number, file: string, json: boolean): void {
  if (json) {
    try {
      JSON.parse(text);
    } catch (e) {
      throw new KbLoadError(file, ...jsonErrorPosition(text, (e as Error).message), (e as Error).message.replace(/^.*?:\s*/, ''));
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = err.linePos?.[0] ?? { line: 0, col: 0 };
    throw new KbLoadError(file, pos.line, pos.col, err.message.split('\n')[0]);
  }
  const at = (path: Path, reason: string): KbLoadError => {
    const node = path.length ? doc.getIn(path, true) : doc.contents;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    const pos = range ? lineCounter.linePos(range[0]) : { line: 0, col: 0 };
    return new KbLoadError(file, pos.line, pos.col, reason);
  };
  new JsonReader(doc, staging, intern, file, at).read();
}

class JsonReader {
  #root: Obj;
  #names: NameResolver;
  #conf: number;

  constructor(doc: Document, private staging: Staging, private intern: (k: string) => number, private file: string, private at: (p: Path, r: string) => KbLoadError) {
    const root = doc.toJS() as unknown;
    if (!root || typeof root !== 'object' || Array.isArray(root)) throw at([], 'expected an object with facts, entities and/or rules');
    this.#root = root as Obj;
    const prefixes = (this.#root.prefixes ?? {}) as Record<string, string>;
    this.#names = new NameResolver(prefixes);
    Object.assign(staging.prefixes, prefixes);
    this.#conf = this.#confidence(this.#root.confidence, ['confidence'], 1);
  }

  read(): void {
    this.#guard(['facts'], () => this.#list(this.#root.facts, ['facts']).forEach((f, i) => this.#fact(f, ['facts', i])));
    const entities = (this.#root.entities ?? {}) as Obj;
    for (const [id, props] of Object.entries(entities)) this.#entity(id, props, ['entities', id]);
    this.#list(this.#root.rules, ['rules']).forEach((r, i) => this.#rule(r as Obj, ['rules', i], i));
  }

  #guard(path: Path, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      throw e instanceof KbLoadError ? e : this.at(path, (e as Error).message);
    }
  }

  #list(v: unknown, path: Path): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw this.at(path, 'expected a list');
    return v;
  }

  #confidence(v: unknown, path: Path, dflt: number): number {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw this.at(path, 'confidence must be a number within 0–1');
    return v;
  }

  #stage(s: string, p: string, o: string, conf: number): void {
    this.staging.push(this.intern(s), this.intern(p), this.intern(o), conf);
  }

  #fact(f: unknown, path: Path): void {
    this.#guard(path, () => {
      if (Array.isArray(f)) {
        if (f.length !== 3 && f.length !== 4) throw new Error('a fact is [subject, predicate, object] or [s, p, o, confidence]');
        const conf = this.#confidence(f[3], [...path, 3], this.#conf);
        return this.#stage(this.#names.value(f[0]), this.#names.value(f[1]), this.#names.value(f[2]), conf);
      }
      const o = f as Obj;
      if (!o || typeof o !== 'object' || !('s' in o && 'p' in o && 'o' in o)) throw new Error('a fact needs s, p and o');
      const conf = this.#confidence(o.confidence, [...path, 'confidence'], this.#conf);
      this.#stage(this.#names.value(o.s), this.#names.value(o.p), this.#names.value(o.o), conf);
    });
  }

  #entity(id: string, props: unknown, path: Path): void {
    if (!props || typeof props !== 'object' || Array.isArray(props)) throw this.at(path, 'an entity is an object of properties');
    const s = this.#guardKey(path, () => this.#names.key(id));
    for (const [pred, raw] of Object.entries(props as Obj)) {
      const values = Array.isArray(raw) ? raw : [raw];
      values.forEach((v, i) => this.#guard(Array.isArray(raw) ? [...path, pred, i] : [...path, pred], () => {
        const lit = LITERAL_PROPS[pred];
        const o = lit && typeof v === 'string' ? this.#names.literal(v) : this.#names.value(v);
        this.#stage(s, lit ?? this.#names.key(pred), o, this.#conf);
      }));
    }
  }

  #guardKey(path: Path, fn: () => string): string {
    let out = '';
    this.#guard(path, () => void (out = fn()));
    return out;
  }

  #rule(r: Obj, path: Path, i: number): void {
    if (!r || typeof r !== 'object') throw this.at(path, 'a rule is {if: [...], then: [...]}');
    const id = typeof r.id === 'string' ? r.id : `${this.file}#${i + 1}`;
    const conf = this.#confidence(r.confidence, [...path, 'confidence'], 1);
    this.#guard(path, () => {
      const pats = (v: unknown, key: string): ReturnType<NameResolver['pattern']>[][] =>
        this.#list(v, [...path, key]).map((t) => {
          if (!Array.isArray(t) || t.length !== 3) throw new Error(`each "${key}" pattern is [subject, predicate, object]`);
          return t.map((x) => this.#names.pattern(x));
        });
      const then = r.then === false ? false : pats(r.then, 'then');
      const kind = typeof r.kind === 'string' ? r.kind : undefined;
      this.staging.rules.push(compileRule({ id, premises: pats(r.if, 'if'), conclusions: then, confidence: conf, source: this.file, kind }, this.intern));
    });
  }
}
