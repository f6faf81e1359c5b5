/**
 * One answer accumulated from its stream: what `--json` prints and what the REPL keeps in the
 * conversation. The stream is the source; this is only its sum.
 */
import type { ChatStreamEvent, ClientPhase, ClientTimings, ClientUsage, ProofNode } from './events.js';

/** A tool call assembled from its deltas. */
export interface AnswerToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The sum of one streamed answer. */
export interface Answer {
  content: string;
  reasoning: string;
  phases: { prompt_summary: string; reasoning_summary: string };
  /** Phases in the order the server announced them. */
  phaseOrder: ClientPhase[];
  toolCalls: AnswerToolCall[];
  finishReason: string | null;
  usage: ClientUsage | null;
  proof: ProofNode[] | null;
  error: { message: string; status?: number; code?: string } | null;
  aborted: boolean;
  timings: ClientTimings | null;
}

/** An empty answer, ready to accumulate into. */
export function emptyAnswer(): Answer {
  return {
    content: '',
    reasoning: '',
    phases: { prompt_summary: '', reasoning_summary: '' },
    phaseOrder: [],
    toolCalls: [],
    finishReason: null,
    usage: null,
    proof: null,
    error: null,
    aborted: false,
    timings: null,
  };
}

/** Fold one event into an answer (mutates and returns it). */
export function addEvent(answer: Answer, event: ChatStreamEvent): Answer {
  switch (event.type) {
    case 'phase':
      answer.phaseOrder.push(event.phase);
      break;
    case 'text':
      if (event.section === 'content') answer.content += event.text;
      else if (event.section === 'reasoning') answer.reasoning += event.text;
      else answer.phases[event.section] += event.text;
      break;
    case 'tool_call': {
      const call = (answer.toolCalls[event.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (event.id) call.id = event.id;
      if (event.name) call.function.name += event.name;
      call.function.arguments += event.argumentsDelta;
      break;
    }
    case 'finish':
      answer.finishReason = event.reason;
      break;
    case 'usage':
      answer.usage = event.usage;
      break;
    case 'proof':
      answer.proof = event.proof;
      break;
    case 'error':
      answer.error = { message: event.message, ...(event.status !== undefined ? { status: event.status } : {}), ...(event.code ? { code: event.code } : {}) };
      break;
    case 'done':
      answer.aborted = event.aborted;
      answer.timings = event.timings;
      break;
    default:
      break;
  }
  return answer;
}

/** Drain a stream into one answer. */
export async function collectAnswer(events: AsyncIterable<ChatStreamEvent>): Promise<Answer> {
  const answer = emptyAnswer();
  for await (const event of events) addEvent(answer, event);
  return answer;
}

/** The answer as a JSON-ready object for scripts (`psr chat --json`): snake_case like the API. */
export function answerJson(answer: Answer, model: string): Record<string, unknown> {
  return {
    model,
    content: answer.content,
    reasoning: answer.reasoning,
    phases: answer.phases,
    phase_order: answer.phaseOrder,
    tool_calls: answer.toolCalls.filter(Boolean),
    finish_reason: answer.finishReason,
    usage: answer.usage ? snake(answer.usage) : null,
    proof: answer.proof,
    timings: answer.timings ? snake(answer.timings) : null,
    aborted: answer.aborted,
    error: answer.error,
  };
}

function snake(obj: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}
