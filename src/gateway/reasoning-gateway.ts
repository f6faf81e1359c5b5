/**
 * The reasoning gateway assembled: upstream targets as chain engines sharing one breaker board,
 * and the per-model reasoning stages (splitter first, phases last) for every engine. startServer
 * plugs the parts into the app; tests and embedders can use them on their own.
 */
import { accumulate } from '../core/accumulate.js';
import type { Engine, GenerateRequest } from '../core/types.js';
import { BreakerBoard, type BreakerState } from '../engines/upstream/resilience/circuit-breaker.js';
import type { FallbackOptions } from '../engines/upstream/resilience/fallback.js';
import type { Summarizer } from '../pipeline/phases/stage.js';
import type { Stage } from '../pipeline/stage.js';
import { toolCallStage } from '../pipeline/tools/stage.js';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './gateway-settings.js';
import type { Generate } from './generate.js';
import { modelReasoningStages, type ResolvedModelConfig } from './model-config.js';
import { UpstreamChainEngine } from './upstream-chain.js';
import type { UpstreamTarget } from './upstream-targets.js';

/** Options for createReasoningGateway. */
export interface ReasoningGatewayOptions {
  /** The configured upstream targets (engine 'upstream'); may be empty. */
  targets?: UpstreamTarget[];
  /** Extra chain engines by name, e.g. `{ mock: [{ name: 'mock', url }] }` for the built-in mock. */
  chains?: Record<string, UpstreamTarget[]>;
  settings?: Partial<GatewaySettings>;
  /** Told about every breaker transition (logs, the metrics gauge). */
  onBreakerChange?: (target: string, from: BreakerState, to: BreakerState) => void;
  /** Told about every failed upstream attempt (logs). */
  onFailure?: FallbackOptions['onFailure'];
}

/** The parts startServer wires in. */
export interface ReasoningGateway {
  /** Upstream chain engines (none when no targets are configured). */
  engines: UpstreamChainEngine[];
  board: BreakerBoard;
  /** Pipeline stages: `before` holds the reasoning splitter then the tool-call parser, `last` the phases. */
  pipeline: { before: Stage[]; last: Stage[] };
  /** A model's resolved configuration. */
  configFor(model: string): ResolvedModelConfig;
  /** Which field(s) carry reasoning for a model, for the chat renderer. */
  reasoningField(model: string): ResolvedModelConfig['reasoningField'];
  /** The app's pipeline, for summaries written by a model (`summary.mode: model`); set once it exists. */
  useGenerate(generate: Generate): void;
}

/** The `user` of psr's own summary requests: they get no phases, so a summary never asks for a summary. */
export const SUMMARIZER_USER = 'psr-summarizer';

const SUMMARY_PROMPT = 'Summarize the reasoning below in one or two short sentences, stating its result. Reply with the summary only.';

/** A Summarizer that asks `model` through the gateway's own pipeline (so breakers and fallback apply). */
function modelSummarizer(model: string, maxChars: number, generate: () => Generate | undefined): Summarizer {
  return async function summarizeWithModel(text, signal) {
    const run = generate();
    if (!run) return '';
    const req: GenerateRequest = {
      model,
      input: { kind: 'chat', messages: [{ role: 'system', content: SUMMARY_PROMPT }, { role: 'user', content: text }] },
      n: 1, stop: [], sampling: { temperature: 0 }, maxTokens: Math.max(32, Math.ceil(maxChars / 3)), user: SUMMARIZER_USER, stream: false, extra: {},
    };
    const acc = await accumulate(run(req, signal));
    return acc.choices[0]?.content ?? '';
  };
}

/** Breaker states by target, for the metrics gauge (`createMetrics({ breakerStates })`). */
export function breakerStates(board: BreakerBoard): Record<string, BreakerState> {
  return Object.fromEntries(board.snapshot().map((s) => [s.name, s.state]));
}

/**
 * Build the gateway parts from targets and settings.
 * @example const gw = createReasoningGateway({ targets: parseUpstreamTargets(process.env.UPSTREAM_URL!) })
 */
export function createReasoningGateway(opts: ReasoningGatewayOptions = {}): ReasoningGateway {
  const settings: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, ...opts.settings };
  const board = new BreakerBoard({ ...settings.breaker, onStateChange: opts.onBreakerChange });
  let pipeline: Generate | undefined;
  const stages = modelReasoningStages({
    entries: settings.models,
    // Phases are a chat feature: the completions shape has no place for summaries.
    phasesFor: (req) => settings.phases && req.input.kind === 'chat' && req.user !== SUMMARIZER_USER,
    summarizerFor: ({ summary }) => (summary.mode === 'model' && summary.model ? modelSummarizer(summary.model, summary.maxChars, () => pipeline) : undefined),
  });
  const chain = (name: string, targets: UpstreamTarget[]) =>
    new UpstreamChainEngine({
      name,
      targets,
      board,
      modelConfig: stages.configFor,
      retry: settings.retry,
      connectTimeoutMs: settings.connectTimeoutMs,
      connections: settings.upstreamConnections,
      onFailure: opts.onFailure,
    });
  const engines: UpstreamChainEngine[] = [];
  if (opts.targets?.length) engines.push(chain('upstream', opts.targets));
  for (const [name, targets] of Object.entries(opts.chains ?? {})) if (targets.length) engines.push(chain(name, targets));
  for (const e of engines) for (const t of e.targets) board.get(t.name); // every target shows in /health from the start
  return {
    engines,
    board,
    // Tool markup is looked for in the content the splitter leaves, with each model's parser.
    pipeline: { before: [stages.splitter, toolCallStage((req) => stages.configFor(req.model).toolParser)], last: [stages.phases] },
    configFor: stages.configFor,
    reasoningField: (model) => stages.configFor(model).reasoningField,
    useGenerate: (generate) => void (pipeline = generate),
  };
}

/** Discover every chain's models (a target that is down is tolerated and looked at again later). */
export async function discoverModels(engines: readonly Engine[]): Promise<void> {
  await Promise.allSettled(engines.map((e) => e.refreshModels?.()));
}
