/**
 * Per-model gateway settings: how to find reasoning in the output, what to do with it, which
 * upstreams serve the model and how patiently. DEFAULT_MODELS knows the reasoning families
 * people run; the config file's entries override them; unknown models get 'auto', which strips
 * a <think> block only when the output starts with one, so a model that does not reason never
 * loses text.
 */
import type { ChatMessage, GenerateRequest } from '../core/types.js';
import { phasesStage, type Summarizer } from '../pipeline/phases/stage.js';
import type { ReasoningSpec } from '../pipeline/reasoning/registry.js';
import { reasoningStage } from '../pipeline/reasoning/stage.js';
import type { Stage } from '../pipeline/stage.js';

/** A reasoning-effort level as clients send it. */
export type Effort = NonNullable<GenerateRequest['reasoningEffort']>;

/** How `reasoning_effort` reaches an upstream that may call it something else. */
export interface EffortMapping {
  /** Dotted path of the upstream's field ('reasoning_effort', 'chat_template_kwargs.enable_thinking'); null: never send. */
  field: string | null;
  /** Value per level; a level not listed is sent as is, a value of null is not sent. */
  values?: Partial<Record<Effort, unknown>>;
}

/** Summaries of prompt and reasoning (see pipeline/phases). */
export interface SummaryConfig {
  /** 'extractive' is instant; 'model' asks `model` and falls back to extractive after `timeoutMs`; 'off' sends none. */
  mode: 'extractive' | 'model' | 'off';
  model?: string;
  timeoutMs: number;
  /** A progressive reasoning summary after about this many new characters of reasoning. */
  everyChars: number;
  /** Longest summary text. */
  maxChars: number;
}

/** Everything psr needs to know about one model. */
export interface ModelConfig {
  reasoning: ReasoningSpec;
  summary: SummaryConfig;
  /** Raw reasoning to the client: 'forward' (raw only), 'summarize' (summaries only), 'both'. */
  rawReasoning: 'forward' | 'summarize' | 'both';
  /** Upstream target names, in fallback order. */
  upstreams: string[];
  /** connectMs is for the HTTP client; firstByteMs/idleMs for the upstream engine's stream (UpstreamEventStream). 0 disables. */
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number };
  /** Which delta/message field(s) carry reasoning to the client. */
  reasoningField: 'reasoning_content' | 'reasoning' | 'both';
  reasoningEffort: EffortMapping;
  /** How reasoning on replayed assistant messages goes upstream ('drop' where the upstream rejects it). */
  historyReasoning: 'reasoning_content' | 'reasoning' | 'drop';
  /**
   * Which tool-call parser turns tool calls written in the model's text into `tool_calls`
   * (pipeline/tools: hermes, mistral, llama3_json, reframr); 'none' for servers that send
   * native `tool_calls`. A native server's content holds no markup, so a parser is harmless there.
   */
  toolParser: string;
}

/** A model id pattern: RegExp, '/regex/flags', a glob with * or ?, or a case-insensitive substring. */
export type ModelPattern = string | RegExp;

/** One entry of DEFAULT_MODELS or the config file: a pattern and the settings it overrides. */
export interface ModelConfigEntry {
  match: ModelPattern;
  reasoning?: Partial<ReasoningSpec>;
  summary?: Partial<SummaryConfig>;
  rawReasoning?: ModelConfig['rawReasoning'];
  upstreams?: string[];
  timeouts?: Partial<ModelConfig['timeouts']>;
  reasoningField?: ModelConfig['reasoningField'];
  reasoningEffort?: EffortMapping;
  historyReasoning?: ModelConfig['historyReasoning'];
  toolParser?: string;
}

/** A resolved configuration and where it came from. */
export interface ResolvedModelConfig extends ModelConfig {
  model: string;
  /** The patterns that matched, defaults first ('(fallback)' when none did). */
  matchedBy: string[];
}

/** Settings every model starts from. */
export const BASE_MODEL_CONFIG: ModelConfig = {
  reasoning: { parser: 'auto' },
  summary: { mode: 'extractive', timeoutMs: 3_000, everyChars: 600, maxChars: 240 },
  rawReasoning: 'summarize',
  upstreams: ['default'],
  timeouts: { connectMs: 10_000, firstByteMs: 120_000, idleMs: 60_000 },
  reasoningField: 'reasoning_content',
  reasoningEffort: { field: 'reasoning_effort' },
  historyReasoning: 'reasoning_content',
  toolParser: 'none',
};

const THINK_OPEN_PREFILLED: Partial<ReasoningSpec> = { parser: 'think_tags', startsInReasoning: true };
const FIELD: Partial<ReasoningSpec> = { parser: 'field' };

