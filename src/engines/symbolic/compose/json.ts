/**
 * response_format for the symbolic engine: `json_object` gives {answer, facts, confidence};
 * `json_schema` fills the schema's properties from the answer's results by name and is
 * validated before it is returned.
 */
import { Ajv } from 'ajv';
import type { Graph } from '../knowledge/graph.js';
import type { Answer } from '../answer/types.js';

/** The facts an answer rests on, as JSON. */
export function factsJson(graph: Graph, answer: Answer): Array<Record<string, unknown>> {
  return answer.facts.map((id) => {
    const f = graph.fact(id);
    return {
      subject: graph.label(graph.kb.facts.s[id]), predicate: graph.label(graph.kb.facts.p[id]), object: graph.label(graph.kb.facts.o[id]),
      source: f.source, confidence: f.confidence, ...(f.rule ? { rule: f.rule } : {}),
    };
  });
}

/** The `json_object` body. */
export function answerObject(graph: Graph, answer: Answer, text: string): Record<string, unknown> {
  return { answer: text, known: answer.status === 'answered', ...answer.data, facts: factsJson(graph, answer), confidence: round(answer.confidence) };
}

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; required?: string[]; enum?: unknown[] };

const ALIASES: Record<string, string[]> = {
  answer: ['answer', 'text', 'summary', 'response', 'result', 'content', 'message'],
  items: ['items', 'list', 'results', 'risks', 'vulnerabilities', 'entries', 'values'],
  facts: ['facts', 'evidence', 'proof', 'support'],
  confidence: ['confidence', 'score', 'certainty', 'probability'],
  subject: ['subject', 'entity', 'topic', 'name'],
  known: ['known', 'found', 'answered'],
  count: ['count', 'total', 'number'],
};

/** Fill a JSON schema's properties from the answer object; throws a message if it cannot validate. */
export function fillSchema(schema: Record<string, unknown>, source: Record<string, unknown>): unknown {
  const value = fill(schema as Schema, source, 'answer');
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  if (!validate(value)) {
    throw new Error(`the answer does not fit the requested schema: ${ajv.errorsText(validate.errors)}`);
  }
  return value;
}

function fill(schema: Schema, src: Record<string, unknown>, name: string): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const found = lookup(src, name);
  if (type === 'object' || schema.properties) {
    const base = found && typeof found === 'object' && !Array.isArray(found) ? (found as Record<string, unknown>) : src;
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      const v = fill(sub, base, key);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  if (schema.enum) return schema.enum.find((e) => String(e) === String(found)) ?? undefined;
  if (type === 'array') {
    const arr = Array.isArray(found) ? found : found === undefined ? [] : [found];
    return arr.map((x) => (schema.items ? coerce(schema.items, x) : x));
  }
  return found === undefined ? undefined : coerce(schema, found);
}

function coerce(schema: Schema, v: unknown): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string') return typeof v === 'object' && v ? String((v as Record<string, unknown>).label ?? JSON.stringify(v)) : String(v);
  if (type === 'number' || type === 'integer') return typeof v === 'number' ? v : Array.isArray(v) ? v.length : Number(v);
  if (type === 'boolean') return typeof v === 'boolean' ? v : Boolean(v);
  if (type === 'object' && v && typeof v === 'object') return fill(schema, v as Record<string, unknown>, '');
  return v;
}

function lookup(src: Record<string, unknown>, name: string): unknown {
  if (name in src) return src[name];
  const lower = name.toLowerCase();
  for (const [canonical, names] of Object.entries(ALIASES)) {
    if (names.includes(lower) && canonical in src) return src[canonical];
  }
  return undefined;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
