/**
 * Validation of the function-calling request fields — `tools`, `tool_choice`,
 * `parallel_tool_calls`, and the legacy `functions` / `function_call` — into the normalized
 * GenerateRequest fields. Every error is a 400 PsrError whose `param` names the exact field,
 * e.g. `tools[0].function.name`.
 */
import { psrError } from '../core/errors.js';
import type { ToolChoice, ToolDefinition } from '../core/types.js';
import { compileToolSchema } from './tool-schema.js';

/** The normalized tool fields of a GenerateRequest. */
export interface ToolFields {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  /** The client used `functions`: answer with `message.function_call`, finish `function_call`. */
  legacyFunctions: boolean;
}

/** The request fields this module reads (snake_case, as clients send them). */
export interface ToolRequestFields {
  tools?: unknown;
  tool_choice?: unknown;
  parallel_tool_calls?: unknown;
  functions?: unknown;
  function_call?: unknown;
}

/** Function names OpenAI accepts. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function wrongType(param: string, expected: string, v: unknown): never {
  throw psrError('invalid_type', `Invalid type for '${param}': expected ${expected}, but got ${typeName(v)}.`, { param });
}

/**
 * Validate and normalize the tool fields of a chat request; throws PsrError (400) naming the field.
 * @example const f = validateToolFields(body); req.tools = f.tools; req.toolChoice = f.toolChoice;
 */
export function validateToolFields(body: ToolRequestFields): ToolFields {
  if (body.parallel_tool_calls !== undefined && body.parallel_tool_calls !== null && typeof body.parallel_tool_calls !== 'boolean') {
    wrongType('parallel_tool_calls', 'a boolean', body.parallel_tool_calls);
  }
  const parallelToolCalls = typeof body.parallel_tool_calls === 'boolean' ? body.parallel_tool_calls : undefined;
  const hasTools = body.tools !== undefined && body.tools !== null;
  const hasFunctions = body.functions !== undefined && body.functions !== null;
  if (hasTools && hasFunctions) {
    throw psrError('invalid_request', "Use either 'tools' or the deprecated 'functions', not both.", { param: 'functions' });
  }
  if (hasFunctions || (body.function_call !== undefined && body.function_call !== null)) {
    if (body.tool_choice !== undefined && body.tool_choice !== null) {
      throw psrError('invalid_request', "Use either 'tool_choice' or the deprecated 'function_call', not both.", { param: 'function_call' });
    }
    const tools = hasFunctions ? definitions(body.functions, 'functions', true) : undefined;
    const toolChoice = choice(body.function_call, 'function_call', tools, true);
    return { tools, toolChoice, parallelToolCalls, legacyFunctions: true };
  }
  const tools = hasTools ? definitions(body.tools, 'tools', false) : undefined;
  return { tools, toolChoice: choice(body.tool_choice, 'tool_choice', tools, false), parallelToolCalls, legacyFunctions: false };
}

/** Check a list of tools (or legacy functions) and return them as ToolDefinitions. */
function definitions(list: unknown, field: 'tools' | 'functions', legacy: boolean): ToolDefinition[] {
  if (!Array.isArray(list)) wrongType(field, 'an array', list);
  if (list.length === 0) throw psrError('invalid_value', `Invalid '${field}': empty array. Expected an array with at least one item.`, { param: field });
  if (list.length > 128) throw psrError('invalid_value', `Invalid '${field}': at most 128 tools are allowed, got ${list.length}.`, { param: field });
  const seen = new Set<string>();
  return list.map((item, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(item)) wrongType(at, 'an object', item);
    const fn = legacy ? item : toolFunction(item, at);
    const prefix = legacy ? at : `${at}.function`;
    const def = functionDefinition(fn, prefix);
    if (seen.has(def.function.name)) {
      throw psrError('invalid_value', `Invalid '${prefix}.name': duplicate function name '${def.function.name}'.`, { param: `${prefix}.name` });
    }
    seen.add(def.function.name);
    return def;
  });
}

function toolFunction(item: Record<string, unknown>, at: string): Record<string, unknown> {
  if (item.type === undefined) throw psrError('missing_required_parameter', `Missing required parameter: '${at}.type'.`, { param: `${at}.type` });
  if (item.type !== 'function') {
    throw psrError('invalid_value', `Invalid value for '${at}.type': ${JSON.stringify(item.type)}. Supported values are: 'function'.`, { param: `${at}.type` });
  }
  if (item.function === undefined) throw psrError('missing_required_parameter', `Missing required parameter: '${at}.function'.`, { param: `${at}.function` });
  if (!isRecord(item.function)) wrongType(`${at}.function`, 'an object', item.function);
  return item.function;
}