/** Known reasoning families; first match wins, so specific patterns come first. */
export const DEFAULT_MODELS: ModelConfigEntry[] = [
  // DeepSeek's own API sends reasoning_content and rejects it on input messages.
  { match: /deepseek-reasoner/i, reasoning: FIELD, historyReasoning: 'drop', reasoningEffort: { field: null } },
  // R1 and its distills: the chat template already opened <think>, the output only closes it.
  { match: /deepseek-r1/i, reasoning: THINK_OPEN_PREFILLED, reasoningEffort: { field: null } },
  { match: /qwq/i, reasoning: THINK_OPEN_PREFILLED, reasoningEffort: { field: null }, toolParser: 'hermes' },
  { match: /qwen3.*thinking/i, reasoning: THINK_OPEN_PREFILLED, toolParser: 'hermes' },
  // Qwen3 hybrids switch thinking with a template flag rather than an effort level.
  {
    match: /qwen3/i,
    reasoning: { parser: 'think_tags' },
    reasoningEffort: { field: 'chat_template_kwargs.enable_thinking', values: { none: false, minimal: false, low: true, medium: true, high: true } },
    toolParser: 'hermes',
  },
  { match: /gpt-oss/i, reasoning: FIELD, reasoningEffort: { field: 'reasoning_effort', values: { none: 'low', minimal: 'low' } } },
  // Magistral 2506 prompts for <think>; 2507 and later emit [THINK]…[/THINK] tokens.
  { match: /magistral/i, reasoning: { parser: 'think_tags', open: ['[THINK]', '<think>'], close: ['[/THINK]', '</think>'] }, toolParser: 'mistral' },
  { match: /phi-4.*reasoning/i, reasoning: { parser: 'think_tags' } },
  { match: /exaone.*deep/i, reasoning: { parser: 'think_tags', open: ['<thought>'], close: ['</thought>'] } },
  { match: /glm-(4\.[5-9]|z1)/i, reasoning: { parser: 'think_tags' } },
  { match: /^(openai\/)?(o[134]|gpt-5)([-.:]|$)/i, reasoning: FIELD, timeouts: { firstByteMs: 300_000 } },
  { match: /claude|grok-[34]-mini|sonar-reasoning/i, reasoning: FIELD },
  // psr's own engines. The symbolic engine sends its trace as reasoning events: keep the trace
  // (it is the point) and add the summaries around it.
  { match: /^psycho-symbolic/, reasoning: { parser: 'none' }, rawReasoning: 'both' },
  // The built-in simulated reasoning LLM writes <think> or <reasoning> blocks (or uses fields).
  // mock-reasoner-<format> writes tool calls in that text format (see mock-upstream/modes.ts).
  ...['', 'hermes', 'mistral', 'llama3_json', 'reframr'].map((format): ModelConfigEntry => ({
    match: new RegExp(`^mock-reasoner${format ? `-${format}` : ''}$`),
    reasoning: { parser: 'think_tags', open: ['<think>', '<reasoning>'], close: ['</think>', '</reasoning>'] },
    toolParser: format || 'none',
  })),
  // Families whose chat templates write tool calls as text (what vLLM's --tool-call-parser reads).
  { match: /hermes|qwen/i, toolParser: 'hermes' },
  { match: /mistral|mixtral|ministral|devstral|codestral/i, toolParser: 'mistral' },
  { match: /llama-?3/i, toolParser: 'llama3_json' },
  { match: /reframr/i, toolParser: 'reframr' },
];

