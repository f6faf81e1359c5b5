/**
 * Usage, always exactly once and last: the engine's own count when it reports one, otherwise
 * one synthesized with core/tokens from the prompt and everything the choices produced.
 */
import { countPromptTokens, countTokens } from '../core/tokens.js';
import type { EngineEvent, GenerateRequest } from '../core/types.js';
import type { EventSink, StageRun } from './fused-stream.js';
import { syncStage, type Stage } from './stage.js';

/** The usage run: counts what passes, holds the engine's usage back, reports it (or a count) last. */
class UsageRun implements StageRun {
  readonly #req: GenerateRequest;
  #reported: Extract<EngineEvent, { type: 'usage' }> | undefined;
  // Texts are kept (string concatenation is cheap) and counted only when the engine reports nothing.
  #completion = '';
  #reasoning = '';
  #toolNames = 0;

  constructor(req: GenerateRequest) {
    this.#req = req;
  }

  push(ev: EngineEvent, out: EventSink): void {
    if (ev.type === 'usage') {
      this.#reported = ev;
      return;
    }
    if (ev.type === 'content') this.#completion += ev.text;
    else if (ev.type === 'reasoning') this.#reasoning += ev.text;
    else if (ev.type === 'tool_call') {
      this.#completion += ev.argumentsDelta;
      if (ev.name) this.#toolNames++;
    }
    out.push(ev);
  }

  end(out: EventSink): void {
    if (this.#reported) return out.push(this.#reported);
    const reasoningTokens = countTokens(this.#reasoning);
    out.push({
      type: 'usage',
      promptTokens: countPromptTokens(this.#req),
      completionTokens: countTokens(this.#completion) + this.#toolNames + reasoningTokens,
      reasoningTokens: reasoningTokens > 0 ? reasoningTokens : undefined,
    });
  }
}

/** The usage stage; place it last so it counts what the client actually receives. */
export const usage: Stage = syncStage('usage', (req) => new UsageRun(req));