function functionDefinition(fn: Record<string, unknown>, prefix: string): ToolDefinition {
  const { name, description, parameters, strict } = fn;
  if (name === undefined) throw psrError('missing_required_parameter', `Missing required parameter: '${prefix}.name'.`, { param: `${prefix}.name` });
  if (typeof name !== 'string') wrongType(`${prefix}.name`, 'a string', name);
  if (!TOOL_NAME_PATTERN.test(name)) {
    throw psrError('invalid_value', `Invalid '${prefix}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`, { param: `${prefix}.name` });
  }
  if (description !== undefined && typeof description !== 'string') wrongType(`${prefix}.description`, 'a string', description);
  if (strict !== undefined && strict !== null && typeof strict !== 'boolean') wrongType(`${prefix}.strict`, 'a boolean', strict);
  const out: ToolDefinition = { type: 'function', function: { name } };
  if (description !== undefined) out.function.description = description;
  if (typeof strict === 'boolean') out.function.strict = strict;
  if (parameters !== undefined) out.function.parameters = checkParameters(parameters, `${prefix}.parameters`, name);
  return out;
}

function checkParameters(parameters: unknown, param: string, name: string): Record<string, unknown> {
  if (!isRecord(parameters)) wrongType(param, 'an object (a JSON Schema)', parameters);
  if (parameters.type !== undefined && parameters.type !== 'object') {
    throw psrError('invalid_value', `Invalid '${param}': schema for function '${name}' must be a JSON Schema of 'type: "object"', got 'type: ${JSON.stringify(parameters.type)}'.`, { param });
  }
  try {
    compileToolSchema(parameters);
  } catch (err) {
    throw psrError('invalid_value', `Invalid '${param}': not a valid JSON Schema for function '${name}': ${(err as Error).message}`, { param });
  }
  return parameters;
}

/** Check `tool_choice` (or legacy `function_call`) against the offered tools. */
function choice(value: unknown, field: 'tool_choice' | 'function_call', tools: ToolDefinition[] | undefined, legacy: boolean): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  const list = legacy ? "'none', 'auto' or {\"name\": …}" : "'none', 'auto', 'required' or {\"type\": \"function\", \"function\": {\"name\": …}}";
  if (typeof value === 'string') {
    const ok = legacy ? ['none', 'auto'] : ['none', 'auto', 'required'];
    if (!ok.includes(value)) throw psrError('invalid_value', `Invalid value for '${field}': '${value}'. Expected ${list}.`, { param: field });
    if (value === 'required' && !tools) throw psrError('invalid_value', `Invalid value for '${field}': 'required' is only allowed when 'tools' are specified.`, { param: field });
    return value as ToolChoice;
  }
  if (!isRecord(value)) wrongType(field, list, value);
  const name = legacy ? value.name : namedFunction(value, field);
  const nameParam = legacy ? `${field}.name` : `${field}.function.name`;
  if (name === undefined) throw psrError('missing_required_parameter', `Missing required parameter: '${nameParam}'.`, { param: nameParam });
  if (typeof name !== 'string') wrongType(nameParam, 'a string', name);
  if (!tools) throw psrError('invalid_value', `Invalid value for '${field}': naming a function is only allowed when '${legacy ? 'functions' : 'tools'}' are specified.`, { param: field });
  if (!tools.some((t) => t.function.name === name)) {
    throw psrError('invalid_value', `Invalid value for '${field}': function '${name}' is not in '${legacy ? 'functions' : 'tools'}'.`, { param: nameParam });
  }
  return { type: 'function', function: { name } };
}

function namedFunction(value: Record<string, unknown>, field: string): unknown {
  if (value.type !== 'function') {
    throw psrError('invalid_value', `Invalid value for '${field}.type': ${JSON.stringify(value.type)}. Supported values are: 'function'.`, { param: `${field}.type` });
  }
  if (!isRecord(value.function)) {
    if (value.function === undefined) throw psrError('missing_required_parameter', `Missing required parameter: '${field}.function'.`, { param: `${field}.function` });
    wrongType(`${field}.function`, 'an object', value.function);
  }
  return value.function.name;
}
