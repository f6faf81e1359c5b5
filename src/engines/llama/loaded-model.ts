/**
 * One configured GGUF model, loaded on first use: the model, a context whose sequences are the
 * parallel slots, the chat wrapper, and (lazily) an embedding context. A load failure is kept
 * and reported, so one broken file never takes the rest of psr down.
 */
import { access, constants } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { GeneralChatWrapper, JinjaTemplateChatWrapper, resolveChatWrapper, type ChatWrapper, type LlamaContextSequence, type LlamaEmbeddingContext, type LlamaModel } from 'node-llama-cpp';
import { psrError, PsrError } from '../../core/errors.js';
import type { GgufModelSpec } from './gguf-spec.js';
import { preflightGguf } from './preflight.js';
import { llamaRuntime, type LlamaRuntimeOptions } from './runtime.js';
import { SlotPool } from './slot-pool.js';

/** Per-model tuning shared by every configured model. */
export interface LlamaModelOptions extends LlamaRuntimeOptions {
  /** Sequences generating at once (default 2). */
  parallel?: number;
  /** Requests allowed to wait for a sequence before 429 (default 16). */
  queueSize?: number;
  /** Tokens per sequence (default: the model's training context, at most 4096). */
  contextSize?: number;
  /** CPU threads (default: 1 for models under 64 MB, where thread sync costs more than it gains). */
  threads?: number;
  /** 'jinja' renders the model's own template; 'auto' lets node-llama-cpp pick a wrapper. */
  chatTemplate?: 'jinja' | 'auto';
}

/** What a ready model offers the engine. */
export interface ReadyModel {
  model: LlamaModel;
  wrapper: ChatWrapper;
  pool: SlotPool<LlamaContextSequence>;
  contextSize: number;
}

/** A configured model and its load state. */
export class LoadedModel {
  readonly spec: GgufModelSpec;
  readonly #opts: LlamaModelOptions;
  #ready?: Promise<ReadyModel>;
  #error?: string;
  #embedding?: Promise<LlamaEmbeddingContext>;

  constructor(spec: GgufModelSpec, opts: LlamaModelOptions) {
    this.spec = spec;
    this.#opts = opts;
  }

  /** The recorded load error, if loading failed. */
  get error(): string | undefined {
    return this.#error;
  }

  /** True once the model loaded successfully. */
  get loaded(): boolean {
    return this.#ready !== undefined && this.#error === undefined;
  }

  /** The loaded model; the first call loads it, a failed load rejects with engine_unavailable. */
  ready(): Promise<ReadyModel> {
    this.#ready ??= this.#load().catch((err: unknown) => {
      this.#error = `Model '${this.spec.id}' could not be loaded from ${this.spec.path}: ${describe(err)}`;
      throw psrError('engine_unavailable', this.#error, { cause: err });
    });
    return this.#ready;
  }

  /** A lazily created embedding context (its own KV cache, so it never blocks generation). */
  async embeddingContext(): Promise<LlamaEmbeddingContext> {
    const { model, contextSize } = await this.ready();
    this.#embedding ??= model.createEmbeddingContext({ contextSize, threads: this.#threads(model) });
    return this.#embedding;
  }

  /** Free the native memory. */
  async close(): Promise<void> {
    const ready = await this.#ready?.catch(() => undefined);
    const embedding = await this.#embedding?.catch(() => undefined);
    await embedding?.dispose();
    await ready?.model.dispose();
  }

  async #load(): Promise<ReadyModel> {
    await access(this.spec.path, constants.R_OK).catch(() => {
      throw new Error('the file does not exist or is not readable');
    });
    await preflightGguf(this.spec.path);
    const llama = await llamaRuntime(this.#opts);
    const model = await llama.loadModel({ modelPath: this.spec.path });
    const parallel = Math.max(1, this.#opts.parallel ?? 2);
    const contextSize = this.#opts.contextSize ?? Math.min(model.trainContextSize, 4096);
    const context = await model.createContext({ contextSize, sequences: parallel, threads: this.#threads(model) });
    const sequences = Array.from({ length: parallel }, () => context.getSequence());
    return {
      model,
      wrapper: chatWrapperFor(model, this.#opts.chatTemplate ?? 'jinja'),
      pool: new SlotPool(sequences, this.#opts.queueSize ?? 16, this.spec.id),
      contextSize: sequences[0].contextSize,
    };
  }

  #threads(model: LlamaModel): number {
    if (this.#opts.threads) return this.#opts.threads;
    return model.size < 64 * 1024 * 1024 ? 1 : Math.max(1, availableParallelism() - 1);
  }
}

// The model's own Jinja template first (what its authors meant); node-llama-cpp's detection
// next; a plain general wrapper when the file carries no usable template at all.
function chatWrapperFor(model: LlamaModel, mode: 'jinja' | 'auto'): ChatWrapper {
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  if (mode === 'jinja' && typeof template === 'string' && template.trim()) {
    try {
      return new JinjaTemplateChatWrapper({ template, tokenizer: model.tokenizer });
    } catch {
      // fall through: templates using Jinja features the renderer lacks get a built-in wrapper
    }
  }
  return resolveChatWrapper(model) ?? new GeneralChatWrapper();
}

function describe(err: unknown): string {
  if (err instanceof PsrError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] || 'unknown error';
}
