/**
 * The symbolic engine's tool turn, decided before any reasoning over the knowledge graph:
 * answer from tool results the conversation already holds, call an offered tool with arguments
 * filled from the request (they validate against its schema), or ask in content for a required
 * value the request lacks. Null leaves the turn to the reasoner.
 */
import { randomBytes } from 'node:crypto';
import { countPromptTokens, countTokens, tokenize } from '../../core/tokens.js';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { planToolUse, toolPlanEvents, type ToolPlan } from './tools/index.js';

/** Options for {@link toolTurn}. */
export interface ToolTurnOptions {
  /** The moment relative dates ("tomorrow") resolve against; default now. */
  now?: Date;
  /** Makes tool call ids; default `call_` + 24 random hex characters. */
  newId?: () => string;
}

const newCallId = (): string => `call_${randomBytes(12).toString('hex')}`;

/** One reasoning line saying what was decided and why, for the trace and the phase summaries. */
function traceLine(plan: Exclude<ToolPlan, { kind: 'none' }>): string {
  if (plan.kind === 'answer') return 'The conversation already holds the tool results, so I answer from them instead of calling again.';
  if (plan.kind === 'ask') {
    return `The tool ${plan.name} fits the request, but it needs ${plan.missing.join(', ')}, which the request does not give; I ask rather than guess.`;
  }
  const calls = plan.calls.map((c) => `${c.name}(${c.arguments}) (match score ${c.score})`);
  return `The request asks for what ${calls.length > 1 ? 'these tools give' : 'a tool gives'}: ${calls.join('; ')}. Arguments come from the request and follow each tool's schema.`;
}

/** Content cut to `maxTokens`; a cut turns the finish into 'length'. Tool arguments are never cut. */
function limitContent(events: EngineEvent[], maxTokens: number | undefined): EngineEvent[] {
  if (maxTokens === undefined) return events;
  let cut = false;
  const out = events.map((ev): EngineEvent => {
    if (ev.type !== 'content' || countTokens(ev.text) <= maxTokens) return ev;
    cut = true;
    return { ...ev, text: tokenize(ev.text).slice(0, maxTokens).join('') };
  });
  return cut ? out.map((ev) => (ev.type === 'finish' ? { ...ev, reason: 'length' } : ev)) : out;
}

/**
 * The events of the tool turn (reasoning line, content or tool calls, finish, usage) or null
 * when no tool is involved. Legacy `functions` requests get one call; the renderer words it
 * as `function_call`.
 * @example const events = toolTurn(req); if (events) return yield* events;
 */
export function toolTurn(req: GenerateRequest, opts: ToolTurnOptions = {}): EngineEvent[] | null {
  if (req.input.kind !== 'chat') return null;
  const plan = planToolUse(req, { now: opts.now });
  if (plan.kind === 'none') return null;
  const reasoning = traceLine(plan);
  const events = limitContent(toolPlanEvents(plan, 0, opts.newId ?? newCallId), req.maxTokens);
  let completion = 0;
  for (const ev of events) {
    if (ev.type === 'content') completion += countTokens(ev.text);
    if (ev.type === 'tool_call') completion += countTokens((ev.name ?? '') + ev.argumentsDelta);
  }
  const reasoningTokens = countTokens(reasoning);
  return [
    { type: 'reasoning', choice: 0, text: `${reasoning}\n` },
    ...events,
    { type: 'usage', promptTokens: countPromptTokens(req), completionTokens: completion + reasoningTokens, reasoningTokens },
  ];
}
