/** Validation of `tools`/`tool_choice` and the legacy `functions`/`function_call`, normalized to tools. */
import type { ToolChoice, ToolDefinition } from '../../core/types.js';
import { validateToolFields } from '../../tools/validate-tools.js';
import type { Obj } from './check.js';

/** The tool fields of a chat request, with legacy functions folded in. */
export interface ParsedTools {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  legacyFunctions?: boolean;
}

/**
 * Validate tools, tool_choice, parallel_tool_calls, functions and function_call (one validator,
 * shared with the tool loop): each error is a 400 naming the exact field, e.g. `tools[0].function.name`.
 */
export function parseTools(body: Obj): ParsedTools {
  const f = validateToolFields(body);
  const out: ParsedTools = {};
  if (f.tools) out.tools = f.tools;
  if (f.toolChoice !== undefined) out.toolChoice = f.toolChoice;
  if (f.parallelToolCalls !== undefined) out.parallelToolCalls = f.parallelToolCalls;
  if (f.legacyFunctions) out.legacyFunctions = true;
  return out;
}
