/**
 * Loads the tools for `psr chat --tools <module>` (and for scripts) from a JS or TS module.
 * Accepted shapes, checked in this order:
 *   export default { get_weather: { description, parameters, run } }      // name → tool
 *   export default [ { name, description, parameters, run } ]              // a list
 *   export default [ { type: 'function', function: { name, … }, run } ]    // OpenAI tool + run
 *   export const tools = <either of the above>
 *   export const get_weather = { description, parameters, run }            // named exports
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PsrError } from '../core/errors.js';
import { toolDefinitions, type RunnableTool, type ToolSet } from './tool-set.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTool = (v: unknown): v is RunnableTool => isRecord(v) && typeof v.run === 'function';

/**
 * Import `path` (relative to `cwd`) and return its tools, checked like request tools.
 * TypeScript modules are loaded through tsx, so `psr chat --tools ./tools.ts` works from dist too.
 */
export async function loadToolsModule(path: string, cwd = process.cwd()): Promise<ToolSet> {
  const file = resolve(cwd, path);
  if (!existsSync(file)) throw new Error(`tools module not found: ${file}`);
  const url = pathToFileURL(file).href;
  const mod = (/\.[mc]?ts$/.test(file) ? await importTs(url) : await import(url)) as Record<string, unknown>;
  const tools = toolsFromModule(mod, file);
  try {
    toolDefinitions(tools);
  } catch (err) {
    if (!(err instanceof PsrError)) throw err;
    const index = /\[(\d+)\]/.exec(err.param ?? '')?.[1];
    const name = index === undefined ? '?' : Object.keys(tools)[Number(index)];
    throw new Error(`${file}: tool '${name}': ${err.message}`);
  }
  return tools;
}

async function importTs(url: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(url, import.meta.url);
}

/** Find the tools in a loaded module's exports. */
export function toolsFromModule(mod: Record<string, unknown>, where = 'module'): ToolSet {
  const picked = mod.default ?? mod.tools;
  if (picked !== undefined) return fromValue(picked, where);
  const named = Object.entries(mod).filter(([, v]) => isTool(v));
  if (named.length === 0) throw new Error(`${where}: exports no tools (expected a default export, \`tools\`, or named tool objects with a run function)`);
  return Object.fromEntries(named) as ToolSet;
}

function fromValue(value: unknown, where: string): ToolSet {
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, i) => listEntry(item, `${where}: tools[${i}]`)));
  if (!isRecord(value)) throw new Error(`${where}: the tools export must be an object (name → tool) or an array`);
  for (const [name, tool] of Object.entries(value)) {
    if (!isTool(tool)) throw new Error(`${where}: tool '${name}' has no run function`);
  }
  return value as ToolSet;
}

function listEntry(item: unknown, where: string): [string, RunnableTool] {
  if (!isTool(item)) throw new Error(`${where} has no run function`);
  const raw = item as unknown as Record<string, unknown>;
  const fn = isRecord(raw.function) ? raw.function : raw;
  if (typeof fn.name !== 'string') throw new Error(`${where} has no name`);
  const tool: RunnableTool = { run: item.run.bind(item) };
  if (typeof fn.description === 'string') tool.description = fn.description;
  if (isRecord(fn.parameters)) tool.parameters = fn.parameters;
  return [fn.name, tool];
}
