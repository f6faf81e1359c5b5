/** psr's public TypeScript API: build a server, plug in engines, stages and middlewares. */
export { createApp, DEFAULT_BODY_LIMIT, type AppOptions, type AppPlugin } from './api/app.js';
export type { ApiContext } from './api/context.js';
export { loadConfig, ConfigError, type PsrConfig } from './config.js';
export { accumulate, type Accumulated, type AccumulatedChoice } from './core/accumulate.js';
export { PsrError, psrError, toPsrError, type ErrorCode, type ErrorBody } from './core/errors.js';
export { Registry } from './core/registry.js';
export { countTokens, tokenize } from './core/tokens.js';
export type * from './core/types.js';
export { composeGenerate, type Generate, type GenerateMiddleware } from './gateway/generate.js';
export { createPipeline, type PipelineOptions } from './gateway/pipeline.js';
export { ModelRouter } from './gateway/router.js';
export { startServer, type RunningServer, type ServerExtension } from './gateway/server.js';
export { createUpstreamEngine, UpstreamEngine, type UpstreamEngineOptions } from './engines/upstream/engine.js';
export { startMockUpstream, type MockUpstream, type MockUpstreamOptions } from './mock-upstream/server.js';
export { pipe, type Stage } from './pipeline/stage.js';
export { stopSequences } from './pipeline/stop-sequences.js';
export { maxTokens } from './pipeline/max-tokens.js';
export { fanOut } from './pipeline/fan-out.js';
export { usage } from './pipeline/usage.js';
export { toolCallStage, toolCallParsers, createToolCallParser, type ToolCallParser, type ToolParserFactory } from './pipeline/tools/index.js';
export {
  runTools, httpChatClient, loadToolsModule, toolDefinitions, validateToolFields, executeToolCall,
  type RunToolsOptions, type RunToolsResult, type ToolRun, type ChatCompletionsClient, type RunnableTool, type ToolSet, type ToolFields,
} from './tools/index.js';