/** Whether `pattern` matches `modelId` (case-insensitive unless a RegExp says otherwise). */
export function matchesModel(pattern: ModelPattern, modelId: string): boolean {
  if (pattern instanceof RegExp) return new RegExp(pattern.source, pattern.flags.replace('g', '')).test(modelId);
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) return new RegExp(regex[1], regex[2].replace('g', '')).test(modelId);
  if (/[*?]/.test(pattern)) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${source}$`, 'i').test(modelId);
  }
  return modelId.toLowerCase().includes(pattern.toLowerCase());
}

/** `base` with `entry`'s settings on top; a different parser replaces the reasoning spec whole. */
function overlay(base: ModelConfig, entry: ModelConfigEntry): ModelConfig {
  const sameParser = entry.reasoning?.parser === undefined || entry.reasoning.parser === base.reasoning.parser;
  return {
    reasoning: entry.reasoning ? ({ ...(sameParser ? base.reasoning : {}), ...entry.reasoning } as ReasoningSpec) : base.reasoning,
    summary: { ...base.summary, ...entry.summary },
    rawReasoning: entry.rawReasoning ?? base.rawReasoning,
    upstreams: entry.upstreams ?? base.upstreams,
    timeouts: { ...base.timeouts, ...entry.timeouts },
    reasoningField: entry.reasoningField ?? base.reasoningField,
    reasoningEffort: entry.reasoningEffort ?? base.reasoningEffort,
    historyReasoning: entry.historyReasoning ?? base.historyReasoning,
    toolParser: entry.toolParser ?? base.toolParser,
  };
}

/**
 * The configuration for `modelId`: base ← first matching default ← first matching user entry.
 * @example resolveModelConfig('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', config.models).reasoning // think_tags, startsInReasoning
 */
export function resolveModelConfig(modelId: string, userEntries: ModelConfigEntry[] = [], defaults = DEFAULT_MODELS): ResolvedModelConfig {
  let cfg = BASE_MODEL_CONFIG;
  const matchedBy: string[] = [];
  for (const list of [defaults, userEntries]) {
    const entry = list.find((e) => matchesModel(e.match, modelId));
    if (!entry) continue;
    cfg = overlay(cfg, entry);
    matchedBy.push(String(entry.match));
  }
  return { ...cfg, model: modelId, matchedBy: matchedBy.length ? matchedBy : ['(fallback)'] };
}

/** The body fields that carry `effort` to the upstream (merge into the upstream request body). */
export function effortFields(mapping: EffortMapping, effort: Effort | undefined): Record<string, unknown> {
  if (effort === undefined || mapping.field === null) return {};
  const value = mapping.values && effort in mapping.values ? mapping.values[effort] : effort;
  if (value === null || value === undefined) return {};
  const path = mapping.field.split('.');
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/**
 * A replayed assistant message in the shape this upstream accepts its reasoning in. Clients
 * replay it as `reasoning_content` (DeepSeek, vLLM) or `reasoning` (OpenRouter, Ollama): both are read.
 */
export function historyMessage(msg: ChatMessage, mode: ModelConfig['historyReasoning']): ChatMessage {
  if (msg.role !== 'assistant' || (msg.reasoning_content === undefined && msg.reasoning === undefined)) return msg;
  const { reasoning_content: content, reasoning: field, ...rest } = msg;
  const reasoning = typeof content === 'string' ? content : typeof field === 'string' ? field : undefined;
  if (reasoning === undefined || mode === 'drop') return rest;
  return mode === 'reasoning' ? { ...rest, reasoning } : { ...rest, reasoning_content: reasoning };
}

/**
 * The reasoning stages `cfg` asks for, in pipeline order: the splitter, then phases (left out
 * when summaries are 'off'). `summarizer` is used only when `cfg.summary.mode` is 'model'.
 */
export function reasoningStagesFor(cfg: ModelConfig, summarizer?: Summarizer): Stage[] {
  const splitter = reasoningStage(cfg.reasoning);
  if (cfg.summary.mode === 'off') return [splitter];
  const { everyChars, maxChars, timeoutMs } = cfg.summary;
  const model = cfg.summary.mode === 'model' ? summarizer : undefined;
  return [splitter, phasesStage({ rawReasoning: cfg.rawReasoning, everyChars, maxChars, summarizer: model, summarizerTimeoutMs: timeoutMs })];
}

/** Options for per-request stages that read each request's model configuration. */
export interface ModelStagesOptions {
  /** The config file's model entries (override DEFAULT_MODELS). */
  entries?: ModelConfigEntry[];
  /** Writes reasoning summaries for models whose summary mode is 'model'. */
  summarizer?: Summarizer;
  /** The summarizer for one model's configuration (e.g. asking its `summary.model`); wins over `summarizer`. */
  summarizerFor?: (cfg: ResolvedModelConfig) => Summarizer | undefined;
  /** Which requests get phases (e.g. only upstream-engine models); default all. */
  phasesFor?: (req: GenerateRequest, cfg: ModelConfig) => boolean;
}

/**
 * The splitter and the phases stage for a pipeline serving many models: each request uses its
 * own model's configuration. Plug `splitter` in first and `phases` last.
 */
export function modelReasoningStages(opts: ModelStagesOptions = {}): { splitter: Stage; phases: Stage; configFor: (model: string) => ResolvedModelConfig } {
  const cache = new Map<string, { cfg: ResolvedModelConfig; stages: Stage[] }>();
  const lookup = (model: string) => {
    let hit = cache.get(model);
    if (!hit) {
      const cfg = resolveModelConfig(model, opts.entries);
      hit = { cfg, stages: reasoningStagesFor(cfg, opts.summarizerFor?.(cfg) ?? opts.summarizer) };
      if (cache.size >= 1_000) cache.clear(); // model ids are few; this only bounds a flood of odd ones
      cache.set(model, hit);
    }
    return hit;
  };
  const splitter: Stage = (events, req) => lookup(req.model).stages[0](events, req);
  const phases: Stage = (events, req) => {
    const { cfg, stages } = lookup(req.model);
    if (stages.length < 2 || (opts.phasesFor && !opts.phasesFor(req, cfg))) return events;
    return stages[1](events, req);
  };
  return { splitter, phases, configFor: (model) => lookup(model).cfg };
}
