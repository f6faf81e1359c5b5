/** Tool calls parsed from model text: the parser registry and the stream stage. */
export { toolCallStage, toolParsingActive, newToolCallId, type ToolCallStageOptions } from './stage.js';
export { toolCallParsers, createToolCallParser, type ToolParserContext, type ToolParserFactory } from './registry.js';
export { MarkerParser, type CallRead } from './marker-parser.js';
export { normalizeArguments, repairJson } from './json-text.js';
export type { ParsedToolCall, ParserOutput, ToolCallParser } from './types.js';
