/**
 * The shapes every part of psr shares (see ARCHITECTURE.md): a validated, normalized
 * GenerateRequest goes into an Engine, typed EngineEvents come out.
 */

/** One part of a message's content, as the OpenAI API sends it. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: string } }
  | { type: 'refusal'; refusal: string }
  | { type: string; [key: string]: unknown };

/** A tool call as it appears on an assistant message. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A chat message after validation; legacy `function` messages are normalized to `tool`. */
export interface ChatMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  /** Reasoning kept on assistant messages that clients replay in history. */
  reasoning_content?: string;
  [key: string]: unknown;
}

/** A function tool offered to the model (legacy `functions` are normalized to these). */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** How the model may use the offered tools. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** Sampling parameters, in the engine-neutral form. */
export interface Sampling {
  temperature?: number;
  topP?: number;
  topK?: number;
  minP?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  repetitionPenalty?: number;
  logitBias?: Record<string, number>;
}

/** The requested output format. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; schema: Record<string, unknown>; strict?: boolean };

/** What an engine receives: already validated, already normalized. */
export interface GenerateRequest {
  model: string;
  input: { kind: 'chat'; messages: ChatMessage[] } | { kind: 'text'; prompt: string; suffix?: string };
  maxTokens?: number;
  n: number;
  stop: string[];
  sampling: Sampling;
  logprobs?: { topLogprobs: number };
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  /** True when the client used legacy `functions`: answers come back as `function_call`. */
  legacyFunctions?: boolean;
  responseFormat?: ResponseFormat;
  reasoningEffort?: 'none' | 'minimal' | 'low' | 'medium' | 'high';
  user?: string;
  /** A hint that the client streams; engines may use it to pick their own transport, the output is the same. */
  stream?: boolean;
  /** Unknown request fields, passed through to upstreams. */
  extra: Record<string, unknown>;
  /** Who asked and how to reach back to them; set by the API layer, never sent upstream or cached. */
  context?: RequestContext;
}

/**
 * The per-request state gateway middlewares share with the HTTP side (auth, rate limits,
 * response headers). It travels on the GenerateRequest itself rather than in
 * AsyncLocalStorage, whose promise hooks would tax every await in the process.
 */
export interface RequestContext {
  /** The caller's API key identity when auth is on (never the key itself). */
  principal?: { id: string; role: 'user' | 'admin' };
  /** Called with real token counts when a usage event passes (rate-limit correction). */
  onUsage: Array<(promptTokens: number, completionTokens: number) => void>;
  /** Set a response header while nothing has been sent yet (e.g. x-psr-cache). */
  setHeader?(name: string, value: string): void;
  /**
   * The controller of the signal the pipeline was called with. A middleware that must stop the
   * generation itself (drain at the shutdown deadline) aborts it with a PsrError as the reason,
   * which the HTTP layer reports to the client, instead of making a second controller.
   */
  controller?: AbortController;
}

/** One alternative token with its log probability. */
export interface TopLogprob {
  token: string;
  logprob: number;
  bytes?: number[] | null;
}

/** The log probability of one generated token. */
export interface TokenLogprob extends TopLogprob {
  topLogprobs: TopLogprob[];
}

/** Why a choice finished. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** The phases of a gateway response. */
export type Phase = 'prompt_summary' | 'reasoning_summary' | 'final_output';

/**
 * An event stream that can hand over, without a promise, events it already holds (e.g. the rest
 * of one network read). `takeReady()` returns such an event exactly as the next `next()` would
 * have, or undefined when `next()` must be awaited (nothing held, the end, or a failure).
 * Consumers use it to pass a batch of events on in one turn instead of one await each.
 */
export interface ReadyEvents {
  takeReady(): EngineEvent | undefined;
}

/** What an engine yields. `choice` is the index for n > 1. */
export type EngineEvent =
  | { type: 'reasoning'; choice: number; text: string }
  | { type: 'content'; choice: number; text: string; logprobs?: TokenLogprob[] }
  | { type: 'tool_call'; choice: number; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'phase'; choice: number; phase: Phase; text?: string }
  | { type: 'finish'; choice: number; reason: FinishReason }
  | { type: 'usage'; promptTokens: number; completionTokens: number; reasoningTokens?: number }
  /** Engine-specific data a renderer may attach to the response (e.g. proofs); never required. */
  | { type: 'meta'; choice: number; key: string; value: unknown };

/** A model an engine serves, as listed by /v1/models. */
export interface ModelCard {
  id: string;
  ownedBy: string;
  created?: number;
  /** The engine that serves it (filled in by the registry). */
  engine?: string;
  /** What the model can do; engines that can't embed don't list 'embeddings'. */
  capabilities?: Array<'chat' | 'completions' | 'embeddings'>;
  [key: string]: unknown;
}

/** An embeddings request after validation: inputs are strings or token arrays. */
export interface EmbedRequest {
  model: string;
  input: Array<string | number[]>;
  dimensions?: number;
  user?: string;
  extra: Record<string, unknown>;
}

/** Vectors in input order, with the tokens counted. */
export interface EmbedResult {
  vectors: number[][];
  promptTokens: number;
}

/** What an engine reports for /health. */
export interface EngineHealth {
  ok: boolean;
  detail?: Record<string, unknown>;
  error?: string;
}

/** Request features an engine implements itself; missing ones are applied by central pipeline stages. */
export interface NativeSupport {
  /** Produces `n` choices in one stream. */
  n?: boolean;
  /** Cuts at stop sequences and finishes with "stop". */
  stop?: boolean;
  /** Honours maxTokens and finishes with "length". */
  maxTokens?: boolean;
}

/** A pluggable source of completions (symbolic, upstream, llama). */
export interface Engine {
  readonly name: string;
  models(): ModelCard[];
  generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent>;
  embed?(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult>;
  health(): Promise<EngineHealth>;
  /** What the engine does itself; the gateway applies the rest centrally (fan-out, stop, max tokens). */
  readonly native?: NativeSupport;
  /** Re-read the model list (e.g. an upstream that was down at start); called on a model miss. */
  refreshModels?(): Promise<void>;
  /** Release sockets, timers, models. */
  close?(): Promise<void>;
}
