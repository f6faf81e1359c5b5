/**
 * Validate response bodies and stream chunks against the official OpenAI OpenAPI description
 * (../shared/spec/openai-openapi.json beside the repo). `nullable: true` (OpenAPI 3.0 style,
 * still used in the 3.1 document) is rewritten into a `null` type before compiling with ajv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { ROOT } from '../../src/core/paths.js';

/** The schemas the tests check. */
export type SpecSchema =
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'CreateCompletionResponse'
  | 'CreateEmbeddingResponse'
  | 'ListModelsResponse'
  | 'Model'
  | 'ErrorResponse'
  /**
   * A streamed text-completion chunk: CreateCompletionResponse with `finish_reason` nullable.
   * The spec says both share one shape, but the OpenAI API itself (and every compatible server)
   * sends `finish_reason: null` on chunks before the last; this is the only deviation.
   */
  | 'CreateCompletionStreamChunk';

/** Where the spec lives: ../shared/spec relative to the repository root. */
export const SPEC_PATH = join(ROOT, '..', 'shared', 'spec', 'openai-openapi.json');

function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = rewriteNullable(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...new Set([...(out.type as string[]), 'null'])];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

function completionChunkSchema(response: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(response) as { properties: { choices: { items: { properties: Record<string, { type: unknown; enum: unknown[] }> } } } };
  const finish = copy.properties.choices.items.properties.finish_reason!;
  finish.type = ['string', 'null'];
  finish.enum = [...finish.enum, null];
  return copy;
}

let ajv: InstanceType<typeof Ajv2020> | undefined;
const compiled = new Map<SpecSchema, ValidateFunction>();

function validator(name: SpecSchema): ValidateFunction {
  let fn = compiled.get(name);
  if (fn) return fn;
  if (!ajv) {
    const spec = rewriteNullable(JSON.parse(readFileSync(SPEC_PATH, 'utf8'))) as Record<string, unknown>;
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    for (const f of ['unixtime', 'int64', 'int32']) ajv.addFormat(f, { type: 'number', validate: () => true });
    for (const f of ['double', 'float']) ajv.addFormat(f, { type: 'number', validate: () => true });
    ajv.addFormat('binary', true);
    ajv.addFormat('uri', true);
    const components = spec.components as { schemas: Record<string, Record<string, unknown>> };
    components.schemas.CreateCompletionStreamChunk = completionChunkSchema(components.schemas.CreateCompletionResponse!);
    ajv.addSchema({ $id: 'openai', components });
  }
  fn = ajv.getSchema(`openai#/components/schemas/${name}`);
  if (!fn) throw new Error(`schema ${name} not found in ${SPEC_PATH}`);
  compiled.set(name, fn);
  return fn;
}

/** Assert `body` matches the named schema of the OpenAI spec. */
export function assertSpec(name: SpecSchema, body: unknown): void {
  const fn = validator(name);
  if (fn(body)) return;
  assert.fail(`${name} violated:\n${JSON.stringify(fn.errors?.slice(0, 5), null, 2)}\nbody: ${JSON.stringify(body).slice(0, 1500)}`);
}
