/** Name lookup: labels and IRI local names, normalized so "Grey-Wolf", "grey wolf" and "GREY_WOLF" meet. */
import { isBlankKey, isLiteralKey, literalValue } from './terms.js';

/** Lowercase, accents stripped, punctuation and underscores as single spaces, trimmed. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The local part of an IRI: after the last '#', '/' or ':'. */
export function localName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'), iri.lastIndexOf(':'));
  return iri.slice(cut + 1);
}

/** Normalized name → term ids, for labels (explicit) and IRI local names (fallback). */
export class LabelIndex {
  #labels = new Map<string, number[]>();
  #locals = new Map<string, number[]>();
  #localsUpTo = 0;

  /** Index `label` (a literal key or plain string) as a name of `term`. */
  addLabel(term: number, label: string): void {
    const key = normalizeName(isLiteralKey(label) ? literalValue(label) : label);
    if (!key) return;
    const list = this.#labels.get(key);
    if (list === undefined) this.#labels.set(key, [term]);
    else if (!list.includes(term)) list.push(term);
  }

  /** Terms whose label (or, failing that, IRI local name) matches `name` after normalization. */
  lookup(name: string, keyOf: (id: number) => string, termCount: number): number[] {
    const key = normalizeName(name);
    const hit = this.#labels.get(key);
    if (hit) return [...hit];
    this.#indexLocals(keyOf, termCount);
    return [...(this.#locals.get(key) ?? [])];
  }

  /** Local names are indexed lazily, on the first lookup that needs them, then incrementally. */
  #indexLocals(keyOf: (id: number) => string, termCount: number): void {
    if (this.#localsUpTo > termCount) this.#localsUpTo = 0; // terms were rolled back
    for (let id = this.#localsUpTo; id < termCount; id++) {
      const k = keyOf(id);
      if (isLiteralKey(k) || isBlankKey(k)) continue;
      const name = normalizeName(localName(k));
      if (!name) continue;
      const list = this.#locals.get(name);
      if (list === undefined) this.#locals.set(name, [id]);
      else list.push(id);
    }
    this.#localsUpTo = termCount;
  }
}
