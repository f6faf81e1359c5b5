/**
 * Small shared pieces for the ops tests: a request builder and a scripted Generate that counts
 * its calls (the gateway middlewares are what is under test, so the innermost engine is scripted).
 */
import type { EngineEvent, GenerateRequest } from '../../src/core/types.js';
import type { Generate } from '../../src/gateway/generate.js';

/** A normalized chat request with overrides. */
export function chatRequest(text: string, over: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    model: 'psr-test',
    input: { kind: 'chat', messages: [{ role: 'user', content: text }] },
    n: 1,
    stop: [],
    sampling: { temperature: 0 },
    extra: {},
    ...over,
  };
}

/** A Generate answering `echo: <last message>` in a few chunks, counting calls. */
export interface ScriptedEngine {
  generate: Generate;
  calls: number;
  lastRequest?: GenerateRequest;
}

/** Options for {@link scriptedEngine}. */
export interface ScriptOptions {
  /** Delay before each chunk (ms). */
  delayMs?: number;
  /** Throw after this many chunks. */
  failAfter?: number;
  /** Leave out the finish event (an incomplete stream). */
  omitFinish?: boolean;
}

function lastText(req: GenerateRequest): string {
  if (req.input.kind === 'text') return req.input.prompt;
  const m = req.input.messages.at(-1);
  return typeof m?.content === 'string' ? m.content : '';
}

/** Build a scripted engine. */
export function scriptedEngine(opts: ScriptOptions = {}): ScriptedEngine {
  const engine: ScriptedEngine = {
    calls: 0,
    generate: async function* (req, signal): AsyncGenerator<EngineEvent> {
      engine.calls++;
      engine.lastRequest = req;
      const words = `echo: ${lastText(req)} #${engine.calls}`.split(' ');
      for (const [i, w] of words.entries()) {
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        if (opts.failAfter !== undefined && i >= opts.failAfter) throw new Error('engine broke');
        yield { type: 'content', choice: 0, text: (i ? ' ' : '') + w };
      }
      if (!opts.omitFinish) yield { type: 'finish', choice: 0, reason: 'stop' };
      yield { type: 'usage', promptTokens: 5, completionTokens: words.length };
    },
  };
  return engine;
}

/** Drain a stream into an array. */
export async function drain(stream: AsyncIterable<EngineEvent>): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

/** The concatenated content text of events. */
export function textOf(events: EngineEvent[]): string {
  return events.map((e) => (e.type === 'content' ? e.text : '')).join('');
}
