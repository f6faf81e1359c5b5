/**
 * Tools an application registers for the tool loop: a name, what the model is told about it
 * (description, JSON-Schema parameters) and the function that runs it.
 */
import type { ToolDefinition } from '../core/types.js';
import { validateToolFields } from './validate-tools.js';

/** One runnable tool. `run` receives the parsed (and schema-checked) arguments. */
export interface RunnableTool<Args = Record<string, unknown>> {
  description?: string;
  parameters?: Record<string, unknown>;
  run(args: Args, ctx: ToolRunContext): unknown;
}

/** What a tool learns about the call that invoked it. */
export interface ToolRunContext {
  name: string;
  toolCallId: string;
  signal?: AbortSignal;
}

/** Tools by name. */
export type ToolSet = Record<string, RunnableTool<never>>;

/**
 * The OpenAI `tools` list for a tool set; throws a PsrError naming the field (`tools[1].function.name`)
 * when a name or schema is invalid, so a bad tool fails before any request is sent.
 */
export function toolDefinitions(tools: ToolSet): ToolDefinition[] {
  const defs: ToolDefinition[] = Object.entries(tools).map(([name, t]) => ({
    type: 'function',
    function: {
      name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      parameters: t.parameters ?? { type: 'object', properties: {} },
    },
  }));
  return defs.length ? validateToolFields({ tools: defs }).tools! : [];
}
