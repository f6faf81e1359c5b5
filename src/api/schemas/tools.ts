/** Validation of `tools`/`tool_choice` and the legacy `functions`/`function_call`, normalized to tools. */
import type { ToolChoice, ToolDefinition } from '../../core/types.js';
import { arr, badValue, isObj, obj, optBool, optString, required, wrongType, type Obj } from './check.js';

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function fnDef(raw: unknown, param: string): ToolDefinition['function'] {
  const fn = obj(raw, param);
  const name = required(fn, 'name', `${param}.name`);
  if (typeof name !== 'string') return wrongType(`${param}.name`, 'a string', name);
  if (!NAME.test(name)) badValue(`${param}.name`, 'must be a-z, A-Z, 0-9, underscores and dashes, at most 64 characters.');
  const description = optString(fn.description, `${param}.description`);
  if (fn.parameters !== undefined && fn.parameters !== null) obj(fn.parameters, `${param}.parameters`);
  const strict = optBool(fn.strict, `${param}.strict`);
  const out: ToolDefinition['function'] = { name };
  if (description !== undefined) out.description = description;
  if (isObj(fn.parameters)) out.parameters = fn.parameters;
  if (strict !== undefined) out.strict = strict;
  return out;
}

function choice(v: unknown, param: string, named: (o: Obj) => unknown): ToolChoice | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    if (v === 'auto' || v === 'none' || v === 'required') return v;
    return badValue(param, `'${v}' is not one of 'auto', 'none', 'required' or a named tool.`);
  }
  const o = obj(v, param);
  const name = named(o);
  if (typeof name !== 'string') return wrongType(`${param}.function.name`, 'a string', name);
  return { type: 'function', function: { name } };
}

/** The tool fields of a chat request, with legacy functions folded in. */
export interface ParsedTools {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  legacyFunctions?: boolean;
}

/** Validate tools, tool_choice, parallel_tool_calls, functions and function_call. */
export function parseTools(body: Obj): ParsedTools {
  const out: ParsedTools = {};
  if (body.tools !== undefined && body.tools !== null) {
    out.tools = arr(body.tools, 'tools', 0, 128).map((t, i) => {
      const tool = obj(t, `tools[${i}]`);
      if (tool.type !== 'function') badValue(`tools[${i}].type`, "only 'function' tools are supported.");
      return { type: 'function', function: fnDef(required(tool, 'function', `tools[${i}].function`), `tools[${i}].function`) };
    });
  }
  out.toolChoice = choice(body.tool_choice, 'tool_choice', (o) => (isObj(o.function) ? o.function.name : undefined));
  out.parallelToolCalls = optBool(body.parallel_tool_calls, 'parallel_tool_calls');
  if (body.functions !== undefined && body.functions !== null) {
    if (out.tools) badValue('functions', "use either 'tools' or the legacy 'functions', not both.");
    out.tools = arr(body.functions, 'functions', 1, 128).map((f, i) => ({ type: 'function', function: fnDef(f, `functions[${i}]`) }));
    out.legacyFunctions = true;
  }
  const fc = choice(body.function_call, 'function_call', (o) => o.name);
  if (fc !== undefined) {
    if (fc === 'required') badValue('function_call', "'required' is not valid for function_call.");
    out.toolChoice = fc;
  }
  return out;
}
