/**
 * Small hand-written validators for request bodies. Each throws a 400 PsrError whose `param`
 * names the field (`messages[0].role`), as the OpenAI API does. Hand-written rather than a
 * schema engine because they run on every request and their messages must name paths exactly.
 */
import { psrError } from '../../core/errors.js';

/** A JSON object as parsed from a request. */
export type Obj = Record<string, unknown>;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Throw invalid_type for `param`. */
export function wrongType(param: string, expected: string, v: unknown): never {
  throw psrError('invalid_type', `Invalid type for '${param}': expected ${expected}, but got ${typeName(v)}.`, { param });
}

/** Throw invalid_value for `param`. */
export function badValue(param: string, why: string): never {
  throw psrError('invalid_value', `Invalid value for '${param}': ${why}`, { param });
}

/** True for a plain JSON object. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as an object, or a type error. */
export function obj(v: unknown, param: string): Obj {
  if (!isObj(v)) wrongType(param, 'an object', v);
  return v;
}

/** A required field: missing or null is missing_required_parameter. */
export function required(body: Obj, key: string, param = key): unknown {
  const v = body[key];
  if (v === undefined || v === null) throw psrError('missing_required_parameter', `Missing required parameter: '${param}'.`, { param });
  return v;
}

/** An optional string (null counts as absent). */
export function optString(v: unknown, param: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') wrongType(param, 'a string', v);
  return v;
}

/** An optional boolean (null counts as absent). */
export function optBool(v: unknown, param: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') wrongType(param, 'a boolean', v);
  return v;
}

/** An optional number within [min, max] (null counts as absent); `int` requires an integer. */
export function optNumber(v: unknown, param: string, min: number, max: number, int = false): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) wrongType(param, int ? 'an integer' : 'a number', v);
  if (int && !Number.isInteger(v)) wrongType(param, 'an integer', v);
  if (v < min) badValue(param, `${v} is less than the minimum of ${min}.`);
  if (v > max) badValue(param, `${v} is greater than the maximum of ${max}.`);
  return v;
}

/** An optional value from a fixed set (null counts as absent). */
export function optEnum<T extends string>(v: unknown, param: string, allowed: readonly T[]): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') wrongType(param, 'a string', v);
  if (!(allowed as readonly string[]).includes(v)) badValue(param, `'${v}' is not one of ${allowed.map((a) => `'${a}'`).join(', ')}.`);
  return v as T;
}

/** An array, or a type error; `min`/`max` bound its length. */
export function arr(v: unknown, param: string, min = 0, max = Infinity): unknown[] {
  if (!Array.isArray(v)) wrongType(param, 'an array', v);
  if (v.length < min) badValue(param, min === 1 ? 'expected a non-empty array.' : `expected at least ${min} items.`);
  if (v.length > max) badValue(param, `expected at most ${max} items, got ${v.length}.`);
  return v;
}

/** `stop`: a string or up to 4 strings; empty strings are dropped. */
export function stopList(v: unknown, param = 'stop'): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v ? [v] : [];
  const list = arr(v, param, 0, 4);
  return list.map((s, i) => (typeof s === 'string' ? s : wrongType(`${param}[${i}]`, 'a string', s))).filter((s) => s.length > 0);
}

/** `logit_bias`: token id → bias in [-100, 100]. */
export function logitBias(v: unknown, param = 'logit_bias'): Record<string, number> | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, param);
  for (const [k, b] of Object.entries(o)) {
    if (!/^\d+$/.test(k)) badValue(`${param}.${k}`, 'keys must be token ids.');
    optNumber(b, `${param}.${k}`, -100, 100);
  }
  return o as Record<string, number>;
}

/** Copy the fields of `body` that are not in `known`: forwarded to upstreams as-is. */
export function extraFields(body: Obj, known: ReadonlySet<string>): Obj {
  const extra: Obj = {};
  for (const k in body) if (!known.has(k)) extra[k] = body[k];
  return extra;
}
