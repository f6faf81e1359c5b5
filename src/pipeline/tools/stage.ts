/**
 * The tool-call stage: turns model text into `tool_call` events through a named parser, one
 * parser per choice. Active only when the request offers tools and `toolChoice` is not 'none'.
 */
import { randomBytes } from 'node:crypto';
import type { EngineEvent, FinishReason, GenerateRequest } from '../../core/types.js';
import type { EventSink, StageRun } from '../fused-stream.js';
import { syncStage, type Stage } from '../stage.js';
import { createToolCallParser, toolCallParsers } from './registry.js';
import type { ParsedToolCall, ParserOutput, ToolCallParser } from './types.js';

/** Options for {@link toolCallStage}. */
export interface ToolCallStageOptions {
  /** Makes call ids; default `call_` + 24 random hex characters. */
  newId?: () => string;
}

/** A fresh OpenAI-style tool call id. */
export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}

/** Per-choice state: the parser and what it has emitted. */
interface ChoiceState {
  parser: ToolCallParser;
  nextIndex: number;
  calls: number;
  truncated: boolean;
  finished: boolean;
}

/** Whether the stage has anything to do for this request. */
export function toolParsingActive(req: GenerateRequest): boolean {
  return (req.tools?.length ?? 0) > 0 && req.toolChoice !== 'none';
}

/**
 * A Stage that parses tool calls out of 'content' with the named parser — fixed, or chosen per
 * request (per model) by a function; 'none' passes everything through.
 * Each call becomes a first event `{index, id, name, argumentsDelta: ''}` and a second with the
 * whole arguments (already complete, valid JSON object text). When any call was emitted the
 * choice's 'finish' becomes 'tool_calls' — except 'length' when the last call had to be
 * completed, and 'content_filter'. With `parallelToolCalls: false` or `legacyFunctions` only the
 * first call is kept (the renderer turns it into `function_call` / finish 'function_call').
 * Logprobs of a content event stay with the content it still yields.
 * @example pipe(engine.generate(req, signal), req, reasoningStage('deepseek_r1'), toolCallStage('hermes'))
 */
export function toolCallStage(parser: string | ((req: GenerateRequest) => string), opts: ToolCallStageOptions = {}): Stage {
  if (typeof parser === 'string') toolCallParsers.get(parser); // fail at configuration time on an unknown name
  const newId = opts.newId ?? newToolCallId;
  return syncStage('toolCalls', (req) => {
    if (!toolParsingActive(req)) return undefined;
    const parserName = typeof parser === 'string' ? parser : parser(req);
    if (parserName === 'none') return undefined;
    toolCallParsers.get(parserName);
    return toolCallRun(parserName, req, newId);
  });
}

/** One request's tool-call parsing: a parser per choice, created when the choice first shows up. */
function toolCallRun(parserName: string, req: GenerateRequest, newId: () => string): StageRun {
  const toolNames = req.tools!.map((t) => t.function.name);
  const choices = new Map<number, ChoiceState>();
  const state = (choice: number): ChoiceState => {
    let s = choices.get(choice);
    if (!s) choices.set(choice, (s = { parser: createToolCallParser(parserName, { toolNames }), nextIndex: 0, calls: 0, truncated: false, finished: false }));
    return s;
  };
  const emit = (out: EventSink, choice: number, parsed: ParserOutput): void => render(out, choice, state(choice), parsed, req, newId);
  return {
    push(ev, out) {
      if (ev.type === 'content') {
        if (!ev.logprobs) return emit(out, ev.choice, state(ev.choice).parser.push(ev.text));
        const events: EngineEvent[] = [];
        emit(events, ev.choice, state(ev.choice).parser.push(ev.text));
        const first = events[0];
        if (first?.type === 'content') events[0] = { ...first, logprobs: ev.logprobs };
        for (const e of events) out.push(e);
      } else if (ev.type === 'tool_call') {
        const s = state(ev.choice);
        s.nextIndex = Math.max(s.nextIndex, ev.index + 1);
        if (ev.name !== undefined) s.calls++;
        out.push(ev);
      } else if (ev.type === 'finish') {
        const s = state(ev.choice);
        emit(out, ev.choice, s.parser.finish());
        s.finished = true;
        out.push({ ...ev, reason: finishReason(ev.reason, s) });
      } else out.push(ev);
    },
    // A stream that ends without 'finish' (an engine cut short) still must not lose held text.
    end(out) {
      for (const [choice, s] of choices) if (!s.finished) emit(out, choice, s.parser.finish());
    },
  };
}

function finishReason(reason: FinishReason, s: ChoiceState): FinishReason {
  if (s.calls === 0 || reason === 'content_filter') return reason;
  if (reason === 'length' && s.truncated) return 'length';
  return 'tool_calls';
}

function render(events: EventSink, choice: number, s: ChoiceState, out: ParserOutput, req: GenerateRequest, newId: () => string): void {
  if (out.content !== '') events.push({ type: 'content', choice, text: out.content });
  for (const call of out.calls) {
    // The legacy `function_call` shape holds one call, like parallel_tool_calls: false.
    if ((req.parallelToolCalls === false || req.legacyFunctions === true) && s.calls >= 1) break;
    pushCall(events, choice, s.nextIndex++, call, newId);
    s.calls++;
    s.truncated = call.truncated === true;
  }
}

function pushCall(events: EventSink, choice: number, index: number, call: ParsedToolCall, newId: () => string): void {
  events.push({ type: 'tool_call', choice, index, id: call.id ?? newId(), name: call.name, argumentsDelta: '' });
  events.push({ type: 'tool_call', choice, index, argumentsDelta: call.arguments });
}
