/**
 * The `llama` engine: local GGUF models through node-llama-cpp. Models load on first use (or
 * at `preload()`); each has a context whose sequences run requests in parallel, with a bounded
 * queue in front (429 when full). Chat renders the model's own Jinja template, text completion
 * uses the raw prompt, and `<think>` text is left in content for the reasoning stage to split.
 */
import { randomUUID } from 'node:crypto';
import type { LlamaContextSequence, Token } from 'node-llama-cpp';
import { psrError } from '../../core/errors.js';
import type { EmbedRequest, EmbedResult, Engine, EngineEvent, EngineHealth, GenerateRequest, ModelCard } from '../../core/types.js';
import { Channel } from './channel.js';
import { runChoice, type ChoiceEnd } from './choice-run.js';
import { constraintFor, type Constraint } from './constraints.js';
import { embedWith } from './embed.js';
import type { GgufModelSpec } from './gguf-spec.js';
import { LoadedModel, type LlamaModelOptions, type ReadyModel } from './loaded-model.js';
import { buildPrompt, type Prompt } from './prompt.js';
import { samplingOptions } from './sampling.js';

/** Engine configuration: the models (from `--gguf` or the config file) and shared tuning. */
export interface LlamaEngineOptions extends LlamaModelOptions {
  models: GgufModelSpec[];
}

/** Counters for /metrics and tests. */
export interface LlamaEngineStats {
  generatedTokens: number;
  activeGenerations: number;
}

/** Local GGUF models behind the Engine interface. */
export class LlamaEngine implements Engine {
  readonly name = 'llama';
  /** n, stop and max_tokens are done in the sampling loop, so the gateway need not redo them. */
  readonly native = { n: true, stop: true, maxTokens: true };
  readonly #models = new Map<string, LoadedModel>();
  readonly #created = Math.floor(Date.now() / 1000);
  readonly #stats: LlamaEngineStats = { generatedTokens: 0, activeGenerations: 0 };

  constructor(opts: LlamaEngineOptions) {
    const { models, ...tuning } = opts;
    for (const spec of models) {
      if (this.#models.has(spec.id)) throw psrError('invalid_value', `Two GGUF models share the id '${spec.id}'`, { param: 'gguf' });
      this.#models.set(spec.id, new LoadedModel(spec, tuning));
    }
  }

  /** Load every model now; failures are recorded for health() and requests, never thrown. */
  async preload(): Promise<Array<{ id: string; error?: string }>> {
    const results = [...this.#models.values()].map(async (m) => {
      await m.ready().catch(() => undefined);
      return m.error ? { id: m.spec.id, error: m.error } : { id: m.spec.id };
    });
    return Promise.all(results);
  }

  models(): ModelCard[] {
    return [...this.#models.values()].map((m) => ({
      id: m.spec.id,
      ownedBy: 'local',
      created: this.#created,
      engine: this.name,
      capabilities: ['chat', 'completions', 'embeddings'],
    }));
  }

  /** A snapshot of the token counters. */
  stats(): LlamaEngineStats {
    return { ...this.#stats };
  }

  generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    const channel = new Channel<EngineEvent>(() => stop.abort());
    this.#produce(req, stop.signal, channel)
      .then(() => channel.end(), (err: unknown) => channel.fail(err))
      .finally(() => signal.removeEventListener('abort', onAbort));
    return channel;
  }

  async embed(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
    const entry = this.#entry(req.model);
    return embedWith(entry, req, signal);
  }

  async health(): Promise<EngineHealth> {
    const detail = [...this.#models.values()].map((m) => ({ id: m.spec.id, path: m.spec.path, loaded: m.loaded, ...(m.error ? { error: m.error } : {}) }));
    const errors = detail.filter((d) => d.error).map((d) => d.error);
    return errors.length ? { ok: false, error: errors.join('; '), detail: { models: detail } } : { ok: true, detail: { models: detail } };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#models.values()].map((m) => m.close()));
  }

  #entry(id: string): LoadedModel {
    const entry = this.#models.get(id);
    if (!entry) throw psrError('model_not_found', `The model '${id}' does not exist; local GGUF models: ${[...this.#models.keys()].join(', ') || 'none'}`, { param: 'model' });
    return entry;
  }

  async #produce(req: GenerateRequest, signal: AbortSignal, out: Channel<EngineEvent>): Promise<void> {
    const ready = await this.#entry(req.model).ready();
    const prompt = buildPrompt(req, ready.model, ready.wrapper);
    const room = ready.contextSize - prompt.tokens.length - 1;
    if (room <= 0) throw psrError('context_length_exceeded', `The prompt has ${prompt.tokens.length} tokens; this model's context holds ${ready.contextSize}`, { param: 'messages' });
    const constraint = await constraintFor(req, ready.model.llama);
    const sequence = await ready.pool.acquire(signal);
    this.#stats.activeGenerations++;
    try {
      let completionTokens = 0;
      for (let choice = 0; choice < Math.max(1, req.n); choice++) {
        completionTokens += await this.#choice(req, ready, { sequence, choice, room, constraint, prompt, signal }, out);
      }
      out.push({ type: 'usage', promptTokens: prompt.tokens.length, completionTokens });
    } finally {
      this.#stats.activeGenerations--;
      ready.pool.release(sequence);
    }
  }

  async #choice(req: GenerateRequest, ready: ReadyModel, c: ChoiceContext, out: Channel<EngineEvent>): Promise<number> {
    const generated: Token[] = [];
    const run = runChoice({
      model: ready.model,
      sequence: c.sequence,
      prompt: c.prompt,
      maxTokens: Math.min(req.maxTokens ?? c.room, c.room),
      stop: req.stop,
      options: samplingOptions(req.sampling, ready.model, generated, c.choice),
      generated: generated,
      grammar: c.constraint.kind === 'none' ? undefined : c.constraint.grammar,
      topLogprobs: req.logprobs?.topLogprobs,
      signal: c.signal,
      onToken: () => { this.#stats.generatedTokens++; },
    });
    const toolCall = c.constraint.kind === 'tool_call';
    let text = '';
    let step = await run.next();
    while (!step.done) {
      if (toolCall) text += step.value.text;
      else out.push({ type: 'content', choice: c.choice, text: step.value.text, ...(step.value.logprobs ? { logprobs: step.value.logprobs } : {}) });
      step = await run.next();
    }
    if (toolCall) this.#emitToolCall(c.choice, text, step.value, out);
    else out.push({ type: 'finish', choice: c.choice, reason: step.value.reason });
    return step.value.completionTokens;
  }

  // A grammar-forced call is whole JSON {name, arguments}; cut short by max_tokens it is not,
  // and then the partial text goes out as content with finish 'length', as OpenAI would.
  #emitToolCall(choice: number, text: string, end: ChoiceEnd, out: Channel<EngineEvent>): void {
    let call: { name?: unknown; arguments?: unknown } | undefined;
    try {
      call = JSON.parse(text) as typeof call;
    } catch {
      call = undefined;
    }
    if (!call || typeof call.name !== 'string') {
      out.push({ type: 'content', choice, text });
      out.push({ type: 'finish', choice, reason: end.reason === 'length' ? 'length' : 'stop' });
      return;
    }
    const id = `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    out.push({ type: 'tool_call', choice, index: 0, id, name: call.name, argumentsDelta: JSON.stringify(call.arguments ?? {}) });
    out.push({ type: 'finish', choice, reason: 'tool_calls' });
  }
}

interface ChoiceContext {
  sequence: LlamaContextSequence;
  choice: number;
  room: number;
  constraint: Constraint;
  prompt: Prompt;
  signal: AbortSignal;
}
