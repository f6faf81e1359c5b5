/** The `none` parser: all text is content (tool calls, if any, come from the engine itself). */
import type { ParserOutput, ToolCallParser } from './types.js';

/** Passes every piece through as content. */
export class NoToolParser implements ToolCallParser {
  /** All text is content. */
  push(text: string): ParserOutput {
    return { content: text, calls: [] };
  }

  /** Nothing is ever held. */
  finish(): ParserOutput {
    return { content: '', calls: [] };
  }
}
