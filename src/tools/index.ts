/** Function calling for applications: the tool loop, tool modules, and request-field validation. */
export { runTools, type RunToolsOptions, type RunToolsResult, type ToolRun } from './run-tools.js';
export { httpChatClient, ChatHttpError, type ChatCompletionsClient, type ChatCompletionBody, type HttpChatClientOptions } from './chat-client.js';
export { executeToolCall, serializeToolResult, type ToolOutcome } from './execute-tool.js';
export { loadToolsModule, toolsFromModule } from './load-tools-module.js';
export { toolDefinitions, type RunnableTool, type ToolRunContext, type ToolSet } from './tool-set.js';
export { validateToolFields, TOOL_NAME_PATTERN, type ToolFields, type ToolRequestFields } from './validate-tools.js';
export { compileToolSchema, checkArguments } from './tool-schema.js';
