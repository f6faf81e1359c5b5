/**
 * The contract of a tool-call text parser: one instance per choice, fed model text in pieces,
 * returning the text that is safe to show as content and the calls completed so far.
 */

/** A complete tool call recovered from model text; `arguments` is always a JSON object text. */
export interface ParsedToolCall {
  name: string;
  arguments: string;
  /** An id the model itself gave the call (Mistral `[CALL_ID]`); otherwise the stage makes one. */
  id?: string;
  /** True when the text ended before the call was closed and its JSON had to be completed. */
  truncated?: boolean;
}

/** What one push or finish yields: content safe to emit now, and calls completed now. */
export interface ParserOutput {
  content: string;
  calls: ParsedToolCall[];
}

/** A streaming parser for one choice; its state stays private (STYLE.md §4). */
export interface ToolCallParser {
  /** Feed the next piece of model text. */
  push(text: string): ParserOutput;
  /** The text has ended: flush what was held back, closing or releasing an unfinished call. */
  finish(): ParserOutput;
}

