/**
 * The question the engine asks when a tool fits but a required value is not in the request,
 * built from the parameters' own descriptions and enum values.
 */
import type { ToolDefinition } from '../../../core/types.js';
import { humanize } from './text.js';

function paramSchema(tool: ToolDefinition, path: string): Record<string, unknown> {
  let schema: Record<string, unknown> = tool.function.parameters ?? {};
  for (const key of path.split('.')) schema = ((schema.properties ?? {}) as Record<string, Record<string, unknown>>)[key] ?? {};
  return schema;
}

function describe(tool: ToolDefinition, path: string): string {
  const schema = paramSchema(tool, path);
  const name = humanize(path.split('.').at(-1) ?? path);
  const desc = typeof schema.description === 'string' ? ` (${schema.description.replace(/[.\s]+$/, '')})` : '';
  const choices = Array.isArray(schema.enum) ? ` — one of ${schema.enum.map(String).join(', ')}` : '';
  return `the ${name}${desc}${choices}`;
}

/**
 * "To get weather I need the location (City name). What location should I use?"
 * @example missingArgumentsQuestion(tool, fillArguments(text, tool.function.parameters).missing)
 */
export function missingArgumentsQuestion(tool: ToolDefinition, missing: readonly string[]): string {
  const parts = missing.map((m) => describe(tool, m));
  const list = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  const ask = missing.length === 1 ? `What ${humanize(missing[0].split('.').at(-1)!)} should I use?` : 'What should I use for these?';
  return `To ${humanize(tool.function.name)} I need ${list}. ${ask}`;
}
