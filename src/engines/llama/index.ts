/**
 * The llama engine's public surface: the engine, its options, and the `--gguf` spec parser.
 */
export { LlamaEngine, type LlamaEngineOptions, type LlamaEngineStats } from './llama-engine.js';
export { parseGgufSpec, parseGgufSpecs, type GgufModelSpec } from './gguf-spec.js';
export type { LlamaModelOptions } from './loaded-model.js';
