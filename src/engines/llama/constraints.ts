/**
 * Output constraints enforced by grammar: `response_format` json_object / json_schema, and
 * forced tool calls (`tool_choice: 'required'` or a named function) as a JSON object
 * `{"name": …, "arguments": {…}}` whose arguments follow the tool's parameter schema.
 */
import type { GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp';
import { psrError } from '../../core/errors.js';
import type { GenerateRequest, ToolDefinition } from '../../core/types.js';

/** How the output is constrained: plain text, JSON by grammar, or a forced tool call. */
export type Constraint =
  | { kind: 'none' }
  | { kind: 'json'; grammar: LlamaGrammar }
  | { kind: 'tool_call'; grammar: LlamaGrammar };

/** Build the grammar a request needs, or a 400 when its schema is outside what GBNF can express. */
export async function constraintFor(req: GenerateRequest, llama: Llama): Promise<Constraint> {
  const forced = forcedTools(req);
  if (forced) return { kind: 'tool_call', grammar: await schemaGrammar(llama, toolCallSchema(forced), 'tools') };
  const rf = req.responseFormat;
  if (!rf || rf.type === 'text') return { kind: 'none' };
  if (rf.type === 'json_object') return { kind: 'json', grammar: await llama.getGrammarFor('json') };
  return { kind: 'json', grammar: await schemaGrammar(llama, rf.schema, 'response_format') };
}

function forcedTools(req: GenerateRequest): ToolDefinition[] | undefined {
  const tools = req.tools ?? [];
  const choice = req.toolChoice;
  if (!tools.length || choice === undefined || choice === 'auto' || choice === 'none') return undefined;
  if (choice === 'required') return tools;
  const named = tools.filter((t) => t.function.name === choice.function.name);
  if (!named.length) throw psrError('invalid_value', `tool_choice names '${choice.function.name}', which is not in tools`, { param: 'tool_choice' });
  return named;
}

function toolCallSchema(tools: ToolDefinition[]): Record<string, unknown> {
  const variants = tools.map((t) => ({
    type: 'object',
    properties: {
      name: { const: t.function.name },
      arguments: t.function.parameters ?? { type: 'object', properties: {} },
    },
    required: ['name', 'arguments'],
    additionalProperties: false,
  }));
  return variants.length === 1 ? variants[0] : { oneOf: variants };
}

async function schemaGrammar(llama: Llama, schema: Record<string, unknown>, param: string): Promise<LlamaGrammar> {
  try {
    return await llama.createGrammarForJsonSchema(schema as GbnfJsonSchema as never);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw psrError('invalid_value', `The JSON schema cannot be enforced by the llama engine's grammar: ${why}`, { param });
  }
}
