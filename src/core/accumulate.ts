/**
 * accumulate(): the non-streaming response is the accumulation of the same event stream the
 * streaming path renders (ARCHITECTURE.md, STYLE.md §5). One state object per choice.
 */
import type { EngineEvent, FinishReason, Phase, TokenLogprob } from './types.js';

/** A tool call put together from its deltas. */
export interface AccumulatedToolCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/** Everything one choice produced. */
export interface AccumulatedChoice {
  index: number;
  content: string;
  reasoning: string;
  toolCalls: AccumulatedToolCall[];
  finishReason: FinishReason;
  logprobs: TokenLogprob[] | null;
  /** Phases seen, in order, with any summary text they carried. */
  phases: Array<{ phase: Phase; text?: string }>;
  meta: Record<string, unknown>;
}

/** Token counts for the whole response. */
export interface AccumulatedUsage {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens?: number;
}

/** A whole response: choices in index order, and usage if any stage reported it. */
export interface Accumulated {
  choices: AccumulatedChoice[];
  usage?: AccumulatedUsage;
}

function emptyChoice(index: number): AccumulatedChoice {
  return { index, content: '', reasoning: '', toolCalls: [], finishReason: 'stop', logprobs: null, phases: [], meta: {} };
}

/** Fold one event into the response being built; exported so callers can accumulate incrementally. */
export function accumulateEvent(acc: Accumulated, ev: EngineEvent, byIndex: Map<number, AccumulatedChoice>): void {
  if (ev.type === 'usage') {
    acc.usage = { promptTokens: ev.promptTokens, completionTokens: ev.completionTokens, reasoningTokens: ev.reasoningTokens };
    return;
  }
  let choice = byIndex.get(ev.choice);
  if (choice === undefined) {
    choice = emptyChoice(ev.choice);
    byIndex.set(ev.choice, choice);
    acc.choices.push(choice);
  }
  switch (ev.type) {
    case 'content':
      choice.content += ev.text;
      if (ev.logprobs) (choice.logprobs ??= []).push(...ev.logprobs);
      break;
    case 'reasoning':
      choice.reasoning += ev.text;
      break;
    case 'tool_call': {
      let call = choice.toolCalls.find((c) => c.index === ev.index);
      if (call === undefined) {
        call = { index: ev.index, id: ev.id ?? '', name: ev.name ?? '', arguments: '' };
        choice.toolCalls.push(call);
      }
      if (ev.id) call.id = ev.id;
      if (ev.name) call.name = ev.name;
      call.arguments += ev.argumentsDelta;
      break;
    }
    case 'phase':
      choice.phases.push(ev.text === undefined ? { phase: ev.phase } : { phase: ev.phase, text: ev.text });
      break;
    case 'finish':
      choice.finishReason = ev.reason;
      break;
    case 'meta':
      choice.meta[ev.key] = ev.value;
      break;
  }
}

/** Collect an event stream into one response. */
export async function accumulate(events: AsyncIterable<EngineEvent>): Promise<Accumulated> {
  const acc: Accumulated = { choices: [] };
  const byIndex = new Map<number, AccumulatedChoice>();
  for await (const ev of events) accumulateEvent(acc, ev, byIndex);
  acc.choices.sort((a, b) => a.index - b.index);
  for (const c of acc.choices) c.toolCalls.sort((a, b) => a.index - b.index);
  return acc;
}
