/**
 * The stages psr applies for engines that lack a feature natively (NativeSupport), in order:
 * stop sequences before max tokens so a stop inside the limit wins.
 */
import type { NativeSupport } from '../core/types.js';
import { maxTokens } from './max-tokens.js';
import type { Stage } from './stage.js';
import { stopSequences } from './stop-sequences.js';

/** The central stages an engine with `native` support needs. */
export function centralStages(native: NativeSupport = {}): Stage[] {
  const stages: Stage[] = [];
  if (!native.stop) stages.push(stopSequences);
  if (!native.maxTokens) stages.push(maxTokens);
  return stages;
}
