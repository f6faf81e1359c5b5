/**
 * What kind of value a parameter wants, read from its JSON schema and its words: an enum, a
 * boolean, a date, a number, a place, a person, free text… and whether it is the origin or the
 * destination of a pair ("from_currency" / "to_currency", "origin" / "destination").
 */
import { parameterWords } from './request-context.js';

/** The kinds of value fillArguments knows how to find. */
export type ParamKind = 'enum' | 'enum_array' | 'boolean' | 'date' | 'datetime' | 'time' | 'email' | 'url' | 'currency' | 'language' | 'number' | 'location' | 'person' | 'query' | 'message' | 'title' | 'object' | 'other';

/** A parameter as the extractors see it. */
export interface ParamInfo {
  name: string;
  schema: Record<string, unknown>;
  kind: ParamKind;
  role: 'origin' | 'destination' | null;
  nameWords: string[];
  descWords: string[];
}

const has = (words: readonly string[], ...want: string[]) => words.some((w) => want.includes(w));
const ORIGIN = ['from', 'origin', 'source', 'departure', 'start', 'base', 'begin', 'src', 'in', 'check', 'checkin'];
const DESTINATION = ['to', 'destination', 'target', 'arrival', 'end', 'dest', 'quote', 'until', 'out', 'checkout', 'return', 'into'];

/** The JSON type a schema declares (the first non-null one of a list). */
export function schemaType(schema: Record<string, unknown>): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return typeof t === 'string' ? t : undefined;
}

/** Classify one parameter. */
export function classify(name: string, schema: Record<string, unknown>): ParamInfo {
  const { nameWords, descWords } = parameterWords(name, schema);
  const info = { name, schema, nameWords, descWords, role: role(nameWords) };
  return { ...info, kind: kindOf(schema, nameWords, descWords) };
}

function role(words: string[]): ParamInfo['role'] {
  if (words.length > 1 || ['from', 'to', 'origin', 'destination', 'source', 'target'].includes(words[0])) {
    if (has(words, 'checkout') || (has(words, 'check') && has(words, 'out'))) return 'destination';
    if (has(words, ...DESTINATION)) return 'destination';
    if (has(words, ...ORIGIN)) return 'origin';
  }
  return null;
}

function kindOf(schema: Record<string, unknown>, n: string[], d: string[]): ParamKind {
  const type = schemaType(schema);
  const format = typeof schema.format === 'string' ? schema.format : '';
  const items = (schema.items ?? {}) as Record<string, unknown>;
  if (Array.isArray(schema.enum)) return 'enum';
  if (type === 'array' && Array.isArray(items.enum)) return 'enum_array';
  if (type === 'boolean') return 'boolean';
  if (type === 'object') return 'object';
  if (type === 'number' || type === 'integer') return 'number';
  if (format === 'date' || has(n, 'date', 'day', 'when', 'deadline', 'due', 'checkin', 'checkout')) return format === 'date-time' ? 'datetime' : 'date';
  if (format === 'date-time' || has(n, 'datetime')) return 'datetime';
  if (format === 'time' || (has(n, 'time', 'hour') && !has(n, 'zone', 'timezone'))) return 'time';
  if (format === 'email' || has(n, 'email', 'mail')) return 'email';
  if (format === 'uri' || format === 'url' || has(n, 'url', 'link', 'website', 'uri')) return 'url';
  if (has(n, 'currency') || (has(n, 'code') && has(d, 'currency'))) return 'currency';
  if (has(n, 'language', 'lang', 'locale')) return 'language';
  if (has(n, 'location', 'city', 'place', 'address', 'destination', 'origin', 'country', 'region', 'town', 'venue', 'where', 'airport', 'state')) return 'location';
  if (n.length === 1 && (n[0] === 'from' || n[0] === 'to') && !has(d, 'email', 'person', 'recipient')) return 'location';
  if (has(n, 'name', 'person', 'recipient', 'contact', 'user', 'who', 'attendee', 'username', 'author', 'to', 'assignee')) return 'person';
  if (has(n, 'query', 'q', 'search', 'keyword', 'keywords', 'term', 'terms', 'topic', 'question', 'prompt', 'input', 'expression')) return 'query';
  if (has(n, 'message', 'body', 'content', 'text', 'note', 'description', 'reason')) return 'message';
  if (has(n, 'subject', 'title', 'label', 'summary')) return 'title';
  return 'other';
}
