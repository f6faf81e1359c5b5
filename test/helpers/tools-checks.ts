/**
 * Checks shared by the function-calling tests: the streamed tool-call delta rules of
 * ARCHITECTURE.md, arguments that parse (and validate against the tool's schema), and content
 * that never shows call markup.
 */
import assert from 'node:assert/strict';
import { checkArguments } from '../../src/tools/tool-schema.js';
import { assertSpec } from './openapi.js';

/** The parts of a stream chunk these checks read. */
export interface ChunkLike {
  choices: Array<{
    index: number;
    delta: { content?: string | null; tool_calls?: Array<{ index: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }>; function_call?: { name?: string; arguments?: string } };
    finish_reason: string | null;
  }>;
}

/** A streamed call put back together. */
export interface StreamedCall {
  id: string;
  name: string;
  arguments: string;
}

/** Text that marks a tool call written by a model; none of it may reach content. */
export const CALL_MARKUP = /<tool_call>|<\/tool_call>|\[TOOL_CALLS\]|\[ARGS\]|<\|python_tag\|>|"parameters"\s*:|"arguments"\s*:/;

/**
 * Check every chunk against the spec and the delta rules: a call's first delta has index, id,
 * type 'function' and function.name; later deltas only index and function.arguments. Exactly
 * one finish_reason per choice. Returns the calls of choice 0, the content and the finish reason.
 */
export function checkToolStream(chunks: readonly unknown[]): { calls: StreamedCall[]; content: string; finish: string | null } {
  const calls = new Map<number, StreamedCall>();
  let content = '';
  const finishes: string[] = [];
  for (const raw of chunks) {
    assertSpec('CreateChatCompletionStreamResponse', raw);
    for (const choice of (raw as ChunkLike).choices) {
      if (choice.finish_reason) finishes.push(choice.finish_reason);
      if (typeof choice.delta.content === 'string') content += choice.delta.content;
      for (const tc of choice.delta.tool_calls ?? []) {
        const known = calls.get(tc.index);
        if (!known) {
          assert.equal(typeof tc.id, 'string', `first delta of call ${tc.index} has an id`);
          assert.equal(tc.type, 'function');
          assert.equal(typeof tc.function?.name, 'string', `first delta of call ${tc.index} has a name`);
          calls.set(tc.index, { id: tc.id!, name: tc.function!.name!, arguments: tc.function?.arguments ?? '' });
          continue;
        }
        assert.deepEqual(Object.keys(tc).sort(), ['function', 'index'], `later delta of call ${tc.index} carries only index + function`);
        assert.deepEqual(Object.keys(tc.function ?? {}), ['arguments'], `later delta of call ${tc.index} carries only arguments`);
        known.arguments += tc.function!.arguments!;
      }
    }
  }
  assert.equal(finishes.length, 1, `one finish_reason, got ${JSON.stringify(finishes)}`);
  assert.doesNotMatch(content, CALL_MARKUP, 'content shows no call markup');
  return { calls: [...calls.values()], content, finish: finishes[0]! };
}

/** Arguments parse as a JSON object and, given a schema, validate against it. */
export function checkCallArguments(args: string, schema?: Record<string, unknown>): Record<string, unknown> {
  const parsed = JSON.parse(args) as unknown;
  assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), `arguments are an object: ${args}`);
  if (schema) assert.equal(checkArguments(schema, parsed), null, `arguments ${args} validate against the schema`);
  return parsed as Record<string, unknown>;
}
