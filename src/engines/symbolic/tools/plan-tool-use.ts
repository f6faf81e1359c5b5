/**
 * The one call the symbolic engine makes for tools: given a request, decide whether to answer
 * from tool results already in the conversation, call a tool (with arguments checked against
 * its schema), ask for values the request lacks, or leave the turn to the reasoner.
 */
import type { ChatMessage, EngineEvent, GenerateRequest } from '../../../core/types.js';
import { answerFromToolResult, contentText } from './answer-from-result.js';
import { missingArgumentsQuestion } from './ask-missing.js';
import { fillArguments } from './fill-arguments.js';
import { selectTool } from './select-tool.js';

/** What to do about tools this turn. */
export type ToolPlan =
  | { kind: 'answer'; text: string }
  | { kind: 'call'; name: string; arguments: string; score: number }
  | { kind: 'ask'; text: string; name: string; missing: string[] }
  | { kind: 'none' };

/** Options for {@link planToolUse}. */
export interface PlanOptions {
  /** The moment relative dates resolve against (default: now). */
  now?: Date;
}

function messagesOf(req: GenerateRequest): readonly ChatMessage[] {
  return req.input.kind === 'chat' ? req.input.messages : [{ role: 'user', content: req.input.prompt }];
}

/**
 * Decide the tool step for a request. Tool results closing the conversation are answered even
 * when tools are no longer offered. A required value missing from the request is asked for in
 * content even under tool_choice 'required' or a named tool: psr never sends an invented value.
 */
export function planToolUse(req: GenerateRequest, opts: PlanOptions = {}): ToolPlan {
  const messages = messagesOf(req);
  const answered = answerFromToolResult(messages);
  if (answered) return { kind: 'answer', text: answered.text };
  const tools = req.tools ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  if (tools.length === 0 || req.toolChoice === 'none' || !lastUser) return { kind: 'none' };
  const match = selectTool(contentText(lastUser.content), tools, req.toolChoice ?? 'auto');
  if (!match) return { kind: 'none' };
  const { name, parameters } = match.tool.function;
  const filled = fillArguments(contentText(lastUser.content), parameters, { now: opts.now });
  if (filled.missing.length) return { kind: 'ask', text: missingArgumentsQuestion(match.tool, filled.missing), name, missing: filled.missing };
  return { kind: 'call', name, arguments: JSON.stringify(filled.args), score: match.score };
}

/**
 * The events for a plan (none for kind 'none'): a call becomes tool_call deltas and finish
 * 'tool_calls'; an answer or a question becomes content and finish 'stop'.
 */
export function toolPlanEvents(plan: ToolPlan, choice: number, newId: () => string): EngineEvent[] {
  if (plan.kind === 'none') return [];
  if (plan.kind === 'call') {
    return [
      { type: 'tool_call', choice, index: 0, id: newId(), name: plan.name, argumentsDelta: '' },
      { type: 'tool_call', choice, index: 0, argumentsDelta: plan.arguments },
      { type: 'finish', choice, reason: 'tool_calls' },
    ];
  }
  return [
    { type: 'content', choice, text: plan.text },
    { type: 'finish', choice, reason: 'stop' },
  ];
}
