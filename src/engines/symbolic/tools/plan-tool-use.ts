/**
 * The one call the symbolic engine makes for tools: given a request, decide whether to answer
 * from tool results already in the conversation, call a tool (with arguments checked against
 * its schema), ask for values the request lacks, or leave the turn to the reasoner.
 */
import type { ChatMessage, EngineEvent, GenerateRequest, ToolChoice, ToolDefinition } from '../../../core/types.js';
import { answerFromToolResult, contentText } from './answer-from-result.js';
import { missingArgumentsQuestion } from './ask-missing.js';
import { argumentErrors } from './args-schema.js';
import { fillArguments, type FillResult } from './fill-arguments.js';
import { selectTool } from './select-tool.js';
import { STOPWORDS } from './text.js';

const REFUSALS = new Set(['never', 'mind', 'nevermind', 'cancel', 'stop', 'forget', 'nothing', 'nope', 'skip', 'quit']);

/** One tool call psr decided to make; `arguments` validate against the tool's schema. */
export interface PlannedCall {
  name: string;
  arguments: string;
  score: number;
}

/** What to do about tools this turn. */
export type ToolPlan =
  | { kind: 'answer'; text: string }
  | { kind: 'call'; calls: PlannedCall[] }
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
 * when tools are no longer offered. A reply to our question for a missing value continues the
 * earlier request (its text and the reply are read together). With parallel tool calls allowed,
 * a request whose clauses each ask for a tool gives several calls. A required value missing from
 * the request is asked for in content even under tool_choice 'required' or a named tool: psr
 * never sends an invented value.
 */
export function planToolUse(req: GenerateRequest, opts: PlanOptions = {}): ToolPlan {
  const messages = messagesOf(req);
  const answered = answerFromToolResult(messages);
  if (answered) return { kind: 'answer', text: answered.text };
  const tools = req.tools ?? [];
  const turns = userTurns(messages);
  if (tools.length === 0 || req.toolChoice === 'none' || turns.length === 0) return { kind: 'none' };
  const choice = req.toolChoice ?? 'auto';
  const last = turns[turns.length - 1];
  // The user may be answering our question for a missing value: continue that request.
  const earlier = turns.length > 1 && turns[turns.length - 2].answeredByText ? planFor(turns[turns.length - 2].text, tools, choice, opts) : null;
  if (earlier?.kind === 'ask') {
    const named = { type: 'function' as const, function: { name: earlier.name } };
    const combined = planFor(`${turns[turns.length - 2].text}\n${last.text}`, tools, named, opts, last.text);
    // Continue only if the reply supplied something; otherwise it is a new message.
    if (combined.kind === 'call' || (combined.kind === 'ask' && combined.missing.length < earlier.missing.length)) return combined;
  }
  const parallel = choice === 'auto' && req.parallelToolCalls !== false && !req.legacyFunctions ? clauseCalls(last.text, tools, opts) : null;
  return parallel ? { kind: 'call', calls: parallel } : planFor(last.text, tools, choice, opts);
}

/**
 * Several calls from one request whose clauses each ask for a tool: "the weather in Paris and
 * the time in Tokyo", "weather in Paris and Rome" (a clause naming no tool reuses the previous
 * clause's tool). Null unless every clause gives a complete call — then one call is planned.
 */
function clauseCalls(text: string, tools: readonly ToolDefinition[], opts: PlanOptions): PlannedCall[] | null {
  const clauses = text.split(/\s*(?:;|,?\s+and\s+(?:also\s+)?|,\s*then\s+|[.!?]\s+)\s*/i).filter((c) => /\w/.test(c));
  if (clauses.length < 2) return null;
  const calls: PlannedCall[] = [];
  for (const clause of clauses) {
    let plan = planFor(clause, tools, 'auto', opts);
    const prev = calls[calls.length - 1];
    if (plan.kind === 'none' && prev) plan = planFor(clause, tools, { type: 'function', function: { name: prev.name } }, opts);
    if (plan.kind !== 'call') return null;
    calls.push(...plan.calls);
  }
  const distinct = new Set(calls.map((c) => c.name + c.arguments));
  return distinct.size === calls.length ? calls : null;
}

interface UserTurn {
  text: string;
  /** The assistant replied with plain text (no tool calls) before the next user turn. */
  answeredByText: boolean;
}

function userTurns(messages: readonly ChatMessage[]): UserTurn[] {
  const turns: UserTurn[] = [];
  messages.forEach((m, i) => {
    if (m.role !== 'user') return;
    const next = messages[i + 1];
    turns.push({ text: contentText(m.content), answeredByText: next?.role === 'assistant' && !next.tool_calls?.length });
  });
  return turns;
}

/** Select and fill for one text; `reply` is a short answer that may be the one missing value itself. */
function planFor(text: string, tools: readonly ToolDefinition[], choice: ToolChoice, opts: PlanOptions, reply?: string): ToolPlan {
  const match = selectTool(text, tools, choice);
  if (!match) return { kind: 'none' };
  const { name, parameters } = match.tool.function;
  const filled = fillArguments(text, parameters, { now: opts.now });
  if (filled.missing.length === 1 && reply !== undefined) useReplyAsValue(filled, parameters, reply);
  if (filled.missing.length) return { kind: 'ask', text: missingArgumentsQuestion(match.tool, filled.missing), name, missing: filled.missing };
  return { kind: 'call', calls: [{ name, arguments: JSON.stringify(filled.args), score: match.score }] };
}

/** "Paris" in reply to "What location should I use?" is the location, if the schema accepts it. */
function useReplyAsValue(filled: FillResult, parameters: Record<string, unknown> | undefined, reply: string): void {
  const key = filled.missing[0];
  const value = reply.trim().replace(/[.!]+$/, '');
  // Only a short bare value counts; a question, a sentence or a refusal is a new message.
  const words = value.toLowerCase().split(/[\s,]+/).filter(Boolean);
  if (key.includes('.') || words.length === 0 || words.length > 4 || /[?,;]/.test(value)) return;
  if (words.some((w) => STOPWORDS.has(w) || REFUSALS.has(w))) return;
  const args = { ...filled.args, [key]: value };
  if (argumentErrors(parameters, args).length) return;
  filled.args = args;
  filled.missing = [];
}

/**
 * The events for a plan (none for kind 'none'): a call becomes tool_call deltas and finish
 * 'tool_calls'; an answer or a question becomes content and finish 'stop'.
 */
export function toolPlanEvents(plan: ToolPlan, choice: number, newId: () => string): EngineEvent[] {
  if (plan.kind === 'none') return [];
  if (plan.kind === 'call') {
    const events: EngineEvent[] = plan.calls.flatMap((c, index): EngineEvent[] => [
      { type: 'tool_call', choice, index, id: newId(), name: c.name, argumentsDelta: '' },
      { type: 'tool_call', choice, index, argumentsDelta: c.arguments },
    ]);
    return [...events, { type: 'finish', choice, reason: 'tool_calls' }];
  }
  return [
    { type: 'content', choice, text: plan.text },
    { type: 'finish', choice, reason: 'stop' },
  ];
}
