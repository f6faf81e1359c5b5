/**
 * The tool-call parser registry: one explicit table of built-in parsers by name, with a lookup
 * that lists the known names on a miss (STYLE.md §2).
 */
import { Registry } from '../../core/registry.js';
import { HermesToolParser } from './hermes.js';
import { Llama3JsonToolParser } from './llama3-json.js';
import { MistralToolParser } from './mistral.js';
import { NoToolParser } from './none.js';
import { ReframrToolParser } from './reframr.js';
import type { ToolCallParser } from './types.js';

/** What a parser may know about the request when it is made. */
export interface ToolParserContext {
  /** Names of the offered tools. */
  toolNames?: readonly string[];
}

/** Makes a fresh parser for one choice. */
export type ToolParserFactory = (ctx: ToolParserContext) => ToolCallParser;

/** Tool-call parsers by name: reframr, hermes, mistral, llama3_json, none. */
export const toolCallParsers = new Registry<ToolParserFactory>('tool-call parser')
  .register('reframr', () => new ReframrToolParser())
  .register('hermes', () => new HermesToolParser())
  .register('mistral', () => new MistralToolParser())
  .register('llama3_json', (ctx) => new Llama3JsonToolParser({ toolNames: ctx.toolNames }))
  .register('none', () => new NoToolParser());

/** A fresh parser by name; an unknown name throws listing the known ones. */
export function createToolCallParser(name: string, ctx: ToolParserContext = {}): ToolCallParser {
  return toolCallParsers.get(name)(ctx);
}
