/**
 * Runs one tool call for the tool loop. Nothing a model asks for can crash the loop: an
 * unregistered tool, arguments that are not JSON or do not match the schema, and a tool that
 * throws all become a `{"ok":false,"error":…}` result the model can read and react to.
 */
import type { ToolCall } from '../core/types.js';
import { checkArguments } from './tool-schema.js';
import type { RunnableTool, ToolSet } from './tool-set.js';

/** The outcome of one call: `content` is the JSON text sent back in the `tool` message. */
export interface ToolOutcome {
  ok: boolean;
  content: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function failure(error: string): ToolOutcome {
  return { ok: false, content: JSON.stringify({ ok: false, error }) };
}

/** Serialize a tool's result: an object as itself, anything else as `{"ok":true,"content":…}`. */
export function serializeToolResult(result: unknown): ToolOutcome {
  try {
    if (result === undefined) return { ok: true, content: '{"ok":true}' };
    return { ok: !(isRecord(result) && result.ok === false), content: JSON.stringify(isRecord(result) ? result : { ok: true, content: result }) };
  } catch (err) {
    return failure(`tool result is not JSON-serializable: ${(err as Error).message}`);
  }
}

/** Parse and check a call's arguments, run the tool, and serialize what it returned. */
export async function executeToolCall(call: ToolCall, tools: ToolSet, signal?: AbortSignal): Promise<ToolOutcome> {
  const name = call.function?.name ?? '';
  const tool = Object.hasOwn(tools, name) ? (tools[name] as RunnableTool) : undefined;
  if (!tool) return failure(`tool not registered: ${name}`);
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments?.trim() || '{}');
  } catch (err) {
    return failure(`arguments are not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(args)) return failure('arguments must be a JSON object');
  const invalid = checkArguments(tool.parameters, args);
  if (invalid) return failure(`invalid arguments: ${invalid}`);
  try {
    return serializeToolResult(await tool.run(args, { name, toolCallId: call.id, signal }));
  } catch (err) {
    signal?.throwIfAborted();
    return failure(err instanceof Error ? err.message : String(err));
  }
}
