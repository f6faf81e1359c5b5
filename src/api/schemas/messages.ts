/** Validation of chat `messages`, normalized to ChatMessage (legacy `function` role → `tool`). */
import type { ChatMessage, ContentPart, ToolCall } from '../../core/types.js';
import { arr, badValue, isObj, obj, optString, required, wrongType, type Obj } from './check.js';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

function parts(v: unknown[], param: string): ContentPart[] {
  return v.map((p, i) => {
    const part = obj(p, `${param}[${i}]`);
    const type = required(part, 'type', `${param}[${i}].type`);
    if (typeof type !== 'string') wrongType(`${param}[${i}].type`, 'a string', type);
    if (type === 'text' && typeof part.text !== 'string') wrongType(`${param}[${i}].text`, 'a string', part.text);
    return part as ContentPart;
  });
}

function content(m: Obj, param: string, optional: boolean): ChatMessage['content'] {
  const v = m.content;
  if (v === undefined || v === null) {
    if (optional) return null;
    return wrongType(`${param}.content`, 'a string or an array of content parts', v);
  }
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return parts(v, `${param}.content`);
  return wrongType(`${param}.content`, 'a string or an array of content parts', v);
}

function toolCalls(v: unknown, param: string): ToolCall[] | undefined {
  if (v === undefined || v === null) return undefined;
  return arr(v, param).map((c, i) => {
    const call = obj(c, `${param}[${i}]`);
    const fn = obj(required(call, 'function', `${param}[${i}].function`), `${param}[${i}].function`);
    const name = optString(required(fn, 'name', `${param}[${i}].function.name`), `${param}[${i}].function.name`)!;
    const args = optString(fn.arguments, `${param}[${i}].function.arguments`) ?? '';
    const id = optString(call.id, `${param}[${i}].id`) ?? `call_${i}`;
    if (call.type !== undefined && call.type !== 'function') badValue(`${param}[${i}].type`, "only 'function' is supported.");
    return { id, type: 'function', function: { name, arguments: args } };
  });
}

function message(raw: unknown, param: string): ChatMessage {
  const m = obj(raw, param);
  const role = required(m, 'role', `${param}.role`);
  if (typeof role !== 'string') wrongType(`${param}.role`, 'a string', role);
  if (!(ROLES as readonly string[]).includes(role)) badValue(`${param}.role`, `'${role}' is not one of 'system', 'developer', 'user', 'assistant', 'tool'.`);
  const name = optString(m.name, `${param}.name`);
  if (role === 'function') {
    // Legacy function results: the function's name stands in for the call id.
    const fnName = optString(required(m, 'name', `${param}.name`), `${param}.name`)!;
    return { ...m, role: 'tool', content: content(m, param, true), name: fnName, tool_call_id: fnName };
  }
  const out: ChatMessage = { ...m, role: role as ChatMessage['role'], content: content(m, param, role === 'assistant') };
  if (name !== undefined) out.name = name;
  // Typed fields only where they mean something: a stray `tool_calls: [0]` on a user message
  // would otherwise reach engines unvalidated (and crash token counting: a 500 for bad input).
  if (role !== 'assistant') for (const k of ['tool_calls', 'function_call', 'reasoning_content']) delete out[k];
  if (role !== 'tool') delete out.tool_call_id;
  if (role === 'tool') out.tool_call_id = optString(required(m, 'tool_call_id', `${param}.tool_call_id`), `${param}.tool_call_id`);
  if (role === 'assistant') {
    const calls = toolCalls(m.tool_calls, `${param}.tool_calls`);
    if (isObj(m.function_call)) {
      const fc = m.function_call;
      const fcName = optString(required(fc, 'name', `${param}.function_call.name`), `${param}.function_call.name`)!;
      out.tool_calls = [{ id: fcName, type: 'function', function: { name: fcName, arguments: optString(fc.arguments, `${param}.function_call.arguments`) ?? '' } }];
      delete out.function_call;
    } else if (calls) out.tool_calls = calls;
    optString(m.reasoning_content, `${param}.reasoning_content`);
  }
  return out;
}

/** Validate `messages` (non-empty) and normalize each message. */
export function parseMessages(v: unknown): ChatMessage[] {
  return arr(v, 'messages', 1).map((m, i) => message(m, `messages[${i}]`));
}
