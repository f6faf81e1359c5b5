/**
 * JSON Schemas of tool parameters: checked once when a request offers them, compiled (and
 * cached) to validate arguments. Formats are not enforced: `format: "date"` etc. are accepted
 * as annotations, since psr ships no format plugins at run time.
 */
import AjvModule, { type ValidateFunction } from 'ajv';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, logger: false });
const cache = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 512;

/** Compile a parameters schema; throws an Error with ajv's message when it is not a valid schema. */
export function compileToolSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) return hit;
  if (!ajv.validateSchema(schema)) throw new Error(ajv.errorsText(ajv.errors, { dataVar: 'schema' }));
  const validate = ajv.compile(schema);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, validate);
  return validate;
}

/** Validate `args` against a parameters schema: null when valid, else a readable message. */
export function checkArguments(schema: Record<string, unknown> | undefined, args: unknown): string | null {
  if (!schema) return null;
  const validate = compileToolSchema(schema);
  return validate(args) ? null : ajv.errorsText(validate.errors, { dataVar: 'arguments' });
}
