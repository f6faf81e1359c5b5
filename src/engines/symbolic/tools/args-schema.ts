/**
 * Checks arguments psr produced against the tool's JSON schema (ajv, formats as annotations),
 * so the symbolic engine never sends a call its own schema rejects.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, logger: false });
const cache = new Map<string, ValidateFunction | null>();

function compiled(schema: Record<string, unknown>): ValidateFunction | null {
  const key = JSON.stringify(schema);
  if (!cache.has(key)) {
    let fn: ValidateFunction | null = null;
    try {
      fn = ajv.compile(schema);
    } catch {
      fn = null; // an invalid schema is the request validator's business; nothing to check here
    }
    if (cache.size > 256) cache.clear();
    cache.set(key, fn);
  }
  return cache.get(key)!;
}

/** The schema errors for `args` (empty when valid or when the schema cannot be compiled). */
export function argumentErrors(schema: Record<string, unknown> | undefined, args: unknown): ErrorObject[] {
  if (!schema) return [];
  const validate = compiled(schema);
  if (!validate || validate(args)) return [];
  return validate.errors ?? [];
}
